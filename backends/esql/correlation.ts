/**
 * ES|QL correlations (pySigma's `stats` method): fixed time buckets with date_trunc, count()/count_distinct().
 * The referenced rules' `index` states are merged into the FROM clause, so the result is a complete query.
 */
import type { CorrelationRenderer } from '../../src/backend.js'
import { templateCorrelation } from '../../src/render/correlation.js'
import { Renderer } from '../../src/render/text.js'
import { fail } from '../../src/diagnostics.js'
import { esqlDialect } from './dialect.js'
import { fromClause, indexExpression } from './index-state.js'

const quoteField = (f: string): string => new Renderer(esqlDialect, { deferred: [], pipelineState: {}, options: {}, scratch: {} }).fieldName(f)

const UNITS: Readonly<Record<string, string>> = { s: 'seconds', m: 'minutes', h: 'hours', d: 'days', w: 'weeks', M: 'months', y: 'years' }

const templates = templateCorrelation({
  methods: { stats: 'Correlation with stats command' },
  query: {
    default: { stats: '{search}\n{aggregate}\n{condition}' },
    temporal: { stats: '{search}\n{typing}\n{aggregate}\n{condition}' },
  },
  searchSingle: '{query}',
  searchMulti: { expression: '{queries}', query: '({query})', joiner: ' or ' },
  typing: { expression: '| eval event_type=case({queries})', query: '{query}, "{ruleid}"', joiner: ', ' },
  aggregate: {
    event_count: { stats: '| eval timebucket=date_trunc({timespan}, @timestamp) | stats event_count=count(){fields}{groupby}' },
    value_count: { stats: '| eval timebucket=date_trunc({timespan}, @timestamp) | stats value_count=count_distinct({field}){fields}{groupby}' },
    temporal: { stats: '| eval timebucket=date_trunc({timespan}, @timestamp) | stats event_type_count=count_distinct(event_type){fields}{groupby}' },
  },
  condition: {
    event_count: { stats: '| where event_count {op} {count}' },
    value_count: { stats: '| where value_count {op} {count}' },
    temporal: { stats: '| where event_type_count {op} {count}' },
  },
  groupBy: { expression: { stats: ' by timebucket{fields}' }, field: { stats: ', {field}' }, joiner: { stats: '' }, none: { stats: ' by timebucket' } },
  fields: { expression: { stats: '{fields}' }, field: { stats: ', {field}=values({field})' }, joiner: { stats: '' } },
  referencedRules: { expression: { stats: '{ruleid}' }, joiner: { stats: ',' } },
  timespan: (spec) => {
    const m = /^(\d+)([smhdwMy])$/.exec(spec)
    return m ? `${m[1]}${UNITS[m[2] as string]}` : spec
  },
  ops: { lt: '<', lte: '<=', gt: '>', gte: '>=', eq: '==', neq: '!=' },
  quoteField,
})

export const esqlCorrelation: CorrelationRenderer = {
  methods: templates.methods,
  render(corr, refs, ctx) {
    if (Object.keys(corr.aliases).length > 0) fail('backend.unsupported', 'ES|QL correlations cannot rename fields per rule (correlation aliases); all rules are combined into one query')
    // pySigma's ES|QL lists only the referenced rules' `fields` in the stats, not the correlation's own.
    const body = templates.render({ ...corr, fields: [] }, refs, ctx)
    const index = indexExpression(refs.map((r) => r.pipelineState.index ?? '*'))
    return fromClause(ctx.pipelineState, index) + body
  },
}
