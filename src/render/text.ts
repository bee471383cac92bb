/**
 * Token-driven renderer from the Expr tree to query text, reproducing pySigma's TextQueryBackend decisions
 * (grouping by precedence, IN lists, startswith/endswith/contains forms, deferred parts) so outputs match it
 * byte for byte. Targets customise it with a TextDialect and a few hooks for their real quirks.
 */
import type { Expr, FieldExpr, KeywordExpr } from '../ir/expr.js'
import { assertNever } from '../ir/expr.js'
import type { Value, StrValue, RegexFlag } from '../ir/value.js'
import type { TextDialect, MatchTemplates } from './dialect.js'
import { fmt, pyNum } from './template.js'
import { strToRegex, endsWithAny, startsWithAny, hasWildcard, sliceStr } from './strings.js'
import { encodeFieldName, encodeRegex, encodeStr } from './names-values.js'
import { expandCidr, cidrNetmask } from './cidr.js'
import { fail } from '../diagnostics.js'
import type { SourcePos } from '../ir/rule.js'

/** A query part that a target appends after the main query (Splunk `| regex …`). */
export interface Deferred {
  readonly kind: string
  readonly field: string | null
  readonly value: string
  negated: boolean
  finalize(): string
}

/** The result of rendering a node: text, a deferred part, or nothing (an empty detection). */
export type Rendered = string | Deferred | null

export const isDeferred = (r: Rendered): r is Deferred => r !== null && typeof r === 'object'

export interface RenderState {
  readonly deferred: Deferred[]
  readonly pipelineState: Readonly<Record<string, unknown>>
  readonly options: Readonly<Record<string, string>>
  /** Free slot for a target's per-query bookkeeping (e.g. Splunk's rex group counters). */
  readonly scratch: Record<string, unknown>
}

export interface Hooks {
  /** Return a rendering for a field expression, or undefined to use the default. */
  readonly field?: (e: FieldExpr, r: Renderer, ancestors: readonly Expr[]) => Rendered | undefined
  readonly keyword?: (e: KeywordExpr, r: Renderer, ancestors: readonly Expr[]) => Rendered | undefined
  /** Called for and/or/not nodes before the default. */
  readonly node?: (e: Expr, r: Renderer, ancestors: readonly Expr[]) => Rendered | undefined
  /** Decide whether an OR/AND becomes an IN list (after the generic checks passed). */
  readonly inList?: (e: Extract<Expr, { kind: 'and' | 'or' }>, r: Renderer) => boolean
}

const unsupported = (what: string, pos?: SourcePos): never =>
  fail('backend.unsupported', what, pos ? { line: pos.line, column: pos.column } : {})

/** Strip single-argument and/or wrappers (pySigma collapses them but keeps them in the parent chain). */
export function unwrap(e: Expr): Expr {
  let cur = e
  while ((cur.kind === 'and' || cur.kind === 'or') && cur.args.length === 1 && !cur.holes) cur = cur.args[0] as Expr
  return cur
}

export class Renderer {
  constructor(
    readonly d: TextDialect,
    readonly state: RenderState,
    readonly hooks: Hooks = {},
  ) {}

  /** Render a whole condition; returns the query text before `finish`. */
  render(e: Expr, ancestors: readonly Expr[] = []): Rendered {
    if ((e.kind === 'and' || e.kind === 'or') && e.args.length === 1 && !e.holes) return this.render(e.args[0] as Expr, [...ancestors, e])
    const hooked = e.kind === 'field' ? this.hooks.field?.(e, this, ancestors)
      : e.kind === 'keyword' ? this.hooks.keyword?.(e, this, ancestors)
      : this.hooks.node?.(e, this, ancestors)
    if (hooked !== undefined) return hooked
    switch (e.kind) {
      case 'and':
      case 'or':
        return this.useInList(e) ? this.inList(e) : this.junction(e, ancestors)
      case 'not':
        return this.not(e, ancestors)
      case 'field':
        return this.fieldValue(e, ancestors)
      case 'keyword':
        return this.keyword(e)
      default:
        return assertNever(e)
    }
  }

  // ---- boolean structure -------------------------------------------------

  /** pySigma compare_precedence: true when `inner` needs no group inside `outer`. */
  private noGroup(outer: 'and' | 'or' | 'not', inner: Expr): boolean {
    const e = unwrap(inner)
    const leaf = e.kind === 'field' || e.kind === 'keyword'
    if (this.d.parenthesize && !leaf) return false
    const p = this.d.precedence as readonly string[]
    const innerKind = leaf && e.value.type === 'expansion' ? 'or' : leaf ? null : e.kind
    const idxInner = innerKind === null ? -1 : p.indexOf(innerKind)
    return idxInner <= p.indexOf(outer)
  }

