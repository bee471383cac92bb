/**
 * KQL rendering that the shared renderer cannot do from data:
 * - strings: quoted phrase without wildcards, escaped unquoted value with them (values.ts); a wildcard value
 *   that starts with whitespace as a term range plus a wildcard (prefix-range.ts);
 * - IN lists `field:("a" or b*)` built from those values; windash/base64offset expansions as lists too;
 * - regexes that equal a finite set of wildcard patterns as such a list (regex-expand.ts), up to the
 *   `regex_alternatives` option; other regexes are refused, naming the construct;
 * - `not` never precedes another `not` (`not not x` does not parse): NOT null / NOT (exists: false) become `field:*`;
 * - cidr per the `cidr_mode` option; `?`, fieldref and time parts are refused, naming the construct.
 */
import type { Expr, FieldExpr, KeywordExpr } from '../../src/ir/expr.js'
import type { Hooks, Renderer, Rendered } from '../../src/render/text.js'
import { unwrap } from '../../src/render/text.js'
import { assertNever } from '../../src/ir/expr.js'
import { pyNum } from '../../src/render/template.js'
import { expandCidr } from '../../src/render/cidr.js'
import { fail } from '../../src/diagnostics.js'
import { negatedNull, type Junction } from '../elastic-common/render.js'
import { kqlValue, quoted, refuse, type Place } from './values.js'
import { needsPrefixRange, prefixRange } from './prefix-range.js'
import { regexPatterns } from './regex-expand.js'
import { ANY, type StrValue } from '../../src/ir/value.js'
import { endsWithAny, startsWithAny } from '../../src/render/strings.js'

export const CIDR_MODES = ['term', 'expand', 'refuse'] as const
export const DEFAULT_REGEX_ALTERNATIVES = 1024

const place = (e: FieldExpr | KeywordExpr): Place => ({ ...(e.kind === 'field' ? { field: e.field } : {}), ...(e.pos ? { pos: e.pos } : {}) })

/** Options are checked where they are used, so a bad value is a per-rule diagnostic with the allowed values. */
function option(r: Renderer, name: string, allowed: readonly string[], dflt: string): string {
  const v = r.state.options[name] ?? dflt
  return allowed.includes(v) ? v : fail('config.option', `option ${name}=${v} is not one of: ${allowed.join(', ')}`)
}

/** In the `dsl_kql` format with case_insensitive=true the whole query matches case-insensitively. */
const allCaseInsensitive = (r: Renderer): boolean => r.state.scratch.caseInsensitive === true

function strValue(r: Renderer, v: Extract<FieldExpr['value'], { type: 'str' }>, p: Place): string {
  if (v.cased && allCaseInsensitive(r)) {
    refuse('the cased modifier together with case_insensitive=true (set case_insensitive=false to match case-sensitively)', p)
  }
  return kqlValue(v, p)
}

/** A field's string: one term, or a parenthesized range conjunction for a leading-whitespace prefix. */
function fieldStr(r: Renderer, field: string, v: StrValue, p: Place): string {
  if (needsPrefixRange(v)) {
    if (v.cased && allCaseInsensitive(r)) strValue(r, v, p) // the same refusal as any cased value there
    return prefixRange(r.fieldName(field), v, p, allCaseInsensitive(r))
  }
  return `${r.fieldName(field)}:${strValue(r, v, p)}`
}

function listValue(r: Renderer, e: FieldExpr): string {
  const v = e.value
  if (v.type === 'str') return strValue(r, v, place(e))
  if (v.type === 'num') return pyNum(v.value)
  return fail('backend.internal', `unexpected ${v.type} value in a value list`)
}

function inList(e: Junction, r: Renderer): string {
  const args = e.args as readonly FieldExpr[]
  return `${r.fieldName((args[0] as FieldExpr).field)}:(${args.map((a) => listValue(r, a)).join(' or ')})`
}

/** Alternatives of one field (windash/base64offset expansions, expanded cidr) as an OR node. */
function valuesOr(e: FieldExpr, values: readonly FieldExpr['value'][]): Junction {
  return { kind: 'or', args: values.map((value) => ({ kind: 'field', field: e.field, value, ...(e.pos ? { pos: e.pos } : {}) })) }
}

function orOfValues(e: FieldExpr, values: readonly FieldExpr['value'][], r: Renderer, ancestors: readonly Expr[]): Rendered {
  const or = valuesOr(e, values)
  return r.useInList(or) ? inList(or, r) : r.junction(or, ancestors)
}

function regexLimit(r: Renderer): number {
  const v = r.state.options.regex_alternatives ?? String(DEFAULT_REGEX_ALTERNATIVES)
  return /^[1-9]\d{0,5}$/.test(v) ? Number(v) : fail('config.option', `option regex_alternatives=${v} is not a whole number from 1 to 999999`)
}

/** A regex as the OR of the wildcard patterns it equals; the parentheses keep a multi-term OR one leaf. */
function regex(e: FieldExpr, v: Extract<FieldExpr['value'], { type: 're' }>, r: Renderer, ancestors: readonly Expr[]): Rendered {
  const p = place(e)
  const what = `the re modifier (regular expression /${v.regex}/)`
  const res = regexPatterns(v.regex, v.flags, regexLimit(r))
  if (!res.ok) return refuse(`${what} with ${res.construct}`, p)
  if (allCaseInsensitive(r) && res.patterns.some((x) => x.literal.toLowerCase() !== x.literal || x.literal.toUpperCase() !== x.literal)) {
    refuse(`${what}, which is case-sensitive, together with case_insensitive=true (set case_insensitive=false)`, p)
  }
  const values: StrValue[] = res.patterns.map((x) => ({
    type: 'str',
    parts: x.anchored && x.anchoredEnd ? [x.literal] : x.literal === '' ? [ANY] : [...(x.anchored ? [] : [ANY]), x.literal, ...(x.anchoredEnd ? [] : [ANY])],
    cased: false,
  }))
  if (values.length === 1) return fieldStr(r, e.field, values[0] as StrValue, p)
  const or = valuesOr(e, values)
  if (r.useInList(or)) return inList(or, r)
  const out = r.junction(or, ancestors)
  return typeof out === 'string' ? r.group(out) : out
}

