/**
 * EQL corpus conformance. EQL regexes are whole-value Lucene regexes; pySigma passes Sigma regexes unchanged
 * and always matches them case-insensitively (fix `eql-regex`, applied to pySigma's text); a literal `*`/`?` has
 * no EQL wildcard form (listed class `literal-wildcard`). identical + identical-once-fixed must cover ≥ 98%.
 */
import { describe, expect, it } from 'vitest'
import { hasShared, readDeviations, runConformance, summary } from './harness.js'
import { eql } from '../../backends/eql/backend.js'

const deviations = readDeviations('eql')

describe.skipIf(!hasShared)('eql conformance with pySigma', () => {
  const cases = [
    ['eql', [], 'default'],
    ['eql_ecs_windows', ['ecs_windows'], 'default'],
  ] as const
  for (const [ref, pipelines, format] of cases) {
    it(`${ref}: every difference from pySigma is a listed deviation`, () => {
      const r = runConformance(ref, { target: eql, pipelines: [...pipelines], withoutPipeline: true, format }, deviations)
      console.log(summary(ref, r))
      for (const m of r.mismatches.slice(0, 5)) console.log(JSON.stringify(m))
      expect(r.mismatches).toEqual([])
      expect((r.identical + r.fixed) / r.referenceOk).toBeGreaterThanOrEqual(0.98)
    })
  }
})