  group(text: string): string {
    return fmt(this.d.group, { expr: text })
  }

  private renderChild(outer: 'and' | 'or', arg: Expr, ancestors: readonly Expr[]): Rendered {
    const r = this.render(arg, ancestors)
    if (r === null || isDeferred(r) || this.noGroup(outer, arg)) return r
    return this.group(r)
  }

  junction(e: Extract<Expr, { kind: 'and' | 'or' }>, ancestors: readonly Expr[]): Rendered {
    const token = e.kind === 'and' ? this.d.and : this.d.or
    const joiner = this.d.tokenSeparator === token ? token : this.d.tokenSeparator + token + this.d.tokenSeparator
    const next = [...ancestors, e]
    const parts: string[] = []
    let deferred: Deferred | null = null
    for (const arg of e.args) {
      const r = this.renderChild(e.kind, arg, next)
      if (r === null) continue
      if (isDeferred(r)) deferred = r
      else parts.push(r)
    }
    if (parts.length === 0) return deferred
    return parts.join(joiner)
  }

  not(e: Extract<Expr, { kind: 'not' }>, ancestors: readonly Expr[]): Rendered {
    const arg = unwrap(e.arg)
    const next = [...ancestors, e]
    if (arg.kind === 'and' || arg.kind === 'or' || arg.kind === 'not') {
      const r = this.render(e.arg, next)
      if (r === null || isDeferred(r)) return r
      return this.d.not + this.d.tokenSeparator + this.group(r)
    }
    const r = this.render(e.arg, next)
    if (r === null) return null
    if (isDeferred(r)) {
      r.negated = !r.negated
      return r
    }
    return this.d.not + this.d.tokenSeparator + r
  }

  // ---- IN lists ------------------------------------------------------------

  useInList(e: Extract<Expr, { kind: 'and' | 'or' }>): boolean {
    const l = this.d.inList
    if (!l || (e.kind === 'or' ? l.orOp === undefined : l.andOp === undefined)) return false
    const args = e.args
    if (!args.every((a): a is FieldExpr => a.kind === 'field')) return false
    if (new Set(args.map((a) => a.field)).size !== 1) return false
    if (!args.every((a) => a.value.type === 'num' || (a.value.type === 'str' && !a.value.cased))) return false
    if (!l.allowWildcards && args.some((a) => a.value.type === 'str' && hasWildcard(a.value.parts))) return false
    return this.hooks.inList ? this.hooks.inList(e, this) : true
  }

  inList(e: Extract<Expr, { kind: 'and' | 'or' }>): string {
    const l = this.d.inList as NonNullable<TextDialect['inList']>
    const args = e.args as readonly FieldExpr[]
    const list = args.map((a) => (a.value.type === 'str' ? this.value(a.value) : a.value.type === 'num' ? pyNum(a.value.value) : ''))
    return fmt(l.expression, {
      field: this.fieldName((args[0] as FieldExpr).field),
      op: (e.kind === 'or' ? l.orOp : l.andOp) as string,
      list: list.join(l.separator),
    })
  }

  // ---- names and values (dialect tokens: names-values.ts) ----------------------

  fieldName(name: string): string {
    return encodeFieldName(this.d, name)
  }

  /** Escaped and (when the dialect says so) quoted string value. */
  value(v: StrValue): string {
    return encodeStr(this.d, v)
  }

  regex(regex: string, flags: readonly RegexFlag[]): string {
    return encodeRegex(this.d, regex, flags)
  }

  strAsRegex(v: StrValue): string {
    return this.regex(strToRegex(v, this.d.addEscapedRe ?? ''), [])
  }

  // ---- field = value -----------------------------------------------------------

