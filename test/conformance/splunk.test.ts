import { describe, expect, it } from 'vitest'
import { hasShared, readDeviations, runConformance, summary } from './harness.js'

const deviations = readDeviations('splunk')

describe.skipIf(!hasShared)('splunk conformance with pySigma', () => {
  for (const [ref, pipelines] of [['splunk', []], ['splunk_windows', ['splunk_windows']]] as const) {
    it(`${ref}: ≥ 98% identical, every other difference a listed deviation`, () => {
      const r = runConformance(ref, { target: 'splunk', pipelines: [...pipelines], withoutPipeline: true }, deviations)
      console.log(summary(ref, r))
      for (const m of r.mismatches.slice(0, 5)) console.log(JSON.stringify(m))
      expect(r.identical / r.referenceOk).toBeGreaterThanOrEqual(0.98)
      expect(r.mismatches).toEqual([])
    })
  }
})
