/**
 * Pieces of the Elastic detection-rule bodies shared by the four Elastic targets: the detection-engine body
 * (`siem_rule`), and pySigma's two shapes (`siem_rule_ndjson`, and its alerting-framework body, kept as
 * `siem_rule_alerting`), whose key order each target keeps in its own formats file. Deliberate differences from
 * pySigma: `from` = now-(interval + lookback) so runs overlap by `meta.from` (pySigma: now-interval), `rule_id`
 * derived when the Sigma id is missing or not a UUID (src/deploy/ids.ts), `severity` is always a value Elastic
 * accepts (informational → low), `threat` is built offline (attack.ts) and `tags` always keeps every tag (pySigma drops the attack tags as a
 * side effect of building `threat`, depending on key order).
 */
import type { QueryContext } from '../../src/backend.js'
import type { Level, RuleMeta } from '../../src/ir/rule.js'
import { splitTag, threatFromTags, type ThreatEntry } from './attack.js'
import { deployIdentity, NO_ID_WARNING } from '../../src/deploy/ids.js'
import { isUuid } from '../../src/deploy/uuid.js'
import { warn } from '../../src/deploy/context.js'
import { durationOption, elasticDuration } from '../../src/deploy/duration.js'
import { ELASTIC_DEPLOY_OPTIONS, boolOption, intOption, optionText } from '../../src/deploy/options.js'
import { elasticLevel } from '../../src/deploy/levels.js'

export const DEFAULT_INDEX_NAMES = [
  'apm-*-transaction*', 'auditbeat-*', 'endgame-*', 'filebeat-*', 'logs-*', 'packetbeat-*', 'traces-apm*', 'winlogbeat-*', '-*elastic-cloud-logs-*',
] as const

export const SIEM_OPTIONS = {
  index_names: { description: 'siem_rule formats: comma-separated index patterns', default: DEFAULT_INDEX_NAMES.join(',') },
  schedule_interval: { description: 'siem_rule formats: rule schedule interval (number)', default: '5' },
  schedule_interval_unit: { description: 'siem_rule formats: unit of the schedule interval (s, m, h)', default: 'm' },
  ...ELASTIC_DEPLOY_OPTIONS,
} as const

export interface SiemSettings {
  readonly interval: string
  /** Start of each run's window: now minus (interval + lookback), e.g. `now-6m` for the 5m/1m defaults. */
  readonly from: string
  /** The additional look-back (Kibana keeps it in `meta.from`). */
  readonly lookback: string
  readonly indexNames: readonly string[]
  readonly enabled: boolean
  readonly maxSignals: number
}

export function settingsFrom(ctx: QueryContext): SiemSettings {
  const o = ctx.options
  const names = (o.index_names ?? DEFAULT_INDEX_NAMES.join(',')).split(',').map((s) => s.trim()).filter((s) => s !== '')
  const interval = `${o.schedule_interval || '5'}${o.schedule_interval_unit || 'm'}`
  const intervalSeconds = durationOption('schedule_interval', interval)
  const lookback = durationOption('lookback', optionText(o, ELASTIC_DEPLOY_OPTIONS, 'lookback'))
  return {
    interval,
    from: `now-${elasticDuration(intervalSeconds + lookback)}`,
    lookback: elasticDuration(lookback),
    indexNames: names.length > 0 ? names : [...DEFAULT_INDEX_NAMES],
    enabled: boolOption('enabled', optionText(o, ELASTIC_DEPLOY_OPTIONS, 'enabled')),
    maxSignals: intOption('max_signals', optionText(o, ELASTIC_DEPLOY_OPTIONS, 'max_signals'), 1, 10000),
  }
}

/**
 * Elastic `rule_id`: the Sigma id itself when it is a UUID (what pySigma writes, so rules it deployed update in
 * place), else — no id, a non-UUID id, or a rule's second and later conditions — the shared derived id.
 */
export function elasticRuleId(ctx: QueryContext): string {
  const r: RuleMeta = ctx.rule
  if (r.id !== undefined && isUuid(r.id.trim()) && ctx.index === 0) return r.id.trim()
  const identity = deployIdentity(r, ctx.index)
  if (identity.from === 'title-file') warn(ctx, NO_ID_WARNING.code, NO_ID_WARNING.message)
  return identity.id
}

const RISK: Readonly<Record<Level, number>> = { informational: 1, low: 21, medium: 47, high: 73, critical: 99 }

/** pySigma's two risk-score variants: some bodies score informational rules 0, others 1. */
export const riskScore = (level: Level | undefined, informationalZero: boolean): number =>
  level === undefined ? 21 : level === 'informational' && informationalZero ? 0 : RISK[level]

export const severity = (level: Level | undefined): string => (level === undefined || level === 'informational' ? 'low' : level)

export interface RuleInfo {
  readonly id: string
  readonly name: string
  readonly description: string
  readonly author: string[]
  readonly falsePositives: string[]
  readonly license: string
  readonly references: string[]
  readonly tags: string[]
  readonly threat: ThreatEntry[]
  readonly level: Level | undefined
}

export function ruleInfo(ctx: QueryContext): RuleInfo {
  const r = ctx.rule
  return {
    id: elasticRuleId(ctx),
    name: `SIGMA - ${r.title}`,
    description: r.description ?? 'No description',
    author: r.author === undefined ? [] : [r.author],
    falsePositives: [...r.falsepositives],
    license: r.license ?? 'DRL',
    references: [...r.references],
    tags: r.tags.map((t) => {
      const { namespace, name } = splitTag(t)
      return `${namespace}-${name}`
    }),
    threat: threatFromTags(r.tags),
    level: r.level,
  }
}

/** Python `json.dumps` text (", " and ": " separators, non-ASCII escaped) for JSON embedded in strings. */
export function pyJson(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(pyJson).join(', ') + ']'
  if (v !== null && typeof v === 'object') return '{' + Object.entries(v).map(([k, x]) => pyJson(k) + ': ' + pyJson(x)).join(', ') + '}'
  const text = JSON.stringify(v) ?? 'null'
  return text.replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
}

/** What differs between the four Elastic targets' detection-engine bodies. */
export interface EngineQuery {
  readonly type: 'query' | 'eql' | 'esql'
  readonly language: 'kuery' | 'lucene' | 'eql' | 'esql'
  readonly query: string
  /** Index patterns; absent for ES|QL (its FROM names the indices). */
  readonly index?: readonly string[]
}

/**
 * Kibana detection-engine rule (`POST /api/detection_engine/rules`, create/update by `rule_id`): the
 * `siem_rule` format of every Elastic target. Severity and risk score come from src/deploy/levels.ts.
 */
export function detectionRuleBody(q: EngineQuery, ctx: QueryContext): Record<string, unknown> {
  const r = ruleInfo(ctx)
  const s = settingsFrom(ctx)
  const level = elasticLevel(r.level)
  return {
    rule_id: r.id,
    name: r.name,
    description: r.description,
    type: q.type,
    language: q.language,
    query: q.query,
    ...(q.index !== undefined ? { index: [...q.index] } : {}),
    ...(q.type === 'query' ? { filters: [] } : {}),
    enabled: s.enabled,
    interval: s.interval,
    from: s.from,
    to: 'now',
    meta: { from: s.lookback },
    risk_score: level.riskScore,
    severity: level.severity,
    author: r.author,
    references: r.references,
    false_positives: r.falsePositives,
    license: r.license,
    tags: r.tags,
    threat: r.threat,
    max_signals: s.maxSignals,
    version: 1,
  }
}
