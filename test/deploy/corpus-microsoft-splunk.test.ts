/** Every corpus rule that converts, as each Sentinel, Defender and Splunk deployable format, is valid against the vendor schema. */
import { describe, expect, it } from 'vitest'
import { hasShared, validateTarget } from './corpus.js'
import type { TargetId } from './targets.js'

const CASES: readonly { target: TargetId; pipeline: string; formats: string[]; min: number }[] = [
  { target: 'sentinel', pipeline: 'sentinel_asim', formats: ['analytics_rule', 'arm'], min: 1500 },
  { target: 'defender', pipeline: 'microsoft_xdr', formats: ['custom_detection', 'analytics_rule'], min: 1500 },
  { target: 'splunk', pipeline: 'windows', formats: ['saved_search_rest', 'search_job'], min: 3000 },
]

describe.skipIf(!hasShared)('Sentinel, Defender and Splunk bodies over the corpus', () => {
  it.each(CASES)('$target', ({ target, pipeline, formats, min }) => {
    for (const r of validateTarget(target, pipeline, formats)) {
      console.log(`${target} ${r.format}: ${r.converted}/${r.rules} rules convert, ${r.bodies} bodies, ${r.invalid.length} invalid`)
      expect(r.invalid.slice(0, 5)).toEqual([])
      expect(r.bodies).toBeGreaterThan(min)
    }
  }, 120_000)
})
