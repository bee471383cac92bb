/** Shared deploy conventions: ids, durations, ATT&CK lookups, level tables, option checks, DSL leaves. */
import { describe, expect, it } from 'vitest'
import { uuidV5 } from '../../src/deploy/uuid.js'
import { DEPLOY_NAMESPACE, deployIdentity } from '../../src/deploy/ids.js'
import { elasticDuration, isoDuration, parseDuration } from '../../src/deploy/duration.js'
import { ATTACK_SOURCE, attackGroups, tacticForTag, technique, TACTICS } from '../../src/deploy/attack.js'
import { SENTINEL_TACTICS } from '../../src/deploy/schemas/sentinel.js'
import { sentinelTactic } from '../../backends/kusto/deploy/tactics.js'
import { armLiteral } from '../../backends/kusto/deploy/sentinel.js'
import { exprToDsl } from '../../backends/elastic-common/dsl/build.js'
import { ANY, ONE, str, type Value } from '../../src/ir/value.js'
import type { Expr } from '../../src/ir/expr.js'
import { createConverter } from '../../src/convert.js'
import { TARGETS } from './targets.js'

const src = { document: 0 }

describe('stable ids', () => {
  it('UUIDv5 matches RFC 9562 / Python uuid.uuid5', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d')
    expect(uuidV5('6ba7b811-9dad-11d1-80b4-00c04fd430c8', 'urn:sigmaport:deployed-rule')).toBe(DEPLOY_NAMESPACE)
  })
  it('derives from the Sigma id, case-insensitively, one id per condition', () => {
    const a = deployIdentity({ id: 'CA2092A1-C273-4878-9B4B-0D60115BF5EA', title: 'x', source: src })
    const b = deployIdentity({ id: 'ca2092a1-c273-4878-9b4b-0d60115bf5ea', title: 'renamed', source: { file: 'other.yml', document: 3 } })
    expect(a).toEqual(b)
    expect(a.from).toBe('sigma-id')
    expect(deployIdentity({ id: 'ca2092a1-c273-4878-9b4b-0d60115bf5ea', title: 'x', source: src }, 1).id).not.toBe(a.id)
  })
  it('falls back to title + file, deterministically', () => {
    const r = { title: 'No id', source: { file: 'r.yml', document: 0 } }
    expect(deployIdentity(r)).toEqual(deployIdentity(r))
    expect(deployIdentity(r).from).toBe('title-file')
    expect(deployIdentity({ ...r, title: 'No id 2' }).id).not.toBe(deployIdentity(r).id)
  })
})

describe('durations', () => {
  it.each([
    ['5m', 300], ['30s', 30], ['1h', 3600], ['2d', 172800], ['PT5M', 300], ['PT1H30M', 5400], ['P1D', 86400], ['P1DT6H', 108000], ['P1W', 604800],
    ['5', undefined], ['PT', undefined], ['P', undefined], ['5x', undefined], ['', undefined],
  ] as const)('parse %s', (text, seconds) => expect(parseDuration(text)).toBe(seconds))
  it.each([[300, 'PT5M'], [3600, 'PT1H'], [5400, 'PT1H30M'], [86400, 'P1D'], [90000, 'P1DT1H'], [45, 'PT45S'], [0, 'PT0S']] as const)('iso %d', (s, iso) =>
    expect(isoDuration(s)).toBe(iso))
  it.each([[360, '6m'], [3600, '1h'], [90, '90s'], [86400, '1d']] as const)('elastic %d', (s, t) => expect(elasticDuration(s)).toBe(t))
})

