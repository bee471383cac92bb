/** The typed, immutable Sigma documents: detection rules, correlation rules and filters. */
import type { Value } from './value.js'
import type { Condition } from './condition.js'

/** Where a node came from in the YAML source (1-based). */
export interface SourcePos {
  readonly line: number
  readonly column: number
}

export interface LogSource {
  readonly category?: string
  readonly product?: string
  readonly service?: string
  readonly definition?: string
  /** Extra logsource keys, kept as they were. */
  readonly custom?: Readonly<Record<string, unknown>>
}

/** One `key: value` of a detection: field (null = keyword search), its modifiers and values. */
export interface DetectionItem {
  readonly kind: 'item'
  readonly field: string | null
  /** The modifiers as written (`contains`, `all`, …), for validators and pipeline conditions. */
  readonly modifiers: readonly string[]
  readonly values: readonly Value[]
  /** How several values combine: 'or' by default, 'and' with the `all` modifier. */
  readonly link: 'and' | 'or'
  /** The `neq` modifier: the whole item is negated. */
  readonly negated: boolean
  /** Ids of pipeline items that changed this item (for `processing_item_applied` conditions). */
  readonly applied: readonly string[]
  /** The field name as written in the rule, before any mapping. */
  readonly originalField: string | null
  readonly pos?: SourcePos
}

/** A search identifier's content: a map (AND of items) or a list (OR of sub-detections / keywords). */
export interface Detection {
  readonly kind: 'detection'
  readonly items: readonly (DetectionItem | Detection)[]
  readonly link: 'and' | 'or'
  readonly pos?: SourcePos
}

export type Level = 'informational' | 'low' | 'medium' | 'high' | 'critical'
export type Status = 'stable' | 'test' | 'experimental' | 'deprecated' | 'unsupported'

export interface RelatedRule {
  readonly id: string
  readonly type: string
}

/** Attributes shared by detection and correlation rules. */
export interface RuleMeta {
  readonly title: string
  readonly id?: string
  readonly name?: string
  readonly status?: Status
  readonly description?: string
  readonly license?: string
  readonly author?: string
  readonly references: readonly string[]
  readonly date?: string
  readonly modified?: string
  readonly tags: readonly string[]
  readonly level?: Level
  readonly falsepositives: readonly string[]
  readonly fields: readonly string[]
  readonly related: readonly RelatedRule[]
  readonly scope: readonly string[]
  readonly taxonomy: string
  /** Every top-level key the spec does not define, kept as written. */
  readonly custom: Readonly<Record<string, unknown>>
  /** The file the rule came from, and the 0-based index of its YAML document. */
  readonly source: { readonly file?: string; readonly document: number }
}

export interface SigmaRule extends RuleMeta {
  readonly kind: 'rule'
  readonly logsource: LogSource
  readonly detections: Readonly<Record<string, Detection>>
  /** One parsed condition per `condition` entry; each yields its own query. */
  readonly conditions: readonly Condition[]
  /** The condition strings as written (same order as `conditions`). */
  readonly conditionText: readonly string[]
  /** Pipeline items applied at rule level (for `processing_item_applied`). */
  readonly applied: readonly string[]
}

export type CorrelationType =
  | 'event_count'
  | 'value_count'
  | 'temporal'
  | 'temporal_ordered'
  | 'value_sum'
  | 'value_avg'
  | 'value_percentile'
  | 'value_median'

export type CorrelationOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq'

export interface CorrelationCondition {
  /** One or two comparisons (a range); ANDed. */
  readonly ops: readonly { readonly op: CorrelationOp; readonly count: number }[]
  readonly field?: string | readonly string[]
  readonly percentile?: number
}

export interface SigmaCorrelation extends RuleMeta {
  readonly kind: 'correlation'
  readonly type: CorrelationType
  /** Referenced rules by id or name, as written. */
  readonly rules: readonly string[]
  readonly groupBy: readonly string[]
  /** Seconds. */
  readonly timespan: number
  /** Timespan as written (`5m`). */
  readonly timespanText: string
  /** Threshold condition; for extended temporal correlations a boolean expression over rule names. */
  readonly condition: CorrelationCondition | { readonly expression: Condition; readonly text: string } | null
  /** alias → rule name → field. */
  readonly aliases: Readonly<Record<string, Readonly<Record<string, string>>>>
  readonly generate: boolean
  /** Where the correlation's keys are in the YAML (`rules`, `rules.0`, `group-by`, `condition`, …), for diagnostics. */
  readonly positions?: Readonly<Record<string, SourcePos>>
}

export interface SigmaFilter {
  readonly kind: 'filter'
  readonly title: string
  readonly id?: string
  readonly name?: string
  readonly description?: string
  readonly date?: string
  readonly modified?: string
  readonly logsource: LogSource
  /** Rule ids/names the filter applies to; empty = any rule with a matching logsource. */
  readonly rules: readonly string[]
  readonly detections: Readonly<Record<string, Detection>>
  readonly condition: Condition
  readonly conditionText: string
  readonly custom: Readonly<Record<string, unknown>>
  readonly source: { readonly file?: string; readonly document: number }
}

export type SigmaDocument = SigmaRule | SigmaCorrelation | SigmaFilter
