/**
 * Every query the corpus produces (per pipeline) parses without errors with Microsoft's Kusto parser and refers only
 * to tables and columns of the schema kept in backends/kusto/schema. Names come from the parser's tokens (fast);
 * the full semantic analyser, which is ~20× slower, runs on every 25th query and must find no error other than
 * operand-type mismatches, counted (pySigma's `LogonType == 9` on DeviceLogonEvents' string column is kept for parity);
 * the fallback queries of `sentinel_tables` must have none.
 */
import { describe, expect, it } from 'vitest'
import { SCHEMAS } from '../../backends/kusto/schema/index.js'
import { convertCorpus, readReference, PIPELINES } from './corpus.js'
import { computedColumns, globalsFor, parseNames, semanticErrors, syntaxErrors, TOO_DEEP } from './kql.js'

const TYPE_CODES = new Set(['KS106', 'KS107', 'KS108', 'KS109'])
const SAMPLE = 25

type Schema = (typeof SCHEMAS)[keyof typeof SCHEMAS]

/** Syntax errors, and names outside `schema` (a table of `foreign` counts as unknown too). */
function nameProblems(path: string, q: string, schema: Schema, foreign: Schema = {}): string[] {
  const problems: string[] = []
  const { syntax, names } = parseNames(q)
  if (syntax.length > 0) problems.push(`${path}: syntax ${JSON.stringify(syntax)}`)
  const [table, ...cols] = names
  const columns = table === undefined || Object.hasOwn(foreign, table) ? undefined : schema[table]
  const computed = computedColumns(q)
  if (!columns) problems.push(`${path}: unknown table ${table}`)
  else for (const c of cols) if (!Object.hasOwn(columns, c) && !Object.hasOwn(computed, c)) problems.push(`${path}: ${table} has no column ${c}`)
  return problems
}

describe('kusto: corpus queries are valid KQL over the mapped schema', () => {
  for (const p of PIPELINES) {
    it(p, () => {
      const schema = SCHEMAS[p]
      const paths = readReference(p).map((r) => r.path)
      const queries = convertCorpus(p, paths).flatMap((r) => (r.ok ? r.queries.map((q) => ({ path: r.path, q })) : []))
      const t0 = Date.now()
      const problems: string[] = []
      for (const { path, q } of queries) problems.push(...nameProblems(path, q, schema))
      const parseMs = Date.now() - t0
      const globals = globalsFor(schema)
      let typeIssues = 0
      let analysed = 0
      for (let i = 0; i < queries.length; i += SAMPLE) {
        const { path, q } = queries[i] as { path: string; q: string }
        const errs = semanticErrors(q, globals)
        if (errs.some((x) => x.code === TOO_DEEP)) continue
        analysed++
        for (const e of errs) {
          if (TYPE_CODES.has(e.code)) typeIssues++
          else problems.push(`${path}: ${e.code} ${e.message}`)
        }
      }
      console.log(
        `[kusto kql ${p}] ${queries.length} queries parsed, names checked against the schema in ${parseMs} ms; ` +
          `analyser on ${analysed} sampled: type mismatches (not failed) ${typeIssues}; problems ${problems.length}`,
      )
      expect(problems).toEqual([])
    }, 300_000)
  }

  // sentinel_tables=true: rules the pipeline converts by itself are checked above (identical, see coverage.test.ts);
  // the rules it converts only with the option use the Sentinel tables, so their queries are checked against the
  // azure_monitor schema, all of them also by the semantic analyser.
  it.each(['microsoft_xdr', 'sentinel_asim'] as const)('%s with sentinel_tables=true: the fallback queries, against the azure_monitor schema', (pipeline) => {
    const paths = readReference(pipeline).map((r) => r.path)
    const off = convertCorpus(pipeline, paths)
    const on = convertCorpus(pipeline, paths, undefined, { sentinel_tables: 'true' })
    const schema = SCHEMAS.azure_monitor
    const queries = on.flatMap((r, i) => (r.ok && !off[i]?.ok ? r.queries.map((q) => ({ path: r.path, q })) : []))
    const globals = globalsFor(schema)
    const problems: string[] = []
    let typeIssues = 0
    // microsoft_xdr falls back to Sentinel tables only; sentinel_asim to azure_monitor's tables, Defender ones in the workspace included.
    const foreign = pipeline === 'microsoft_xdr' ? SCHEMAS.microsoft_xdr : SCHEMAS.sentinel_asim
    for (const { path, q } of queries) {
      problems.push(...nameProblems(path, q, schema, foreign))
      for (const e of semanticErrors(q, globals)) {
        if (e.code === TOO_DEEP) continue
        if (TYPE_CODES.has(e.code)) typeIssues++
        else problems.push(`${path}: ${e.code} ${e.message}`)
      }
    }
    console.log(`[kusto kql ${pipeline}+sentinel_tables] ${queries.length} fallback queries; type mismatches ${typeIssues}; problems ${problems.length}`)
    expect(queries.length).toBeGreaterThan(200)
    expect(problems).toEqual([])
    expect(typeIssues).toBe(0)
  }, 300_000)

  it('without a pipeline (syntax only, every 10th rule)', () => {
    const paths = readReference('microsoft_xdr').map((r) => r.path).filter((_, i) => i % 10 === 0)
    const queries = convertCorpus(null, paths).flatMap((r) => (r.ok ? r.queries : []))
    const bad = queries.map((q) => ({ q, e: syntaxErrors(`T\n| where ${q}`) })).filter((x) => x.e.length > 0)
    console.log(`[kusto kql no pipeline] ${queries.length} queries, syntax failures ${bad.length}`)
    expect(bad).toEqual([])
  }, 300_000)
})
