/**
 * ES|QL correlations (pySigma's `stats` method): fixed time buckets with date_trunc, then STATS per bucket and group.
 * The referenced rules' `index` states are merged into the FROM clause, so the result is a complete query.
 * ES|QL has no streaming or sequence operator: temporal_ordered is exact for two rules (first time of the first rule
 * before the last time of the second in the bucket) and refused for more; nested correlations are refused because
 * @timestamp is gone after the inner STATS.
 */
import type { CorrelationRef, CorrelationRenderer } from '../../src/backend.js'
import type { Condition } from '../../src/ir/condition.js'
import { assertNever } from '../../src/ir/expr.js'
import { type CorrelationParts, orderedRefs, templateCorrelation } from '../../src/render/correlation.js'
import { Renderer } from '../../src/render/text.js'
import { fail } from '../../src/diagnostics.js'
import { esqlDialect } from './dialect.js'
import { fromClause, indexExpression } from './index-state.js'

const quoteField = (f: string): string => new Renderer(esqlDialect, { deferred: [], pipelineState: {}, options: {}, scratch: {} }).fieldName(f)

const UNITS: Readonly<Record<string, string>> = { s: 'seconds', m: 'minutes', h: 'hours', d: 'days', w: 'weeks', M: 'months', y: 'years' }
const stats = (s: string): Readonly<Record<string, string>> => ({ stats: s })
const BUCKET = '| eval timebucket=date_trunc({timespan}, @timestamp) | stats'
const where = (name: string): Readonly<Record<string, string>> => stats(`| where ${name} {op} {count}`)

const byClause = (p: CorrelationParts): string => ` by ${['timebucket', ...p.groupFields].join(', ')}`
const bucket = (p: CorrelationParts): string => `| eval timebucket=date_trunc(${p.timespan}, @timestamp) | stats`
const seen = (r: CorrelationRef): string => quoteField(`seen_${r.name}`)

/** Boolean condition over rule names → per-rule flags (1 when the rule matched in the bucket). */
function flagCondition(c: Condition, refs: readonly CorrelationRef[]): string {
  const col = (name: string): string => {
    const r = refs.find((x) => x.name === name || x.rule.id === name || x.rule.name === name)
    return r ? seen(r) : fail('correlation.condition', `the condition names '${name}', which is not a referenced rule`, { key: 'correlation.condition' })
  }
  const render = (n: Condition, top: boolean): string => {
    switch (n.kind) {
      case 'ref':
        return `${col(n.name)} == 1`
      case 'not':
        return n.arg.kind === 'ref' ? `${col(n.arg.name)} == 0` : `NOT (${render(n.arg, true)})`
      case 'and':
      case 'or': {
        const s = n.args.map((a) => render(a, false)).join(` ${n.kind} `)
        return top ? s : `(${s})`
      }
      case 'of':
        return fail('correlation.condition', `'${n.quantifier} of ${n.pattern}' is not allowed in a correlation condition`, { key: 'correlation.condition' })
      default:
        return assertNever(n)
    }
  }
  return render(c, true)
}

/** Extended temporal: one 0/1 flag per rule (a case() per rule, so an event matching two rules counts for both). */
function extended(p: CorrelationParts, c: Condition): string {
  const flags = p.refs.map((r) => `${seen(r)}=case(${r.query}, 1, 0)`).join(', ')
  const aggs = p.refs.map((r) => `${seen(r)}=max(${seen(r)})`).join(', ')
  return `${p.search}\n| eval ${flags}\n${bucket(p)} ${aggs}${byClause(p)}\n| where ${flagCondition(c, p.refs)}`
}

function ordered(p: CorrelationParts): string {
  const refs = orderedRefs(p.corr, p.refs, 'esql')
  if (refs.length > 2) fail('backend.unsupported', `target 'esql' cannot enforce the order of ${refs.length} rules in a temporal_ordered correlation (ES|QL has no sequence or streaming operator; two rules work); use target eql (sequence) or splunk`, { key: 'correlation.rules' })
  const [a, b] = refs as [CorrelationRef, CorrelationRef]
  const first = quoteField(`first_${a.name}`)
  const last = quoteField(`last_${b.name}`)
  return `${p.search}\n| eval ${first}=case(${a.query}, @timestamp), ${last}=case(${b.query}, @timestamp)\n${bucket(p)} ${first}=min(${first}), ${last}=max(${last})${byClause(p)}\n| where ${first} <= ${last}`
}

const templates = templateCorrelation({
  target: 'esql',
  methods: { stats: 'Correlation with stats command' },
  custom: (p) => {
    if (p.corr.type === 'temporal_ordered') return ordered(p)
    const c = p.corr.condition
    return c !== null && 'expression' in c ? extended(p, c.expression) : undefined
  },
  query: {
    default: stats('{search}\n{aggregate}\n{condition}'),
    temporal: stats('{search}\n{typing}\n{aggregate}\n{condition}'),
  },
  searchSingle: '{query}',
  searchMulti: { expression: '{queries}', query: '({query})', joiner: ' or ' },
  typing: { expression: '| eval event_type=case({queries})', query: '{query}, "{ruleid}"', joiner: ', ' },
  aggregate: {
    event_count: stats(`${BUCKET} event_count=count(){fields}{groupby}`),
    value_count: stats(`${BUCKET} value_count=count_distinct({field}){fields}{groupby}`),
    temporal: stats(`${BUCKET} event_type_count=count_distinct(event_type){fields}{groupby}`),
    value_sum: stats(`${BUCKET} value_sum=sum({field}){fields}{groupby}`),
    value_avg: stats(`${BUCKET} value_avg=avg({field}){fields}{groupby}`),
    value_percentile: stats(`${BUCKET} value_percentile=percentile({field}, {percentile}){fields}{groupby}`),
    value_median: stats(`${BUCKET} value_median=median({field}){fields}{groupby}`),
  },
  condition: {
    event_count: where('event_count'),
    value_count: where('value_count'),
    temporal: where('event_type_count'),
    value_sum: where('value_sum'),
    value_avg: where('value_avg'),
    value_percentile: where('value_percentile'),
    value_median: where('value_median'),
  },
  groupBy: { expression: stats(' by timebucket{fields}'), field: stats(', {field}'), joiner: stats(''), none: stats(' by timebucket') },
  fields: { expression: stats('{fields}'), field: stats(', {field}=values({field})'), joiner: stats('') },
  referencedRules: { expression: stats('{ruleid}'), joiner: stats(',') },
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
    if (Object.keys(corr.aliases).length > 0) fail('backend.unsupported', 'ES|QL correlations cannot rename fields per rule (correlation aliases); all rules are combined into one query', { key: 'correlation.aliases' })
    const inner = refs.find((r) => r.rule.kind === 'correlation')
    if (inner) fail('backend.unsupported', `target 'esql' cannot correlate over another correlation ('${inner.name}'): after its STATS the events and @timestamp are gone`, { key: 'correlation.rules' })
    // pySigma's ES|QL lists only the referenced rules' `fields` in the stats, not the correlation's own.
    const body = templates.render({ ...corr, fields: [] }, refs, ctx)
    const index = indexExpression(refs.map((r) => r.pipelineState.index ?? '*'))
    return fromClause(ctx.pipelineState, index) + body
  },
}
