/**
 * pySigma's two rule shapes for every Elastic target: the Kibana alerting-framework rule (`POST /api/alerting/rule`,
 * our `siem_rule_alerting`) and the detection-engine NDJSON import line (`siem_rule_ndjson`). The targets differ only
 * in a few values and in pySigma's key order, which is kept (JSON key order is visible in the output), so the order is
 * data here.
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

/** pySigma's detection-engine NDJSON import line (`siem_rule_ndjson`), the same values in each backend's key order. */
export interface NdjsonSpec {
  readonly type: string
  readonly language: string
  readonly query: string
  readonly index?: readonly string[]
  readonly informationalZero: boolean
  readonly order: 'query' | 'eql' | 'esql'
}

const NDJSON_HEAD = ['id', 'name', 'enabled', 'throttle', 'interval', 'author', 'description', 'rule_id', 'false_positives', 'from', 'immutable', 'license', 'output_index', 'meta', 'max_signals']
const NDJSON_TAIL = ['threat', 'tags', 'to', 'references', 'version', 'exceptions_list', 'related_integrations', 'required_fields', 'setup', 'type', 'language', 'index', 'query', 'filters', 'actions']
const NDJSON: Readonly<Record<NdjsonSpec['order'], readonly string[]>> = {
  query: [...NDJSON_HEAD, 'risk_score', 'risk_score_mapping', 'severity', 'severity_mapping', ...NDJSON_TAIL],
  eql: [...NDJSON_HEAD, 'risk_score', 'severity', 'risk_score_mapping', 'severity_mapping', ...NDJSON_TAIL],
  esql: ['id', 'name', 'tags', 'interval', 'enabled', 'description', 'risk_score', 'severity', 'note', 'license', 'output_index', 'meta', 'author', 'false_positives', 'from', 'rule_id', 'max_signals', 'risk_score_mapping', 'severity_mapping', 'threat', 'to', 'references', 'version', 'exceptions_list', 'immutable', 'related_integrations', 'required_fields', 'setup', 'type', 'language', 'query', 'actions'],
}

export function ndjsonRuleBody(spec: NdjsonSpec, ctx: QueryContext): Record<string, unknown> {
  const r = ruleInfo(ctx)
  const s = settingsFrom(ctx)
  return ordered(NDJSON[spec.order], {
    id: r.id, name: r.name, enabled: s.enabled, throttle: 'no_actions', interval: s.interval, author: r.author,
    description: r.description, rule_id: r.id, false_positives: r.falsePositives, from: s.from, immutable: false,
    license: r.license, output_index: '', meta: { from: s.lookback }, max_signals: s.maxSignals,
    risk_score: riskScore(r.level, spec.informationalZero), risk_score_mapping: [], severity: severity(r.level), severity_mapping: [],
    note: '', threat: r.threat, tags: r.tags, to: 'now', references: r.references, version: 1, exceptions_list: [],
    related_integrations: [], required_fields: [], setup: '', type: spec.type, language: spec.language, index: spec.index,
    query: spec.query, filters: [], actions: [],
  })
}

/** The NDJSON import line of a query rule (Lucene or KQL). */
export function queryRuleNdjsonBody(language: 'lucene' | 'kuery', q: string, ctx: QueryContext): Record<string, unknown> {
  return ndjsonRuleBody({ type: 'query', language, index: settingsFrom(ctx).indexNames, query: q, informationalZero: false, order: 'query' }, ctx)
}
