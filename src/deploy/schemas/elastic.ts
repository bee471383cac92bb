/**
 * Kibana detection-engine rule bodies, written from the Kibana OpenAPI docs (Security Detections API,
 * `POST /api/detection_engine/rules`, rule create props; SIGMA-NOTES §9.1). Strict: an unknown key is an error,
 * so a typo in a builder cannot pass. Also pySigma's NDJSON import line and alerting-framework shapes (looser:
 * only the fields the import/alerting APIs need are checked).
 */
import { z } from 'zod'

const ref = z.strictObject({ id: z.string().min(1), name: z.string().min(1), reference: z.url() })
export const threatSchema = z.strictObject({
  framework: z.literal('MITRE ATT&CK'),
  tactic: ref.extend({ id: z.string().regex(/^TA\d{4}$/) }),
  technique: z.array(
    ref.extend({ id: z.string().regex(/^T\d{4}$/), subtechnique: z.array(ref.extend({ id: z.string().regex(/^T\d{4}\.\d{3}$/) })) }),
  ),
})

const dateMath = z.string().regex(/^now-\d+[smhd]$/)
const interval = z.string().regex(/^\d+[smhd]$/)
const severity = z.enum(['low', 'medium', 'high', 'critical'])

const common = {
  rule_id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().min(1),
  query: z.string().min(1),
  enabled: z.boolean(),
  interval,
  from: dateMath,
  to: z.string().min(1),
  meta: z.record(z.string(), z.unknown()),
  risk_score: z.number().int().min(0).max(100),
  severity,
  author: z.array(z.string()),
  references: z.array(z.string()),
  false_positives: z.array(z.string()),
  license: z.string(),
  tags: z.array(z.string()),
  threat: z.array(threatSchema),
  max_signals: z.number().int().min(1),
  version: z.number().int().min(1),
}
const index = z.array(z.string().min(1)).min(1)

export const detectionRuleSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...common, type: z.literal('query'), language: z.enum(['kuery', 'lucene']), index, filters: z.array(z.unknown()) }),
  z.strictObject({ ...common, type: z.literal('eql'), language: z.literal('eql'), index }),
  z.strictObject({ ...common, type: z.literal('esql'), language: z.literal('esql'), query: z.string().regex(/^from /i) }),
])

/** One line of the rule import API (`POST /api/detection_engine/rules/_import`, NDJSON). */
export const ndjsonRuleSchema = z.looseObject({
  id: z.string().min(1),
  rule_id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().min(1),
  type: z.enum(['query', 'eql', 'esql']),
  language: z.enum(['kuery', 'lucene', 'eql', 'esql']),
  query: z.string().min(1),
  enabled: z.boolean(),
  interval,
  from: dateMath,
  risk_score: z.number().int().min(0).max(100),
  severity,
  threat: z.array(threatSchema),
  max_signals: z.number().int().min(1),
  version: z.number().int().min(1),
})

/** pySigma's `siem_rule` (alerting framework `POST /api/alerting/rule`). */
export const alertingRuleSchema = z.looseObject({
  name: z.string().min(1),
  consumer: z.literal('siem'),
  enabled: z.boolean(),
  schedule: z.strictObject({ interval }),
  rule_type_id: z.enum(['siem.queryRule', 'siem.eqlRule', 'siem.esqlRule']),
  params: z.looseObject({
    ruleId: z.string().min(1),
    description: z.string().min(1),
    riskScore: z.number().int().min(0).max(100),
    severity,
    type: z.enum(['query', 'eql', 'esql']),
    language: z.enum(['kuery', 'lucene', 'eql', 'esql']),
    query: z.string().min(1),
    from: dateMath,
    threat: z.array(threatSchema),
  }),
})
