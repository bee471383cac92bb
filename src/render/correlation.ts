/**
 * Template-driven correlation rendering (pySigma's convert_correlation_rule_from_template), shared by text targets.
 * A target lists, per correlation method, the query/aggregation/condition templates it supports.
 */
import type { CorrelationRef, CorrelationRenderer } from '../backend.js'
import type { Condition } from '../ir/condition.js'
import type { CorrelationOp, CorrelationType, SigmaCorrelation } from '../ir/rule.js'
import { assertNever } from '../ir/expr.js'
import { fail } from '../diagnostics.js'
import { fmt } from './template.js'

type PerMethod = Readonly<Record<string, string>>

export interface CorrelationTemplates {
  readonly methods: Readonly<Record<string, string>>
  /** `{search}`, `{typing}`, `{aggregate}`, `{condition}`, `{timespan}`, `{groupby}` per type (or default). */
  readonly query: Partial<Record<CorrelationType | 'default', PerMethod>>
  readonly searchSingle?: string
  readonly searchMulti?: { readonly expression: string; readonly query: string; readonly joiner: string }
  readonly normalization?: { readonly expression: string; readonly joiner: string }
  readonly typing?: { readonly expression: string; readonly query: string; readonly joiner: string }
  /** Aggregation per type: `{timespan}`, `{groupby}`, `{field}`, `{fields}`, `{percentile}`, `{referenced_rules}`. */
  readonly aggregate: Partial<Record<CorrelationType | 'temporal_extended' | 'temporal_ordered_extended', PerMethod>>
  /** Threshold per type: `{op}`, `{count}`, `{field}`; extended temporal: `{extended_condition}`. */
  readonly condition: Partial<Record<CorrelationType | 'temporal_extended' | 'temporal_ordered_extended', PerMethod>>
  readonly groupBy: { readonly expression: PerMethod; readonly field: PerMethod; readonly joiner: PerMethod; readonly none?: PerMethod }
  readonly fields?: { readonly expression: PerMethod; readonly field: PerMethod; readonly joiner: PerMethod }
  readonly referencedRules?: { readonly expression: PerMethod; readonly joiner: PerMethod }
  /** Extended temporal conditions, rendered like pySigma: each operand wrapped in separators, joined by the token. */
  readonly extended?: {
    readonly ruleRef: PerMethod
    readonly and: string
    readonly or: string
    readonly not: string
    readonly separator: string
    readonly group: string
    readonly precedence: readonly ['not', 'and', 'or'] | readonly ['not', 'or', 'and']
  }
  readonly timespan: (spec: string, seconds: number) => string
  readonly ops: Readonly<Record<CorrelationOp, string>>
  readonly quoteField: (f: string) => string
  /** Post-process each referenced query before it is put in a multi-rule search. */
  readonly multiQuery?: (q: string) => string
}

const pick = (m: PerMethod | undefined, method: string, what: string): string =>
  m?.[method] ?? fail('backend.unsupported', `${what} is not supported by this target with correlation method '${method}'`)

function extendedCondition(c: Condition, t: CorrelationTemplates, method: string): string {
  const x = t.extended ?? fail('backend.unsupported', 'extended temporal correlation conditions are not supported by this target')
  const prec = x.precedence as readonly string[]
  // pySigma compare_precedence: group a nested operator when it binds weaker than its parent.
  const needsGroup = (outer: 'and' | 'or' | 'not', inner: Condition): boolean =>
    inner.kind !== 'ref' && inner.kind !== 'of' && prec.indexOf(inner.kind) > prec.indexOf(outer)
  const render = (n: Condition): string => {
    switch (n.kind) {
      case 'ref':
        return fmt(pick(x.ruleRef, method, 'rule references'), { ruleid: n.name })
      case 'not':
        return x.not + x.separator + (n.arg.kind === 'ref' ? render(n.arg) : fmt(x.group, { expr: render(n.arg) }))
      case 'and':
      case 'or':
        return n.args
          .map((a) => (needsGroup(n.kind, a) ? fmt(x.group, { expr: render(a) }) : render(a)))
          .map((s) => x.separator + s + x.separator)
          .join(n.kind === 'and' ? x.and : x.or)
          .trim()
      case 'of':
        return fail('correlation.condition', `'${n.quantifier} of ${n.pattern}' is not allowed in a correlation condition`)
      default:
        return assertNever(n)
    }
  }
  return render(c)
}

