/**
 * ES|QL corpus conformance. pySigma's regexes are wrong for RLIKE (whole-value Lucene regexes, `(?i)` flags),
 * so every rule with a regex is a listed deviation: identical + deviations must cover ≥ 98%.
 */
import { describe, expect, it } from 'vitest'
import { hasShared, readDeviations, runConformance, summary } from './harness.js'
import { esql } from '../../backends/esql/backend.js'

const deviations = readDeviations('esql')

describe.skipIf(!hasShared)('esql conformance with pySigma', () => {
  const cases = [
    ['esql', [], 'default'],
    ['esql_ecs_windows', ['ecs_windows'], 'default'],
  ] as const
  for (const [ref, pipelines, format] of cases) {
    it(`${ref}: every difference from pySigma is a listed deviation`, () => {
      const r = runConformance(ref, { target: esql, pipelines: [...pipelines], withoutPipeline: true, format }, deviations)
      console.log(summary(ref, r))
      for (const m of r.mismatches.slice(0, 5)) console.log(JSON.stringify(m))
      expect(r.mismatches).toEqual([])
      expect((r.identical + r.deviations) / r.referenceOk).toBeGreaterThanOrEqual(0.98)
      expect(r.identical / r.referenceOk).toBeGreaterThanOrEqual(0.97)
    })
  }
})
