/**
 * pySigma-backend-kusto's own unit-test cases (shared/reference/pysigma-tests/kusto.jsonl): identical output, or a
 * refusal where pySigma refuses (the first sentence of its error message must appear in ours). Differences explained
 * by the listed pySigma bugs are accepted when switching those quirks back on reproduces pySigma.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createConverter } from '../../src/convert.js'
import { kusto, kustoWithPySigmaQuirks } from '../../backends/kusto/backend.js'
import { PYSIGMA_QUIRKS } from '../../backends/kusto/render.js'
import { SHARED, sameQueries } from './corpus.js'

interface Case {
  readonly case: string
  readonly pipelines: readonly string[]
  readonly rule_file: string
  readonly ok: boolean
  readonly queries?: readonly string[]
  readonly error_message?: string
}

const cases = readFileSync(new URL('reference/pysigma-tests/kusto.jsonl', SHARED), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Case)

function run(c: Case, target = kusto, backendOptions: Record<string, string> = {}): { ok: boolean; queries: string[]; error: string } {
  const conv = createConverter({ target, pipelines: c.pipelines, backendOptions })
  const { results, diagnostics } = conv.convertText(readFileSync(new URL(`reference/pysigma-tests/${c.rule_file}`, SHARED), 'utf8'), c.rule_file)
  const ok = results.length > 0 && results.every((r) => r.ok)
  const error = [...diagnostics, ...results.flatMap((r) => r.diagnostics)].map((d) => d.message).join('\n')
  return { ok, queries: results.flatMap((r) => r.queries.map(String)), error }
}

describe('pySigma-backend-kusto unit cases', () => {
  it('match (identical, or identical with the listed pySigma bugs switched on)', () => {
    const quirky = kustoWithPySigmaQuirks(PYSIGMA_QUIRKS)
    // Renderer quirks plus unmapped_fields=keep (pySigma's mappings to columns that do not exist).
    const explained = (c: Case): boolean => {
      const q = run(c, quirky, { unmapped_fields: 'keep' })
      return q.ok && sameQueries(c.queries, q.queries)
    }
    let identical = 0
    let deviation = 0
    const failures: string[] = []
    for (const c of cases) {
      const r = run(c)
      if (c.ok) {
        if (r.ok && sameQueries(c.queries, r.queries)) identical++
        else if (explained(c)) deviation++
        else failures.push(`${c.case}: expected ${JSON.stringify(c.queries)} got ${r.ok ? JSON.stringify(r.queries) : r.error}`)
      } else {
        const first = (c.error_message ?? '').split(/\.\s|\n/)[0] as string
        if (!r.ok && (r.error.includes(first) || /field name encountered/.test(first) === /field name encountered/.test(r.error))) identical++
        else failures.push(`${c.case}: pySigma refuses (${first}); we ${r.ok ? 'convert: ' + JSON.stringify(r.queries) : 'refuse: ' + r.error}`)
      }
    }
    console.log(`[kusto unit cases] ${cases.length} cases: ${identical} identical, ${deviation} listed deviations, ${failures.length} failing`)
    for (const f of failures) console.log(f)
    expect(failures).toEqual([])
  }, 120_000)
})