export function templateCorrelation(t: CorrelationTemplates): CorrelationRenderer {
  return {
    methods: t.methods,
    render(corr: SigmaCorrelation, refs: readonly CorrelationRef[], ctx) {
      const method = ctx.method
      const extended = corr.condition !== null && 'expression' in corr.condition
      const typeKey = extended ? (corr.type === 'temporal_ordered' ? 'temporal_ordered_extended' : 'temporal_extended') : corr.type
      const query = pick(t.query[corr.type] ?? t.query.default, method, `correlation type '${corr.type}'`)
      const normalization = (ref: CorrelationRef): string => {
        const pairs = Object.entries(corr.aliases).flatMap(([alias, m]) => Object.entries(m).filter(([r]) => r === ref.name || r === ref.rule.id || r === ref.rule.name).map(([, field]) => ({ alias, field })))
        if (Object.keys(corr.aliases).length === 0) return ''
        const n = t.normalization ?? fail('backend.unsupported', 'correlation field aliases are not supported by this target')
        return pairs.map((p) => fmt(n.expression, { alias: p.alias, field: p.field })).join(n.joiner)
      }
      let search: string
      if (refs.length === 1 && t.searchSingle !== undefined) {
        search = fmt(t.searchSingle, { query: (refs[0] as CorrelationRef).query, normalization: normalization(refs[0] as CorrelationRef) })
      } else {
        const m = t.searchMulti ?? fail('backend.unsupported', 'correlations over several rules are not supported by this target')
        search = fmt(m.expression, {
          queries: refs.map((r) => fmt(m.query, { ruleid: r.name, query: t.multiQuery ? t.multiQuery(r.query) : r.query, normalization: normalization(r) })).join(m.joiner),
        })
      }
      const typing = t.typing ? fmt(t.typing.expression, { queries: refs.map((r) => fmt(t.typing!.query, { ruleid: r.name, query: r.query })).join(t.typing.joiner) }) : ''
      const timespan = t.timespan(corr.timespanText, corr.timespan)
      const groupby = corr.groupBy.length === 0
        ? (t.groupBy.none?.[method] ?? '')
        : fmt(pick(t.groupBy.expression, method, 'group-by'), { fields: corr.groupBy.map((f) => fmt(pick(t.groupBy.field, method, 'group-by'), { field: t.quoteField(f) })).join(pick(t.groupBy.joiner, method, 'group-by')) })
      const cond = corr.condition !== null && !('expression' in corr.condition) ? corr.condition : null
      const fieldRef = cond?.field === undefined ? '' : Array.isArray(cond.field) ? cond.field.join(',') : String(cond.field)
      const referenced = t.referencedRules ? refs.map((r) => fmt(pick(t.referencedRules!.expression, method, 'rule lists'), { ruleid: r.name })).join(pick(t.referencedRules.joiner, method, 'rule lists')) : ''
      let fields = ''
      if (t.fields) {
        const all: string[] = []
        for (const f of [...refs.flatMap((r) => r.rule.fields), ...corr.fields]) if (!corr.groupBy.includes(f) && !all.includes(f)) all.push(f)
        if (all.length > 0) fields = fmt(pick(t.fields.expression, method, 'fields'), { fields: all.map((f) => fmt(pick(t.fields!.field, method, 'fields'), { field: t.quoteField(f) })).join(pick(t.fields.joiner, method, 'fields')) })
      }
      if (corr.type === 'value_percentile' && cond?.percentile === undefined) fail('correlation.percentile', 'Percentile must be specified in condition for value_percentile correlation type')
      const aggregate = fmt(pick(t.aggregate[typeKey], method, `correlation type '${corr.type}'`), {
        timespan, groupby, field: fieldRef, fields, search, referenced_rules: referenced, percentile: cond?.percentile ?? '',
      })
      let condition: string
      const condTemplate = pick(t.condition[typeKey], method, `correlation type '${corr.type}'`)
      if (extended && corr.condition !== null && 'expression' in corr.condition) {
        condition = fmt(condTemplate, { extended_condition: extendedCondition(corr.condition.expression, t, method), referenced_rules: referenced })
      } else {
        const ops = cond?.ops.length ? cond.ops : [{ op: 'gte' as const, count: refs.length }]
        condition = ops.map((o) => fmt(condTemplate, { field: fieldRef, op: t.ops[o.op], count: o.count, referenced_rules: referenced })).join('\n')
      }
      return fmt(query, { search, typing, aggregate, condition, timespan, groupby })
    },
  }
}
