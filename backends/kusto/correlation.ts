/**
 * Kusto correlations (`summarize`, fixed time buckets): `summarize … by bin(<time>, <span>), <group-by>` then a
 * `where` on the aggregate. Several rules are combined with `union`, each tagged with `event_type`; aliases are
 * `extend`s per rule. temporal_ordered sorts each bucket's events by time and matches the rule names in order as a
 * regular expression over the sorted list, so the order is really enforced (within a bucket).
 * The time column is `Timestamp` for Defender XDR tables and `TimeGenerated` otherwise.
 */
import type { CorrelationRef, CorrelationRenderer } from '../../src/backend.js'
import type { Condition } from '../../src/ir/condition.js'
import type { CorrelationOp, SigmaCorrelation } from '../../src/ir/rule.js'
import { assertNever } from '../../src/ir/expr.js'
import { fail } from '../../src/diagnostics.js'
import { C_OPS, orderedRefs } from '../../src/render/correlation.js'
import { kustoIdent } from './render.js'

const XDR_TABLE = /^(Device|Email|Identity|Alert|Behavior|CloudAppEvents|UrlClickEvents|CloudAuditEvents|ExposureGraph)/
const str = (s: string): string => JSON.stringify(s)

function timeColumn(ref: CorrelationRef): string {
  if (ref.rule.kind === 'correlation') return /bin\(Timestamp,/.test(ref.query) ? 'Timestamp' : 'TimeGenerated'
  const table = ref.pipelineState.query_table
  if (typeof table !== 'string' || table === '') fail('backend.unsupported', `rule '${ref.name}' has no Kusto table, so target 'kusto' cannot correlate it; choose a pipeline that maps log sources to tables (microsoft_xdr, sentinel_asim, azure_monitor)`, { key: 'correlation.rules' })
  return XDR_TABLE.test(table as string) ? 'Timestamp' : 'TimeGenerated'
}

/** `extend alias = field` for each alias of this rule. */
function normalization(corr: SigmaCorrelation, ref: CorrelationRef): string[] {
  return Object.entries(corr.aliases).flatMap(([alias, m]) => {
    const field = m[ref.name] ?? (ref.rule.id === undefined ? undefined : m[ref.rule.id]) ?? (ref.rule.name === undefined ? undefined : m[ref.rule.name])
    return field === undefined ? [] : [`extend ${kustoIdent(alias)} = ${kustoIdent(field)}`]
  })
}

/** KQL timespan literal: d/h/m/s only (weeks become days; months and years whole seconds, as Sigma counts them). */
function span(spec: string, seconds: number): string {
  if (/^\d+[smhd]$/.test(spec)) return spec
  return seconds % 86400 === 0 ? `${seconds / 86400}d` : `${seconds}s`
}

/** The search phase and the time column every row carries afterwards. */
function search(corr: SigmaCorrelation, refs: readonly CorrelationRef[], typed: boolean): { text: string; time: string } {
  const times = refs.map(timeColumn)
  const time = times.every((t) => t === times[0]) ? (times[0] as string) : 'TimeGenerated'
  const extra = (r: CorrelationRef, i: number): string[] => [
    ...(times[i] !== time ? [`extend ${time} = ${times[i] as string}`] : []),
    ...(typed ? [`extend event_type = ${str(r.name)}`] : []),
    ...normalization(corr, r),
  ]
  if (refs.length === 1) return { text: [(refs[0] as CorrelationRef).query, ...extra(refs[0] as CorrelationRef, 0)].join('\n| '), time }
  // Raw newlines in a query only separate pipes (string literals escape theirs), so one line per rule is safe.
  const one = (r: CorrelationRef, i: number): string => [r.query.replace(/\n/g, ' '), ...extra(r, i)].join(' | ')
  return { text: `union\n${refs.map((r, i) => `    (${one(r, i)})`).join(',\n')}`, time }
}

function threshold(name: string, corr: SigmaCorrelation, n: number): string {
  const c = corr.condition
  const ops: readonly { op: CorrelationOp; count: number }[] = c !== null && 'ops' in c && c.ops.length > 0 ? c.ops : [{ op: 'gte', count: n }]
  return `| where ${ops.map((o) => `${name} ${C_OPS[o.op]} ${o.count}`).join(' and ')}`
}

function fieldOf(corr: SigmaCorrelation): string {
  const c = corr.condition
  const f = c !== null && 'ops' in c ? c.field : undefined
  if (f === undefined) return fail('correlation.condition', `a ${corr.type} correlation needs condition.field`, { key: 'correlation.condition' })
  if (typeof f !== 'string') return fail('backend.unsupported', `target 'kusto' aggregates one field; condition.field lists ${f.length}`, { key: 'correlation.condition' })
  return kustoIdent(f)
}

function setCondition(c: Condition): string {
  switch (c.kind) {
    case 'ref':
      return `set_has_element(event_types, ${str(c.name)})`
    case 'not':
      return `not(${setCondition(c.arg)})`
    case 'and':
    case 'or':
      return `(${c.args.map(setCondition).join(` ${c.kind} `)})`
    case 'of':
      return fail('correlation.condition', `'${c.quantifier} of ${c.pattern}' is not allowed in a correlation condition`, { key: 'correlation.condition' })
    default:
      return assertNever(c)
  }
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function aggregate(corr: SigmaCorrelation, refs: readonly CorrelationRef[]): { agg: string; where: string } {
  const c = corr.condition
  switch (corr.type) {
    case 'event_count':
      return { agg: 'event_count = count()', where: threshold('event_count', corr, refs.length) }
    case 'value_count':
      return { agg: `value_count = dcount(${fieldOf(corr)})`, where: threshold('value_count', corr, refs.length) }
    case 'value_sum':
      return { agg: `value_sum = sum(${fieldOf(corr)})`, where: threshold('value_sum', corr, refs.length) }
    case 'value_avg':
      return { agg: `value_avg = avg(${fieldOf(corr)})`, where: threshold('value_avg', corr, refs.length) }
    case 'value_median':
      return { agg: `value_median = percentile(${fieldOf(corr)}, 50)`, where: threshold('value_median', corr, refs.length) }
    case 'value_percentile': {
      const p = c !== null && 'ops' in c ? c.percentile : undefined
      if (p === undefined) fail('correlation.percentile', 'Percentile must be specified in condition for value_percentile correlation type', { key: 'correlation.condition' })
      return { agg: `value_percentile = percentile(${fieldOf(corr)}, ${p as number})`, where: threshold('value_percentile', corr, refs.length) }
    }
    case 'temporal':
      if (c !== null && 'expression' in c) return { agg: 'event_types = make_set(event_type)', where: `| where ${setCondition(c.expression).replace(/^\((.*)\)$/, '$1')}` }
      return { agg: 'event_type_count = dcount(event_type)', where: threshold('event_type_count', corr, refs.length) }
    case 'temporal_ordered': {
      const names = orderedRefs(corr, refs, 'kusto').map((r) => escapeRegex(r.name))
      const pattern = `\\|${names.join('\\|(.*\\|)?')}\\|`
      return { agg: 'times = make_list(TIME), types = make_list(event_type)', where: `| extend (times, types) = array_sort_asc(times, types)\n| where strcat("|", strcat_array(types, "|"), "|") matches regex ${str(pattern)}` }
    }
    default:
      return assertNever(corr.type)
  }
}

export const kustoCorrelation: CorrelationRenderer = {
  methods: { summarize: 'summarize by bin() (fixed time buckets); temporal_ordered checks the order inside each bucket' },
  render(corr, refs) {
    const typed = corr.type === 'temporal' || corr.type === 'temporal_ordered'
    const s = search(corr, refs, typed)
    const { agg, where } = aggregate(corr, refs)
    const by = [`bin(${s.time}, ${span(corr.timespanText, corr.timespan)})`, ...corr.groupBy.map(kustoIdent)].join(', ')
    return `${s.text}\n| summarize ${agg.replace('TIME', s.time)} by ${by}\n${where}`
  },
}
