/**
 * ES|QL corpus conformance. pySigma escapes `like` patterns once (fix `esql-strings`) and passes Sigma regexes
 * to RLIKE unchanged (fix `esql-rlike`); both fixes are applied to pySigma's text, so identical +
 * identical-once-fixed must cover ≥ 98% and every other difference is listed.
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
      expect((r.identical + r.fixed) / r.referenceOk).toBeGreaterThanOrEqual(0.98)
    })
  }
})
