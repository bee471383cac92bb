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

/** What a custom renderer gets: the pieces the templates would use, already rendered. */
export interface CorrelationParts {
  readonly corr: SigmaCorrelation
  readonly refs: readonly CorrelationRef[]
  readonly method: string
  /** The search phase (single query or multi-rule search with event typing and normalization). */
  readonly search: string
  readonly timespan: string
  /** Group-by fields, quoted for the target. */
  readonly groupFields: readonly string[]
  /** Normalization expression of one referenced rule (aliases), '' without aliases. */
  readonly normalization: (ref: CorrelationRef) => string
}

export interface CorrelationTemplates {
  /** Target id, named in refusals. */
  readonly target?: string
  readonly methods: Readonly<Record<string, string>>
  /** Types a target renders itself (e.g. ordered sequences); return undefined to fall back to the templates. */
  readonly custom?: (p: CorrelationParts) => string | undefined
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
  readonly timespan: (spec: string, seconds: number, method: string) => string
  readonly ops: Readonly<Record<CorrelationOp, string>>
  readonly quoteField: (f: string) => string
  /** Post-process each referenced query before it is put in a multi-rule search. */
  readonly multiQuery?: (q: string) => string
}

type Pick = (m: PerMethod | undefined, method: string, what: string) => string

const picker = (target: string): Pick => (m, method, what) =>
  m?.[method] ?? fail('backend.unsupported', `${what} is not supported by ${target} with correlation method '${method}'`)

