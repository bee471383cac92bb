/**
 * Lucene corpus conformance. pySigma's regexes are invalid or wrong in Lucene (unanchored search semantics,
 * `(?i)` flags), so every rule with a regex is a listed deviation: identical + deviations must cover ≥ 98%.
 */
import { describe, expect, it } from 'vitest'
import { hasShared, readDeviations, runConformance, summary } from './harness.js'
import { lucene } from '../../backends/lucene/backend.js'

const deviations = readDeviations('lucene')

describe.skipIf(!hasShared)('lucene conformance with pySigma', () => {
  const cases = [
    ['lucene', [], 'default'],
    ['lucene_ecs_windows', ['ecs_windows'], 'default'],
    ['lucene_dsl_lucene', [], 'dsl_lucene'],
    ['lucene_ecs_windows_dsl_lucene', ['ecs_windows'], 'dsl_lucene'],
  ] as const
  for (const [ref, pipelines, format] of cases) {
    it(`${ref}: every difference from pySigma is a listed deviation`, () => {
      const r = runConformance(ref, { target: lucene, pipelines: [...pipelines], withoutPipeline: true, format }, deviations)
      console.log(summary(ref, r))
      for (const m of r.mismatches.slice(0, 5)) console.log(JSON.stringify(m))
      expect(r.mismatches).toEqual([])
      expect((r.identical + r.deviations) / r.referenceOk).toBeGreaterThanOrEqual(0.98)
      expect(r.identical / r.referenceOk).toBeGreaterThanOrEqual(0.97)
    })
  }
})
