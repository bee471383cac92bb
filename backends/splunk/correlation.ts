/** Splunk correlations with `bin` + `stats` (fixed time buckets) and `multisearch` for several rules. */
import { templateCorrelation } from '../../src/render/correlation.js'
import { Renderer } from '../../src/render/text.js'
import { splunkDialect } from './dialect.js'

const quoteField = (f: string): string => new Renderer(splunkDialect, { deferred: [], pipelineState: {}, options: {}, scratch: {} }).fieldName(f)

export const splunkCorrelation = templateCorrelation({
  methods: { stats: 'Correlation using stats command (more efficient, static time window)' },
  query: { default: { stats: '{search}\n\n{aggregate}\n\n{condition}' } },
  searchSingle: '{query}',
  searchMulti: { expression: '| multisearch\n{queries}', query: '[ search {query} | eval event_type="{ruleid}"{normalization} ]', joiner: '\n' },
  normalization: { expression: ' | rename {field} as {alias}', joiner: '' },
  aggregate: {
    event_count: { stats: '| bin _time span={timespan}\n| stats count as event_count by _time{groupby}' },
    value_count: { stats: '| bin _time span={timespan}\n| stats dc({field}) as value_count by _time{groupby}' },
    temporal: { stats: '| bin _time span={timespan}\n| stats dc(event_type) as event_type_count by _time{groupby}' },
    temporal_extended: { stats: '| bin _time span={timespan}\n| stats values(event_type) as event_types by _time{groupby}' },
  },
  condition: {
    event_count: { stats: '| search event_count {op} {count}' },
    value_count: { stats: '| search value_count {op} {count}' },
    temporal: { stats: '| search event_type_count {op} {count}' },
    temporal_extended: { stats: '| search {extended_condition}' },
  },
  groupBy: { expression: { stats: ' {fields}' }, field: { stats: '{field}' }, joiner: { stats: ' ' } },
  extended: { ruleRef: { stats: 'event_types="{ruleid}"' }, and: ' ', or: 'OR', not: 'NOT', separator: ' ', group: '({expr})', precedence: splunkDialect.precedence },
  timespan: (spec) => (spec.endsWith('M') ? spec.slice(0, -1) + 'mon' : spec),
  ops: { lt: '<', lte: '<=', gt: '>', gte: '>=', eq: '==', neq: '!=' },
  quoteField,
})