  fieldValue(e: FieldExpr, ancestors: readonly Expr[]): Rendered {
    const v = e.value
    switch (v.type) {
      case 'str':
        return this.fieldStr(e.field, v, e.pos)
      case 'num':
        return this.fieldName(e.field) + this.d.eqToken + pyNum(v.value)
      case 'bool':
        if (!this.d.bool) return unsupported(`boolean value ${v.value} is not supported by this target`, e.pos)
        return this.fieldName(e.field) + this.d.eqToken + (v.value ? this.d.bool.true : this.d.bool.false)
      case 'null':
        if (this.d.null === undefined) return unsupported('null values are not supported by this target', e.pos)
        return fmt(this.d.null, { field: this.fieldName(e.field) })
      case 're':
        return this.fieldRegex(e.field, v, e.pos)
      case 'cidr':
        return this.fieldCidr(e, v, ancestors)
      case 'cmp': {
        const c = this.d.compare
        if (!c) return unsupported('numeric comparisons are not supported by this target', e.pos)
        return fmt(c.expression, { field: this.fieldName(e.field), operator: c.ops[v.op], value: pyNum(v.value) })
      }
      case 'exists':
        return this.fieldExists(e, v.exists, ancestors)
      case 'fieldref':
        return this.fieldRef(e.field, v, e.pos)
      case 'timepart': {
        const t = this.d.timestampPart
        if (!t) return unsupported(`the time-part modifier '${v.part}' is not supported by this target`, e.pos)
        const lhs = fmt(t.expression, { field: this.fieldName(e.field), timestamp_part: t.parts[v.part] })
        const op = v.op === 'eq' ? this.d.eqToken : (this.d.compare?.ops[v.op] ?? unsupported('numeric comparisons are not supported by this target', e.pos))
        return lhs + op + pyNum(v.value)
      }
      case 'expansion':
        return this.junction({ kind: 'or', args: v.values.map((x) => ({ kind: 'field', field: e.field, value: x, pos: e.pos })) }, ancestors)
      case 'query':
        return fillQueryExpression(v.expression, this.fieldName(e.field), v.id)
      default:
        return assertNever(v)
    }
  }

  fieldStr(field: string, v: StrValue, pos?: SourcePos): string {
    const t: MatchTemplates | undefined = v.cased ? this.d.casedMatch : this.d.match
    if (v.cased && !t) return unsupported('case-sensitive matching (the cased modifier) is not supported by this target', pos)
    const m = t as MatchTemplates
    const allow = m.allowSpecial ?? {}
    let template: string
    let value = v
    const n = v.parts.length
    if (m.startswith !== undefined && endsWithAny(v) && (allow.startswith || !hasWildcard(v.parts.slice(0, -1)))) {
      template = m.startswith
      value = sliceStr(v, 0, -1)
    } else if (m.endswith !== undefined && startsWithAny(v) && (allow.endswith || !hasWildcard(v.parts.slice(1)))) {
      template = m.endswith
      value = sliceStr(v, 1)
    } else if (m.contains !== undefined && startsWithAny(v) && endsWithAny(v) && n >= 1 && (allow.contains || !hasWildcard(v.parts.slice(1, -1)))) {
      template = m.contains
      value = sliceStr(v, 1, -1)
    } else if (m.wildcard !== undefined && hasWildcard(v.parts)) {
      template = m.wildcard
    } else if (v.cased) {
      if (m.match === undefined) return unsupported('case-sensitive matching (the cased modifier) is not supported by this target', pos)
      template = m.match
    } else {
      template = this.d.eq ?? '{field}' + this.d.eqToken + '{value}'
    }
    const vars: Record<string, string> = { field: this.fieldName(field), value: this.value(value) }
    if (template.includes('{regex}')) vars.regex = this.strAsRegex(value)
    return fmt(template, vars)
  }

  fieldRegex(field: string, v: Extract<Value, { type: 're' }>, pos?: SourcePos): string {
    const re = this.d.re
    if (!re) return unsupported('regular expressions (the re modifier) are not supported by this target', pos)
    const vars: Record<string, string> = { field: this.fieldName(field), regex: this.regex(v.regex, v.flags) }
    for (const f of ['i', 'm', 's'] as const) {
      if (v.flags.includes(f) && re.flags !== undefined && re.flags[f] === undefined) unsupported(`regular expression flag '${f}' is not supported by this target`, pos)
      vars[`flag_${f}`] = v.flags.includes(f) ? (re.flags?.[f] ?? '') : ''
    }
    return fmt(re.expression, vars)
  }

  fieldCidr(e: FieldExpr, v: Extract<Value, { type: 'cidr' }>, ancestors: readonly Expr[]): Rendered {
    if (this.d.cidr !== undefined) {
      return fmt(this.d.cidr, { field: e.field, value: v.cidr, network: v.network, prefixlen: v.prefix, netmask: cidrNetmask(v) })
    }
    const alternatives: Expr = {
      kind: 'or',
      args: expandCidr(v).map((parts) => ({ kind: 'field', field: e.field, value: { type: 'str', parts, cased: false }, pos: e.pos })),
    }
    return this.render(alternatives, ancestors)
  }

