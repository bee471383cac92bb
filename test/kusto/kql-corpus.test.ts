/**
 * Every query the corpus produces (per pipeline) parses without errors with Microsoft's Kusto parser and, analysed
 * against the schema of the mapped tables, names only existing tables and columns and has a predicate in `where`.
 * Type mismatches the analyser reports (e.g. pySigma's `in~` on a long column) are counted, not failed (known gap).
 */
import { describe, expect, it } from 'vitest'
import { SCHEMAS } from '../../backends/kusto/schema/index.js'
import { convertCorpus, readReference, PIPELINES, type KustoPipeline } from './corpus.js'
import { globalsFor, semanticErrors, syntaxErrors, NAME_CODES, NOT_PREDICATE, type KqlProblem } from './kql.js'

/** Codes the analyser uses for operand-type mismatches; everything else is a failure. */
const TYPE_CODES = new Set(['KS106', 'KS107', 'KS108', 'KS109'])
const BATCH = 80

function check(queries: readonly string[], globals: unknown): { failures: { query: string; problems: KqlProblem[] }[]; typeIssues: number } {
  const failures: { query: string; problems: KqlProblem[] }[] = []
  let typeIssues = 0
  for (let i = 0; i < queries.length; i += BATCH) {
    const batch = queries.slice(i, i + BATCH)
    // Statements separated by `;` are analysed in one pass; only a batch with errors is re-checked query by query.
    const errs = semanticErrors(batch.join(';\n'), globals)
    if (errs.length === 0) continue
    for (const q of batch) {
      const p = semanticErrors(q, globals)
      const bad = p.filter((x) => !TYPE_CODES.has(x.code))
      typeIssues += p.length - bad.length
      if (bad.length > 0) failures.push({ query: q, problems: bad })
    }
  }
  return { failures, typeIssues }
}

describe('kusto: corpus queries are valid KQL over the mapped schema', () => {
  for (const p of PIPELINES) {
    it(p, () => {
      const paths = readReference(p as KustoPipeline).map((r) => r.path)
      const queries = convertCorpus(p, paths).flatMap((r) => (r.ok ? r.queries : []))
      const t0 = Date.now()
      const { failures, typeIssues } = check(queries, globalsFor(SCHEMAS[p]))
      const byCode = new Map<string, number>()
      for (const f of failures) for (const x of f.problems) byCode.set(x.code, (byCode.get(x.code) ?? 0) + 1)
      console.log(`[kusto kql ${p}] ${queries.length} queries analysed in ${Date.now() - t0} ms; failures ${failures.length} ${JSON.stringify(Object.fromEntries(byCode))}; type mismatches (not failed) ${typeIssues}`)
      for (const f of failures.slice(0, 5)) console.log(f.query, f.problems)
      expect(failures.filter((f) => f.problems.some((x) => NAME_CODES.has(x.code) || x.code === NOT_PREDICATE)).length).toBe(0)
      expect(failures).toEqual([])
    }, 300_000)
  }

  it('without a pipeline (syntax only, every 10th rule)', () => {
    const paths = readReference('microsoft_xdr').map((r) => r.path).filter((_, i) => i % 10 === 0)
    const queries = convertCorpus(null, paths).flatMap((r) => (r.ok ? r.queries : []))
    const bad = queries.map((q) => ({ q, e: syntaxErrors(`T\n| where ${q}`) })).filter((x) => x.e.length > 0)
    console.log(`[kusto kql no pipeline] ${queries.length} queries, syntax failures ${bad.length}`)
    expect(bad).toEqual([])
  }, 300_000)
})
