/**
 * Lucene corpus conformance. pySigma's regexes are invalid or wrong in Lucene (unanchored search semantics,
 * `(?i)` flags), so rules with a regex are a listed deviation whose fix (reference-fixes.ts `lucene-regex`) is
 * applied to pySigma's text: identical + identical-once-fixed must cover ≥ 98%, every other difference is listed.
 * Each corpus pass converts once; the dsl_lucene references are checked by applying that format to the same
 * queries (the format is a pure wrapper), which keeps the file fast.
 */
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { createConverter } from '../../src/convert.js'
import type { QueryContext } from '../../src/backend.js'
import type { SigmaDocument } from '../../src/ir/rule.js'
import { isListedDeviation } from './deviation-classes.js'
import { SHARED, hasShared, readDeviations, readReference, sameQueries, summary, type ConformanceReport } from './harness.js'
import { applyFixes } from './reference-fixes.js'
import { lucene } from '../../backends/lucene/backend.js'
import { dslLuceneFormat } from '../../backends/lucene/formats.js'

const deviations = readDeviations('lucene')
const fixes = deviations.flatMap((d) => (d.fix === undefined ? [] : [d.fix]))
const isDeviation = (path: string, id: string | undefined, docs: readonly SigmaDocument[]): boolean => isListedDeviation(deviations, path, id, docs)

type Wrap = (q: string) => unknown
const WRAPS: Readonly<Record<string, Wrap>> = {
  default: (q) => q,
  dsl_lucene: (q) => (dslLuceneFormat.query as (q: string, ctx: QueryContext) => unknown)(q, {} as QueryContext),
}

/** One conversion pass over the corpus, compared with several reference files (one per output format). */
function pass(pipelines: readonly string[], refs: Readonly<Record<string, string>>): Record<string, ConformanceReport> {
  const conv = createConverter({ target: lucene, pipelines: [...pipelines], withoutPipeline: true })
  const outputs = new Map<string, { ok: boolean; queries: string[]; error: string; docs: SigmaDocument[] }>()
  const first = readReference(Object.values(refs)[0] as string)
  for (const ref of first) {
    const { results } = conv.convertText(readFileSync(SHARED + 'sigma/' + ref.path, 'utf8'), ref.path)
    const ok = results.length > 0 && results.every((r) => r.ok)
    outputs.set(ref.path, { docs: results.map((r) => r.document), ok, queries: results.flatMap((r) => r.queries.map(String)), error: results.flatMap((r) => r.diagnostics.map((d) => d.message)).join('; ') })
  }
  const reports: Record<string, ConformanceReport> = {}
  for (const [format, name] of Object.entries(refs)) {
    const wrap = WRAPS[format] as Wrap
    let referenceOk = 0, identical = 0, fixed = 0, devs = 0, extra = 0
    const mismatches: ConformanceReport['mismatches'] = []
    const lines = readReference(name)
    for (const ref of lines) {
      const out = outputs.get(ref.path) ?? { ok: false, queries: [], error: 'not converted', docs: [] }
      if (!ref.ok) {
        if (out.ok) extra++
        continue
      }
      referenceOk++
      const actual = out.queries.map(wrap)
      const expected = ref.queries ?? []
      if (out.ok && sameQueries(actual, expected)) identical++
      else if (out.ok && sameQueries(actual, expected.map((q) => applyFixes(fixes, q)))) fixed++
      else if (isDeviation(ref.path, ref.id, out.docs)) devs++
      else mismatches.push({ path: ref.path, expected, actual: out.ok ? actual : out.error })
    }
    reports[name] = { total: lines.length, referenceOk, identical, fixed, deviations: devs, mismatches, extraConverted: extra }
  }
  return reports
}

describe.skipIf(!hasShared)('lucene conformance with pySigma', () => {
  const passes = [
    [[], { default: 'lucene', dsl_lucene: 'lucene_dsl_lucene' }],
    [['ecs_windows'], { default: 'lucene_ecs_windows', dsl_lucene: 'lucene_ecs_windows_dsl_lucene' }],
  ] as const
  for (const [pipelines, refs] of passes) {
    it(`${Object.values(refs).join(' + ')}: every difference from pySigma is a listed deviation`, () => {
      const reports = pass(pipelines, refs)
      for (const [name, r] of Object.entries(reports)) {
        console.log(summary(name, r))
        for (const m of r.mismatches.slice(0, 5)) console.log(JSON.stringify(m))
      }
      for (const r of Object.values(reports)) {
        expect(r.mismatches).toEqual([])
        expect((r.identical + r.fixed) / r.referenceOk).toBeGreaterThanOrEqual(0.98)
      }
    })
  }
})