describe('ATT&CK snapshot', () => {
  it('names its source and version', () => {
    expect(ATTACK_SOURCE.version).toMatch(/^ATT&CK v\d+/)
    expect(ATTACK_SOURCE.commit).toMatch(/^[0-9a-f]{40}$/)
  })
  it('has the 14 enterprise tactics, all valid Sentinel tactics', () => {
    expect(TACTICS.map((t) => t.id)).toHaveLength(14)
    for (const t of TACTICS) expect(SENTINEL_TACTICS).toContain(sentinelTactic(t.shortname))
    expect(sentinelTactic('command-and-control')).toBe('CommandAndControl')
  })
  it('resolves techniques, sub-techniques and revocations', () => {
    expect(technique('t1059.001')).toMatchObject({ id: 'T1059.001', name: 'PowerShell', parent: 'T1059', known: true })
    expect(technique('T1086')).toMatchObject({ id: 'T1059.001', name: 'PowerShell' })
    expect(technique('T9999')).toMatchObject({ id: 'T9999', name: 'T9999', known: false, tactics: [] })
    expect(tacticForTag('defense_evasion')?.id).toBe('TA0005')
  })
  it.each([
    [['attack.execution', 'attack.t1059.001', 'attack.defense-evasion', 'attack.t1027'], [['TA0002', ['T1059.001']], ['TA0005', ['T1027']]]],
    // ATT&CK decides: T1027 is defense evasion even when tagged after execution
    [['attack.execution', 'attack.defense-evasion', 'attack.t1027', 'attack.t1059'], [['TA0002', ['T1059']], ['TA0005', ['T1027']]]],
    // a technique whose tactic is not tagged brings its first ATT&CK tactic
    [['attack.t1027'], [['TA0005', ['T1027']]]],
    // unknown techniques stay with the tactic tagged before them
    [['attack.impact', 'attack.t9999'], [['TA0040', ['T9999']]]],
    [['attack.g0016', 'attack.s0002', 'attack.exfiltration'], [['TA0010', []]]],
    [['car.2016-04-005'], []],
  ] as const)('groups %j', (tags, expected) => {
    expect(attackGroups(tags).map((g) => [g.tactic.id, g.techniques.map((t) => t.id)])).toEqual(expected)
  })
})

describe('ARM literal strings', () => {
  it('escapes strings ARM would evaluate', () => {
    expect(armLiteral({ a: '[concat(1)]', b: ['[x', 'y]'], c: 1 })).toEqual({ a: '[[concat(1)]', b: ['[x', 'y]'], c: 1 })
  })
})

describe('native DSL', () => {
  const f = (value: Value): Expr => ({ kind: 'field', field: 'f', value })
  it.each<[string, Expr, unknown]>([
    ['exact', f(str(['a*b'])), { term: { f: { value: 'a*b', case_insensitive: true } } }],
    ['cased', f(str(['Ab'], true)), { term: { f: { value: 'Ab' } } }],
    ['prefix', f(str(['ab', ANY])), { prefix: { f: { value: 'ab', case_insensitive: true } } }],
    ['wildcard escapes', f(str([ANY, 'a?\\', ONE])), { wildcard: { f: { value: '*a\\?\\\\?', case_insensitive: true } } }],
    ['number', f({ type: 'num', value: 4624 }), { term: { f: { value: 4624 } } }],
    ['compare', f({ type: 'cmp', op: 'gte', value: 3 }), { range: { f: { gte: 3 } } }],
    ['null', f({ type: 'null' }), { bool: { must_not: [{ exists: { field: 'f' } }] } }],
    ['cidr', f({ type: 'cidr', cidr: '10.0.0.0/8', version: 4, network: '10.0.0.0', prefix: 8 }), { term: { f: { value: '10.0.0.0/8' } } }],
    ['regex', f({ type: 're', regex: '^a.c$', flags: [] }), { regexp: { f: { value: 'a.c', flags: 'ALL' } } }],
    ['keyword', { kind: 'keyword', value: str(['a b']) }, { query_string: { query: '*a\\ b*', analyze_wildcard: true } }],
    [
      'and/or/not flattened',
      { kind: 'and', args: [f(str(['a'])), { kind: 'and', args: [{ kind: 'not', arg: f({ type: 'num', value: 1 }) }, { kind: 'or', args: [f({ type: 'bool', value: true }), { kind: 'or', args: [f({ type: 'exists', exists: true })] }] }] }] },
      {
        bool: {
          filter: [
            { term: { f: { value: 'a', case_insensitive: true } } },
            { bool: { must_not: [{ term: { f: { value: 1 } } }] } },
            { bool: { should: [{ term: { f: { value: true } } }, { exists: { field: 'f' } }], minimum_should_match: 1 } },
          ],
        },
      },
    ],
  ])('%s', (_, e, expected) => expect(exprToDsl(e)).toEqual(expected))
  it('refuses time-part modifiers with a positioned diagnostic', () => {
    expect(() => exprToDsl({ kind: 'field', field: 'ts', value: { type: 'timepart', part: 'hour', op: 'eq', value: 3 }, pos: { line: 4, column: 5 } })).toThrow(/hour time-part/)
  })
})

