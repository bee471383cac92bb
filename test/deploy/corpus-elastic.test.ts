/** Every corpus rule that converts, as each Elastic deployable format, is valid against the vendor schema. */
import { describe, expect, it } from 'vitest'
import { hasShared, validateTarget } from './corpus.js'
import type { TargetId } from './targets.js'

const CASES: readonly { target: TargetId; formats: string[] }[] = [
  { target: 'lucene', formats: ['siem_rule', 'siem_rule_ndjson', 'siem_rule_alerting'] },
  { target: 'elastic-kql', formats: ['siem_rule', 'siem_rule_ndjson', 'siem_rule_alerting'] },
  { target: 'eql', formats: ['siem_rule', 'siem_rule_ndjson', 'siem_rule_alerting'] },
  { target: 'esql', formats: ['siem_rule', 'siem_rule_ndjson', 'siem_rule_alerting'] },
]

describe.skipIf(!hasShared)('Elastic rule bodies over the corpus', () => {
  it.each(CASES)('$target', ({ target, formats }) => {
    for (const r of validateTarget(target, 'ecs_windows', formats)) {
      console.log(`${target} ${r.format}: ${r.converted}/${r.rules} rules convert, ${r.bodies} bodies, ${r.invalid.length} invalid`)
      expect(r.invalid.slice(0, 5)).toEqual([])
      expect(r.bodies).toBeGreaterThan(2900)
    }
  }, 120_000)
})