function cidr(e: FieldExpr, v: Extract<FieldExpr['value'], { type: 'cidr' }>, r: Renderer, ancestors: readonly Expr[]): Rendered {
  const mode = option(r, 'cidr_mode', CIDR_MODES, 'term')
  if (mode === 'term') return `${r.fieldName(e.field)}:${quoted(v.cidr)}`
  if (mode === 'refuse') return refuse(`the cidr modifier (${v.cidr}; cidr_mode=refuse)`, place(e))
  if (v.version === 6) return refuse(`the cidr modifier on an IPv6 network (${v.cidr}) as text prefixes (cidr_mode=expand)`, place(e))
  return orOfValues(e, cidrValues(v), r, ancestors)
}

const cidrValues = (v: Extract<FieldExpr['value'], { type: 'cidr' }>): FieldExpr['value'][] =>
  expandCidr(v).map((parts) => ({ type: 'str', parts, cased: false }))

function field(e: FieldExpr, r: Renderer, ancestors: readonly Expr[]): Rendered | undefined {
  const v = e.value
  switch (v.type) {
    case 'str':
      return fieldStr(r, e.field, v, place(e))
    case 'cidr':
      return cidr(e, v, r, ancestors)
    case 'expansion':
      return orOfValues(e, v.values, r, ancestors)
    case 're':
      return regex(e, v, r, ancestors)
    case 'fieldref':
      return refuse(`the fieldref modifier (comparison with field '${v.field}')`, place(e))
    case 'timepart':
      return refuse(`the ${v.part} modifier (a part of a timestamp)`, place(e))
    case 'num':
    case 'bool':
    case 'null':
    case 'cmp':
    case 'exists':
    case 'query':
      return undefined // the shared renderer's forms are valid KQL (dialect.ts)
    default:
      return assertNever(v)
  }
}

/** `*value*` (no doubled wildcard when the value already starts or ends with one). */
function containsValue(v: StrValue): StrValue {
  return { ...v, parts: [...(startsWithAny(v) ? [] : [ANY]), ...v.parts, ...(endsWithAny(v) || v.parts.length === 0 ? [] : [ANY])] }
}

function keyword(e: KeywordExpr, r: Renderer): Rendered | undefined {
  const v = e.value
  switch (v.type) {
    case 'str':
      // Field-less: a Sigma keyword is a substring of any value, so it is written `*value*` (Kibana sends a
      // field-less wildcard value as a query_string over all fields), as the lucene target and pySigma's Lucene
      // do. A quoted phrase would be a multi_match, which on keyword fields matches whole values only. The outer
      // wildcards also keep whitespace at the value's ends from being trimmed.
      return strValue(r, containsValue(v), place(e))
    case 're':
      return refuse(`the re modifier (regular expression /${v.regex}/)`, place(e))
    case 'expansion':
      return r.junction({ kind: 'or', args: v.values.map((value) => ({ kind: 'keyword', value, ...(e.pos ? { pos: e.pos } : {}) })) }, [])
    default:
      return undefined
  }
}

/** A rendered leaf that is not one term (a negation, alternatives that did not become a list) needs a group after `not`. */
function needsGroup(leaf: FieldExpr | KeywordExpr, text: string, r: Renderer): boolean {
  if (/^not /i.test(text)) return true
  if (leaf.kind !== 'field') return leaf.value.type === 'expansion' && leaf.value.values.length > 1
  const v = leaf.value
  const alternatives = v.type === 'expansion' ? valuesOr(leaf, v.values)
    : v.type === 'cidr' && v.version === 4 && option(r, 'cidr_mode', CIDR_MODES, 'term') === 'expand' ? valuesOr(leaf, cidrValues(v))
    : undefined
  return alternatives !== undefined && alternatives.args.length > 1 && !r.useInList(alternatives)
}

function node(e: Expr, r: Renderer, ancestors: readonly Expr[]): Rendered | undefined {
  if (e.kind === 'not') {
    const n = negatedNull(e)
    if (n) return `${r.fieldName(n.field)}:*`
    const a = unwrap(e.arg)
    if (a.kind === 'field' && a.value.type === 'exists' && !a.value.exists) return `${r.fieldName(a.field)}:*`
    if (a.kind !== 'field' && a.kind !== 'keyword') return undefined
    const inner = r.render(e.arg, [...ancestors, e])
    if (typeof inner !== 'string') return inner
    return needsGroup(a, inner, r) ? `not ${r.group(inner)}` : `not ${inner}`
  }
  if ((e.kind === 'and' || e.kind === 'or') && r.useInList(e)) return inList(e, r)
  return undefined
}

/** A value that needs a term range cannot sit in a value list. */
const inListHook = (e: Junction): boolean => !e.args.some((a) => a.kind === 'field' && a.value.type === 'str' && needsPrefixRange(a.value))

export const kqlHooks: Hooks = { node, field, keyword, inList: inListHook }