function extendedCondition(c: Condition, t: CorrelationTemplates, method: string, pick: Pick): string {
  const x = t.extended ?? fail('backend.unsupported', 'extended temporal correlation conditions are not supported by this target', { key: 'correlation.condition' })
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
  const target = t.target === undefined ? 'this target' : `target '${t.target}'`
  const pick = picker(target)
  return {
    methods: t.methods,
    render(corr: SigmaCorrelation, refs: readonly CorrelationRef[], ctx) {
      const method = ctx.method
      const extended = corr.condition !== null && 'expression' in corr.condition
      const cond = corr.condition !== null && !('expression' in corr.condition) ? corr.condition : null
      const typeKey = extended ? (corr.type === 'temporal_ordered' ? 'temporal_ordered_extended' : 'temporal_extended') : corr.type
      const normalization = (ref: CorrelationRef): string => {
        const pairs = Object.entries(corr.aliases).flatMap(([alias, m]) => Object.entries(m).filter(([r]) => r === ref.name || r === ref.rule.id || r === ref.rule.name).map(([, field]) => ({ alias, field })))
        if (Object.keys(corr.aliases).length === 0) return ''
        const n = t.normalization ?? fail('backend.unsupported', `correlation field aliases are not supported by ${target}`, { key: 'correlation.aliases' })
        return pairs.map((p) => fmt(n.expression, { alias: p.alias, field: p.field })).join(n.joiner)
      }
      let search: string
      if (refs.length === 1 && t.searchSingle !== undefined) {
        search = fmt(t.searchSingle, { query: (refs[0] as CorrelationRef).query, normalization: normalization(refs[0] as CorrelationRef) })
      } else {
        const m = t.searchMulti ?? fail('backend.unsupported', `correlations over several rules are not supported by ${target}`, { key: 'correlation.rules' })
        search = fmt(m.expression, {
          queries: refs.map((r) => fmt(m.query, { ruleid: r.name, query: t.multiQuery ? t.multiQuery(r.query) : r.query, normalization: normalization(r) })).join(m.joiner),
        })
      }
      const timespan = t.timespan(corr.timespanText, corr.timespan, method)
      if (corr.type === 'value_percentile' && cond?.percentile === undefined) fail('correlation.percentile', 'Percentile must be specified in condition for value_percentile correlation type', { key: 'correlation.condition' })
      const custom = t.custom?.({ corr, refs, method, search, timespan, groupFields: corr.groupBy.map(t.quoteField), normalization })
      if (custom !== undefined) return custom
      const query = pick(t.query[corr.type] ?? t.query.default, method, `correlation type '${corr.type}'`)
      const typing = t.typing ? fmt(t.typing.expression, { queries: refs.map((r) => fmt(t.typing!.query, { ruleid: r.name, query: r.query })).join(t.typing.joiner) }) : ''
      const groupby = corr.groupBy.length === 0
        ? (t.groupBy.none?.[method] ?? '')
        : fmt(pick(t.groupBy.expression, method, 'group-by'), { fields: corr.groupBy.map((f) => fmt(pick(t.groupBy.field, method, 'group-by'), { field: t.quoteField(f) })).join(pick(t.groupBy.joiner, method, 'group-by')) })
      const fieldRef = cond?.field === undefined ? '' : Array.isArray(cond.field) ? cond.field.join(',') : String(cond.field)
      const referenced = t.referencedRules ? refs.map((r) => fmt(pick(t.referencedRules!.expression, method, 'rule lists'), { ruleid: r.name })).join(pick(t.referencedRules.joiner, method, 'rule lists')) : ''
      let fields = ''
      if (t.fields) {
        const all: string[] = []
        for (const f of [...refs.flatMap((r) => r.rule.fields), ...corr.fields]) if (!corr.groupBy.includes(f) && !all.includes(f)) all.push(f)
        if (all.length > 0) fields = fmt(pick(t.fields.expression, method, 'fields'), { fields: all.map((f) => fmt(pick(t.fields!.field, method, 'fields'), { field: t.quoteField(f) })).join(pick(t.fields.joiner, method, 'fields')) })
      }
      const typeName = `correlation type '${corr.type}'${extended ? ' with a condition expression' : ''}`
      const aggregate = fmt(pick(t.aggregate[typeKey], method, typeName), {
        timespan, groupby, field: fieldRef, fields, search, referenced_rules: referenced, percentile: cond?.percentile ?? '',
      })
      let condition: string
      const condTemplate = pick(t.condition[typeKey], method, typeName)
      if (extended && corr.condition !== null && 'expression' in corr.condition) {
        condition = fmt(condTemplate, { extended_condition: extendedCondition(corr.condition.expression, t, method, pick), referenced_rules: referenced })
      } else {
        const ops = cond?.ops.length ? cond.ops : [{ op: 'gte' as const, count: refs.length }]
        condition = ops.map((o) => fmt(condTemplate, { field: fieldRef, op: t.ops[o.op], count: o.count, referenced_rules: referenced })).join('\n')
      }
      return fmt(query, { search, typing, aggregate, condition, timespan, groupby })
    },
  }
}

/**
 * The rules of a temporal_ordered correlation, in order. Order is only defined when every rule must occur, so a
 * condition other than "all of them" (and a boolean condition expression) is refused, naming the target.
 */
export function orderedRefs(corr: SigmaCorrelation, refs: readonly CorrelationRef[], target: string): readonly CorrelationRef[] {
  const c = corr.condition
  if (c !== null && 'expression' in c) return fail('backend.unsupported', `temporal_ordered correlations with a condition expression ('${c.text}') are not supported by target '${target}'; list the rules in the order they must occur`, { key: 'correlation.condition' })
  const all = c === null || c.ops.length === 0 || (c.ops.length === 1 && c.ops[0]?.op === 'gte' && c.ops[0].count === refs.length)
  if (!all) fail('backend.unsupported', `target '${target}' renders temporal_ordered correlations only when all ${refs.length} rules must occur in order (condition gte: ${refs.length})`, { key: 'correlation.condition' })
  if (refs.length < 2) fail('correlation.condition', 'a temporal_ordered correlation needs at least two rules to order', { key: 'correlation.rules' })
  return refs
}

/** Comparison operators as most query languages write them. */
export const C_OPS: Readonly<Record<CorrelationOp, string>> = { lt: '<', lte: '<=', gt: '>', gte: '>=', eq: '==', neq: '!=' }
