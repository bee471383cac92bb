/** Elastic rule bodies and ATT&CK threat entries built offline from tags. */
import { describe, expect, it } from 'vitest'
import { createConverter } from '../../src/convert.js'
import type { Backend } from '../../src/backend.js'
import { lucene } from '../../backends/lucene/backend.js'
import { esql } from '../../backends/esql/backend.js'
import { eql } from '../../backends/eql/backend.js'
import { threatFromTags } from '../../backends/elastic-common/attack.js'
import { pyJson } from '../../backends/elastic-common/siem.js'

const RULE = `title: Encoded PowerShell
id: 11111111-1111-4111-8111-111111111111
description: Detects encoded commands
author: Someone
level: informational
tags: [attack.execution, attack.t1059.001, attack.defense_evasion, attack.t1027, car.2016-04-005]
falsepositives: [Admins]
logsource: {product: windows, category: process_creation}
detection:
  sel: {CommandLine|contains: ' -enc '}
  condition: sel
`

function body(target: Backend, format: string, backendOptions: Record<string, string> = {}): Record<string, unknown> {
  const { results } = createConverter({ target, withoutPipeline: true, format, backendOptions }).convertText(RULE)
  expect(results[0]?.ok).toBe(true)
  return results[0]?.queries[0] as Record<string, unknown>
}

const THREAT = [
  {
    framework: 'MITRE ATT&CK',
    tactic: { id: 'TA0002', name: 'Execution', reference: 'https://attack.mitre.org/tactics/TA0002' },
    technique: [{ id: 'T1059', name: 'Command and Scripting Interpreter', reference: 'https://attack.mitre.org/techniques/T1059', subtechnique: [{ id: 'T1059.001', name: 'PowerShell', reference: 'https://attack.mitre.org/techniques/T1059/001' }] }],
  },
  {
    framework: 'MITRE ATT&CK',
    tactic: { id: 'TA0005', name: 'Defense Evasion', reference: 'https://attack.mitre.org/tactics/TA0005' },
    technique: [{ id: 'T1027', name: 'Obfuscated Files or Information', reference: 'https://attack.mitre.org/techniques/T1027', subtechnique: [] }],
  },
]
const TAGS = ['attack-execution', 'attack-t1059.001', 'attack-defense_evasion', 'attack-t1027', 'car-2016-04-005']

describe('threat entries from tags', () => {
  it('attaches techniques to the tactic tag before them', () => {
    expect(threatFromTags(['attack.execution', 'attack.t1059.001', 'attack.defense_evasion', 'attack.t1027'])).toEqual(THREAT)
  })
  it.each([
    [['attack.t1027', 'attack.defense-evasion'], [{ tactic: 'TA0005', techniques: ['T1027'] }]],
    [['attack.t1027'], [{ tactic: 'TA0005', techniques: ['T1027'] }]],
    [['attack.command-and-control', 'attack.t1071.001', 'attack.t1071.004'], [{ tactic: 'TA0011', techniques: ['T1071'] }]],
    [['attack.g0016', 'attack.s0002', 'attack.exfiltration'], [{ tactic: 'TA0010', techniques: [] }]],
  ])('%j', (tags, expected) => {
    const got = threatFromTags(tags).map((t) => ({ tactic: t.tactic.id, techniques: t.technique.map((x) => x.id) }))
    expect(got).toEqual(expected)
  })
})

describe('rule bodies', () => {
  it('lucene siem_rule_ndjson', () => {
    const b = body(lucene, 'siem_rule_ndjson', { schedule_interval: '10' })
    expect(Object.keys(b).slice(0, 5)).toEqual(['id', 'name', 'enabled', 'throttle', 'interval'])
    expect(b).toMatchObject({
      id: '11111111-1111-4111-8111-111111111111', rule_id: '11111111-1111-4111-8111-111111111111', name: 'SIGMA - Encoded PowerShell',
      interval: '10m', from: 'now-11m', author: ['Someone'], false_positives: ['Admins'], license: 'DRL', risk_score: 1, severity: 'low',
      type: 'query', language: 'lucene', query: 'CommandLine:*\\ \\-enc\\ *', threat: THREAT, tags: TAGS,
    })
    expect(b.index).toContain('winlogbeat-*')
  })
  it('lucene siem_rule (alerting framework)', () => {
    const b = body(lucene, 'siem_rule_alerting')
    expect(b).toMatchObject({ consumer: 'siem', rule_type_id: 'siem.queryRule', schedule: { interval: '5m' }, tags: TAGS })
    expect(b.params).toMatchObject({ ruleId: '11111111-1111-4111-8111-111111111111', riskScore: 0, severity: 'low', language: 'lucene', threat: THREAT })
  })
  it('eql siem_rule_ndjson and eqlapi', () => {
    expect(body(eql, 'siem_rule_ndjson')).toMatchObject({ type: 'eql', language: 'eql', query: 'any where CommandLine:"* -enc *"', risk_score: 0, severity: 'low' })
    expect(body(eql, 'eqlapi')).toEqual({ query: 'any where CommandLine:"* -enc *"' })
  })
  it('esql siem_rule and siem_rule_ndjson', () => {
    const q = 'from * metadata _id, _index, _version | where CommandLine like "* -enc *"'
    expect(body(esql, 'siem_rule_alerting')).toMatchObject({ rule_type_id: 'siem.esqlRule', params: { type: 'esql', language: 'esql', query: q, riskScore: 1 } })
    expect(body(esql, 'siem_rule_ndjson')).toMatchObject({ type: 'esql', query: q, risk_score: 0, severity: 'low', threat: THREAT })
  })
  it('lucene kibana_ndjson embeds Python-style JSON', () => {
    const b = body(lucene, 'kibana_ndjson') as { attributes: { kibanaSavedObjectMeta: { searchSourceJSON: string } } }
    expect(b.attributes.kibanaSavedObjectMeta.searchSourceJSON).toContain('"query": {"query_string": {"query": "CommandLine:*\\\\ \\\\-enc\\\\ *", "analyze_wildcard": true}}')
  })
  it('pyJson escapes like json.dumps', () => {
    expect(pyJson({ a: ['é', 1, true, null], b: {} })).toBe('{"a": ["\\u00e9", 1, true, null], "b": {}}')
  })
})

describe('correlations', () => {
  const corr = (type: string): string => `title: Base\nname: base\nlogsource: {category: test}\ndetection:\n  sel: {a: 1}\n  condition: sel\n---\ntitle: C\ncorrelation:\n  type: ${type}\n  rules: [base]\n  group-by: [b]\n  timespan: 1h\n  condition: {gte: 3}\n`
  it.each([
    [lucene, 'event_count', /does not support correlation/],
    [eql, 'event_count', /does not support correlation/],
    [esql, 'temporal_ordered', /temporal_ordered/],
  ] as const)('%# refuses', (target, type, message) => {
    const { results } = createConverter({ target, withoutPipeline: true }).convertText(corr(type))
    expect(results.map((r) => r.ok)).toEqual([false])
    expect(results[0]?.diagnostics.map((d) => d.message).join()).toMatch(message)
  })
  it('esql event_count with hours', () => {
    const { results } = createConverter({ target: esql, withoutPipeline: true }).convertText(corr('event_count'))
    expect(results[0]?.queries).toEqual(['from * metadata _id, _index, _version | where a==1\n| eval timebucket=date_trunc(1hours, @timestamp) | stats event_count=count() by timebucket, b\n| where event_count >= 3'])
  })
})