  fieldExists(e: FieldExpr, exists: boolean, ancestors: readonly Expr[]): Rendered {
    const f = this.fieldName(e.field)
    if (this.d.notExists !== undefined) {
      if (exists) return this.d.exists !== undefined ? fmt(this.d.exists, { field: f }) : unsupported('field existence checks are not supported by this target', e.pos)
      return fmt(this.d.notExists, { field: f })
    }
    if (this.d.exists === undefined) return unsupported('field existence checks are not supported by this target', e.pos)
    if (exists) return fmt(this.d.exists, { field: f })
    return this.not({ kind: 'not', arg: { ...e, value: { type: 'exists', exists: true } } }, ancestors)
  }

  fieldRef(field: string, v: Extract<Value, { type: 'fieldref' }>, pos?: SourcePos): string {
    const r = this.d.fieldRef
    const t = r?.[v.match]
    if (t === undefined) return unsupported(`field references (fieldref${v.match === 'eq' ? '' : '|' + v.match}) are not supported by this target`, pos)
    const [q1, q2] = r?.escapeAndQuote ?? [true, true]
    return fmt(t, { field1: q1 ? this.fieldName(field) : field, field2: q2 ? this.fieldName(v.field) : v.field })
  }

  // ---- keywords --------------------------------------------------------------

  keyword(e: KeywordExpr): Rendered {
    const v = e.value
    const u = this.d.unbound ?? {}
    switch (v.type) {
      case 'str': {
        if (u.str === undefined) return unsupported('keyword (field-less) searches are not supported by this target', e.pos)
        const vars: Record<string, string> = { value: this.value(v) }
        if (u.str.includes('{regex}')) vars.regex = this.strAsRegex(v)
        return fmt(u.str, vars)
      }
      case 'num':
        if (u.num === undefined) return unsupported('numeric keyword searches are not supported by this target', e.pos)
        return fmt(u.num, { value: pyNum(v.value) })
      case 're':
        if (u.re === undefined) return unsupported('regular-expression keyword searches are not supported by this target', e.pos)
        return fmt(u.re, { value: this.regex(v.regex, v.flags), flag_i: '', flag_m: '', flag_s: '' })
      case 'expansion':
        return this.junction({ kind: 'or', args: v.values.map((x) => ({ kind: 'keyword', value: x, pos: e.pos })) }, [])
      case 'query':
        return fillQueryExpression(v.expression, null, v.id)
      case 'bool':
        return fail('value.keyword', "Boolean values can't appear as standalone value without a field name.", e.pos ?? {})
      case 'cidr':
        return fail('value.keyword', "CIDR values can't appear as standalone value without a field name.", e.pos ?? {})
      case 'null':
      case 'cmp':
      case 'exists':
      case 'fieldref':
      case 'timepart':
        return fail('value.keyword', `a ${v.type} value needs a field name; it can't be a keyword search`, e.pos ?? {})
      default:
        return assertNever(v)
    }
  }

  // ---- finishing -------------------------------------------------------------

  /** pySigma finish_query: wrap with the query expression and append deferred parts. */
  finish(query: Rendered): string {
    const d = this.d
    const state = { ...(d.stateDefaults ?? {}), ...this.state.pipelineState }
    const wrap = (q: string): string =>
      (d.queryExpression ?? '{query}').replace(/\{state\.([A-Za-z0-9_]+)\}|\{query\}/g, (m, k: string | undefined) => (k === undefined ? q : String(state[k] ?? '')))
    if (this.state.deferred.length > 0) {
      if (!d.deferred) return unsupported('this construct needs a post-filter, which this target does not support')
      const main = query === null || isDeferred(query) ? d.deferred.onlyQuery : query
      return wrap(main) + d.deferred.start + this.state.deferred.map((x) => x.finalize()).join(d.deferred.separator)
    }
    return wrap(query === null || isDeferred(query) ? '' : query)
  }
}

/** A query_expression_placeholders snippet with `{field}` / `{id}` filled in (function replacers: `$` in values stays literal). */
function fillQueryExpression(expression: string, field: string | null, id: string): string {
  return expression.replace(/\{(field|id)\}/g, (m, k: string) => (k === 'id' ? id : field ?? m))
}
