/**
 * Kibana alerting-framework rule (`POST /api/alerting/rule`), pySigma's `siem_rule` shape, for every Elastic target.
 * The targets differ only in a few values and in pySigma's key order, which is kept (JSON key order is visible in
 * the output and pySigma's tests compare it), so the order is data here.
 */
import type { QueryContext } from '../../src/backend.js'
import { riskScore, ruleInfo, settingsFrom, severity } from './siem.js'

export interface AlertingSpec {
  readonly type: string
  readonly language: string
  readonly ruleTypeId: string
  readonly query: string
  /** Index patterns; absent for ES|QL (the FROM clause names them). */
  readonly index?: readonly string[]
  /** pySigma writes risk score 0 (not 1) for informational rules in this shape for lucene/kql. */
  readonly informationalZero: boolean
  /** Key orders of pySigma's backends: lucene/kql, eql, esql. */
  readonly order: 'query' | 'eql' | 'esql'
}

const TOP: Readonly<Record<AlertingSpec['order'], readonly string[]>> = {
  query: ['name', 'consumer', 'enabled', 'throttle', 'schedule', 'params', 'rule_type_id', 'tags', 'notify_when', 'actions'],
  eql: ['name', 'consumer', 'enabled', 'throttle', 'schedule', 'params', 'rule_type_id', 'notify_when', 'tags', 'actions'],
  esql: ['name', 'tags', 'enabled', 'consumer', 'throttle', 'schedule', 'params', 'rule_type_id', 'notify_when', 'actions'],
}

const HEAD = ['author', 'description', 'ruleId', 'falsePositives', 'from', 'immutable', 'license', 'outputIndex', 'meta', 'maxSignals']
const RISK = ['riskScore', 'riskScoreMapping', 'severity', 'severityMapping', 'threat', 'to', 'references', 'version', 'exceptionsList']
const PARAMS: Readonly<Record<AlertingSpec['order'], readonly string[]>> = {
  query: [...HEAD, ...RISK, 'relatedIntegrations', 'requiredFields', 'setup', 'type', 'language', 'index', 'query', 'filters'],
  eql: [...HEAD, ...RISK, 'relatedIntegrations', 'requiredFields', 'setup', 'type', 'language', 'index', 'query', 'filters'],
  esql: [...HEAD, 'relatedIntegrations', 'requiredFields', 'riskScore', 'riskScoreMapping', 'setup', 'severity', 'severityMapping', 'threat', 'to', 'references', 'version', 'exceptionsList', 'type', 'language', 'query'],
}

const ordered = (keys: readonly string[], values: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(keys.map((k) => [k, values[k]]))

export function alertingRuleBody(spec: AlertingSpec, ctx: QueryContext): Record<string, unknown> {
  const r = ruleInfo(ctx)
  const s = settingsFrom(ctx)
  const params = ordered(PARAMS[spec.order], {
    author: r.author, description: r.description, ruleId: r.id, falsePositives: r.falsePositives, from: s.from,
    immutable: false, license: r.license, outputIndex: '', meta: { from: s.lookback }, maxSignals: s.maxSignals,
    riskScore: riskScore(r.level, spec.informationalZero), riskScoreMapping: [], severity: severity(r.level), severityMapping: [],
    threat: r.threat, to: 'now', references: r.references, version: 1, exceptionsList: [], relatedIntegrations: [],
    requiredFields: [], setup: '', type: spec.type, language: spec.language, index: spec.index, query: spec.query, filters: [],
  })
  return ordered(TOP[spec.order], {
    name: r.name, consumer: 'siem', enabled: s.enabled, throttle: null, schedule: { interval: s.interval }, params,
    rule_type_id: spec.ruleTypeId, tags: r.tags, notify_when: 'onActiveAlert', actions: [],
  })
}
