/**
 * EQL correlations: temporal_ordered as `sequence [by keys] with maxspan=… [any where q1] [any where q2] …`, which
 * Elasticsearch evaluates as a true sliding-window, ordered match. Aliases become per-query join keys. Everything
 * that needs counting or aggregation (event_count, value_*, unordered temporal) is refused: EQL has no aggregation
 * and a sequence always enforces order.
 */
import type { CorrelationRef, CorrelationRenderer } from '../../src/backend.js'
import type { SigmaCorrelation } from '../../src/ir/rule.js'
import { fail } from '../../src/diagnostics.js'
import { orderedRefs } from '../../src/render/correlation.js'
import { Renderer } from '../../src/render/text.js'
import { eqlDialect } from './dialect.js'

const quoteField = (f: string): string => new Renderer(eqlDialect, { deferred: [], pipelineState: {}, options: {}, scratch: {} }).fieldName(f)

/** EQL time units: d/h/m/s (ms too); weeks become days, months and years whole seconds. */
function maxspan(spec: string, seconds: number): string {
  if (/^\d+[smhd]$/.test(spec)) return spec
  return seconds % 86400 === 0 ? `${seconds / 86400}d` : `${seconds}s`
}

/** The join keys of one rule: group-by fields, with an alias replaced by that rule's field. */
function keysOf(corr: SigmaCorrelation, ref: CorrelationRef): readonly string[] {
  return corr.groupBy.map((f) => {
    const alias = corr.aliases[f]
    if (alias === undefined) return f
    const field = alias[ref.name] ?? (ref.rule.id === undefined ? undefined : alias[ref.rule.id]) ?? (ref.rule.name === undefined ? undefined : alias[ref.rule.name])
    return field ?? fail('correlation.alias', `alias '${f}' names no field for rule '${ref.name}'; EQL needs a join key for every rule of the sequence`, { key: 'correlation.aliases' })
  })
}

const WHY: Readonly<Record<string, string>> = {
  temporal: 'an EQL sequence always enforces order; use temporal_ordered, or target esql/splunk for unordered temporal correlations',
  event_count: 'EQL cannot count events; use target esql or splunk',
  value_count: 'EQL cannot count distinct values; use target esql or splunk',
  value_sum: 'EQL cannot aggregate values; use target esql or splunk',
  value_avg: 'EQL cannot aggregate values; use target esql or splunk',
  value_percentile: 'EQL cannot aggregate values; use target esql or splunk',
  value_median: 'EQL cannot aggregate values; use target esql or splunk',
}

export const eqlCorrelation: CorrelationRenderer = {
  methods: { sequence: 'Ordered sequence with maxspan (sliding time window; temporal_ordered only)' },
  render(corr, refs) {
    if (corr.type !== 'temporal_ordered') return fail('backend.unsupported', `target 'eql' does not support correlation type '${corr.type}': ${WHY[corr.type] ?? ''}`, { key: 'correlation.type' })
    const ordered = orderedRefs(corr, refs, 'eql')
    const nested = ordered.find((r) => r.rule.kind === 'correlation')
    if (nested) fail('backend.unsupported', `target 'eql' cannot use correlation '${nested.name}' as a step of a sequence; reference detection rules only`, { key: 'correlation.rules' })
    const keys = ordered.map((r) => keysOf(corr, r).map(quoteField))
    const shared = keys.every((k) => k.join() === (keys[0] ?? []).join())
    const head = `sequence${shared && corr.groupBy.length > 0 ? ` by ${(keys[0] ?? []).join(', ')}` : ''} with maxspan=${maxspan(corr.timespanText, corr.timespan)}`
    const steps = ordered.map((r, i) => `  [any where ${r.query}]${!shared && corr.groupBy.length > 0 ? ` by ${(keys[i] ?? []).join(', ')}` : ''}`)
    return [head, ...steps].join('\n')
  },
}