const RULE = (extra = ''): string => `title: T
${extra}logsource: {product: windows, category: process_creation}
detection:
  sel: {CommandLine|contains: x}
  condition: sel
`

describe('options', () => {
  const run = (target: keyof typeof TARGETS, format: string, pipeline: string, backendOptions: Record<string, string>, text = RULE('id: 11111111-1111-4111-8111-111111111111\n')) =>
    createConverter({ target: TARGETS[target], pipelines: [pipeline], format, backendOptions }).convertText(text, 'r.yml').results[0]
  it('sentinel schedules take durations in either notation and are range-checked', () => {
    const ok = run('sentinel', 'analytics_rule', 'sentinel_asim', { query_frequency: '1h', query_period: 'P1D', trigger_threshold: '5', suppression_enabled: 'true' })
    expect(ok?.queries[0]).toMatchObject({ properties: { queryFrequency: 'PT1H', queryPeriod: 'P1D', triggerThreshold: 5, suppressionEnabled: true } })
    const bad = run('sentinel', 'analytics_rule', 'sentinel_asim', { query_frequency: '1m' })
    expect(bad?.ok).toBe(false)
    expect(bad?.diagnostics[0]).toMatchObject({ code: 'config.option', message: expect.stringContaining('query_frequency') })
    expect(run('sentinel', 'analytics_rule', 'sentinel_asim', { trigger_operator: 'Bigger' })?.diagnostics[0]?.message).toMatch(/GreaterThan/)
  })
  it('elastic interval and lookback make from', () => {
    expect(run('lucene', 'siem_rule', 'ecs_windows', { schedule_interval: '10', lookback: '2m' })?.queries[0]).toMatchObject({ interval: '10m', from: 'now-12m', meta: { from: '2m' } })
  })
  it('splunk cron and window', () => {
    expect(run('splunk', 'saved_search_rest', 'windows', { cron_schedule: '0 * * * *', earliest_time: '-1h@h', alert_suppress_period: '1h' })?.queries[0]).toMatchObject({
      cron_schedule: '0 * * * *', 'dispatch.earliest_time': '-1h@h', 'alert.suppress': '1', 'alert.suppress.period': '1h',
    })
    expect(run('splunk', 'saved_search_rest', 'windows', { cron_schedule: 'every minute' })?.ok).toBe(false)
  })
  it('defender schedule period and impacted asset', () => {
    expect(run('defender', 'custom_detection', 'microsoft_xdr', { schedule_period: '0', impacted_asset: 'accountsid' })?.queries[0]).toMatchObject({
      schedule: { period: '0' },
      detectionAction: { alertTemplate: { impactedAssets: [{ '@odata.type': '#microsoft.graph.security.impactedUserAsset', identifier: 'accountSid' }] } },
    })
  })
  it('a rule without id gets a derived id (same on every run)', () => {
    const a = run('sentinel', 'analytics_rule', 'sentinel_asim', {}, RULE())?.queries[0] as { name: string }
    const b = run('sentinel', 'analytics_rule', 'sentinel_asim', {}, RULE())?.queries[0] as { name: string }
    expect(a.name).toBe(b.name)
    const e = run('lucene', 'siem_rule', 'ecs_windows', {}, RULE())?.queries[0] as { rule_id: string }
    expect(e.rule_id).toBe(deployIdentity({ title: 'T', source: { file: 'r.yml', document: 0 } }).id)
  })
})
