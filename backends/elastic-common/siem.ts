/**
 * Pieces of the Elastic detection-rule bodies (pySigma `siem_rule` / `siem_rule_ndjson` formats) shared by
 * the Lucene, EQL and ES|QL targets. Each target keeps pySigma's key order in its own formats file.
 * Differences from pySigma, on purpose: `severity` is always a value Elastic accepts (informational → low),
 * `threat` is built offline (attack.ts) and `tags` always keeps every tag (pySigma drops the attack tags as a
 * side effect of building `threat`, depending on key order).
 */
import type { QueryContext } from '../../src/backend.js'
import type { Level } from '../../src/ir/rule.js'
import { splitTag, threatFromTags, type ThreatEntry } from './attack.js'

export const DEFAULT_INDEX_NAMES = [
  'apm-*-transaction*', 'auditbeat-*', 'endgame-*', 'filebeat-*', 'logs-*', 'packetbeat-*', 'traces-apm*', 'winlogbeat-*', '-*elastic-cloud-logs-*',
] as const

export const SIEM_OPTIONS = {
  index_names: { description: 'siem_rule formats: comma-separated index patterns', default: DEFAULT_INDEX_NAMES.join(',') },
  schedule_interval: { description: 'siem_rule formats: rule schedule interval (number)', default: '5' },
  schedule_interval_unit: { description: 'siem_rule formats: unit of the schedule interval (s, m, h)', default: 'm' },
} as const

export interface SiemSettings {
  readonly interval: string
  readonly indexNames: readonly string[]
}

export function settingsFrom(ctx: QueryContext): SiemSettings {
  const o = ctx.options
  const names = (o.index_names ?? DEFAULT_INDEX_NAMES.join(',')).split(',').map((s) => s.trim()).filter((s) => s !== '')
  return { interval: `${o.schedule_interval || '5'}${o.schedule_interval_unit || 'm'}`, indexNames: names.length > 0 ? names : [...DEFAULT_INDEX_NAMES] }
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
    id: r.id ?? 'None',
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
