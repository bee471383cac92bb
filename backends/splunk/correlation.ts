/**
 * Splunk correlations. `stats` (pySigma's method, default): fixed time buckets with `bin` + `stats`, `multisearch`
 * for several rules. `streamstats`: sliding windows (`streamstats time_window=…`) over time-sorted events.
 * temporal_ordered (both methods) runs a small state machine with `streamstats`: each step keeps the latest start
 * time of a chain that reached it, so a match means the rules really occurred in order within the timespan.
 */
import type { CorrelationRef } from '../../src/backend.js'
import { type CorrelationParts, orderedRefs, templateCorrelation } from '../../src/render/correlation.js'
import { Renderer } from '../../src/render/text.js'
import { splunkDialect } from './dialect.js'

const quoteField = (f: string): string => new Renderer(splunkDialect, { deferred: [], pipelineState: {}, options: {}, scratch: {} }).fieldName(f)
const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

const both = (stats: string, streamstats: string): Readonly<Record<string, string>> => ({ stats, streamstats })
const BIN = '| bin _time span={timespan}\n| stats'
const WIN = '| sort 0 _time\n| streamstats time_window={timespan}'
/** `agg as name` for each type: `stats … by _time{groupby}` with buckets, `streamstats …{groupby}` sliding. */
const aggregate = (agg: string): Readonly<Record<string, string>> => both(`${BIN} ${agg} by _time{groupby}`, `${WIN} ${agg}{groupby}`)
const threshold = (name: string): Readonly<Record<string, string>> => both(`| search ${name} {op} {count}`, `| search ${name} {op} {count}`)

/** Seconds per streamstats window; `time_window` takes s/m/h/d only. */
function windowSpan(seconds: number): string {
  for (const [unit, n] of [['d', 86400], ['h', 3600], ['m', 60]] as const) if (seconds % n === 0) return `${seconds / n}${unit}`
  return `${seconds}s`
}

/** Single-rule search as an event-typed stream (the ordered state machine needs `event_type` on every event). */
function typedSearch(p: CorrelationParts): string {
  if (p.refs.length > 1) return p.search
  const r = p.refs[0] as CorrelationRef
  return `${r.query} | eval event_type=${quote(r.name)}${p.normalization(r)}`
}

function ordered(p: CorrelationParts): string {
  const refs = orderedRefs(p.corr, p.refs, 'splunk')
  const sliding = p.method === 'streamstats'
  const keys = [...(sliding ? [] : ['timebucket']), ...p.groupFields]
  const by = keys.length === 0 ? '' : ` by ${keys.join(' ')}`
  const lines = [typedSearch(p), '']
  if (!sliding) lines.push('| eval timebucket=_time', `| bin timebucket span=${p.timespan}`)
  lines.push('| sort 0 _time')
  refs.forEach((r, i) => {
    const n = i + 1
    const start = i === 0 ? '_time' : `seen_${i}`
    lines.push(`| eval step_${n}=if(event_type=${quote(r.name)}, ${start}, null())`)
    if (n < refs.length) lines.push(`| streamstats max(step_${n}) as seen_${n}${by}`)
  })
  const last = `step_${refs.length}`
  lines.push(sliding ? `| where isnotnull(${last}) AND _time - ${last} <= ${p.corr.timespan}` : `| where isnotnull(${last})`)
  lines.push('', `| stats min(${last}) as sequence_start max(_time) as sequence_end count as sequence_count${by}`)
  return lines.join('\n')
}

export const splunkCorrelation = templateCorrelation({
  target: 'splunk',
  methods: {
    stats: 'Correlation using stats command (more efficient, static time window)',
    streamstats: 'Correlation using streamstats with time_window (sliding time window, limited by max_stream_window)',
  },
  custom: (p) => (p.corr.type === 'temporal_ordered' ? ordered(p) : undefined),
  query: { default: both('{search}\n\n{aggregate}\n\n{condition}', '{search}\n\n{aggregate}\n\n{condition}') },
  searchSingle: '{query}',
  searchMulti: { expression: '| multisearch\n{queries}', query: '[ search {query} | eval event_type="{ruleid}"{normalization} ]', joiner: '\n' },
  normalization: { expression: ' | rename {field} as {alias}', joiner: '' },
  aggregate: {
    event_count: aggregate('count as event_count'),
    value_count: aggregate('dc({field}) as value_count'),
    temporal: aggregate('dc(event_type) as event_type_count'),
    temporal_extended: aggregate('values(event_type) as event_types'),
    value_sum: aggregate('sum({field}) as value_sum'),
    value_avg: aggregate('avg({field}) as value_avg'),
    value_percentile: aggregate('perc{percentile}({field}) as value_percentile'),
    value_median: aggregate('median({field}) as value_median'),
  },
  condition: {
    event_count: threshold('event_count'),
    value_count: threshold('value_count'),
    temporal: threshold('event_type_count'),
    temporal_extended: both('| search {extended_condition}', '| search {extended_condition}'),
    value_sum: threshold('value_sum'),
    value_avg: threshold('value_avg'),
    value_percentile: threshold('value_percentile'),
    value_median: threshold('value_median'),
  },
  groupBy: { expression: both(' {fields}', ' by {fields}'), field: both('{field}', '{field}'), joiner: both(' ', ' ') },
  extended: { ruleRef: both('event_types="{ruleid}"', 'event_types="{ruleid}"'), and: ' ', or: 'OR', not: 'NOT', separator: ' ', group: '({expr})', precedence: splunkDialect.precedence },
  timespan: (spec, seconds, method) => (method === 'streamstats' ? windowSpan(seconds) : spec.endsWith('M') ? spec.slice(0, -1) + 'mon' : spec),
  ops: { lt: '<', lte: '<=', gt: '>', gte: '>=', eq: '==', neq: '!=' },
  quoteField,
})
