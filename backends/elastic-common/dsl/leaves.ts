/**
 * One `field` + value → an Elasticsearch query DSL leaf (term / prefix / wildcard / regexp / range / exists /
 * script). Sigma strings match case-insensitively unless `cased`, so term-level queries carry
 * `case_insensitive: true` (ES ≥ 7.10, keyword and wildcard fields). Numbers, booleans and networks are exact.
 */
import type { FieldExpr } from '../../../src/ir/expr.js'
import type { StrValue, Value } from '../../../src/ir/value.js'
import { assertNever } from '../../../src/ir/expr.js'
import { fail } from '../../../src/diagnostics.js'
import { luceneRegex } from '../lucene-regex.js'
import { at } from '../render.js'

export type Dsl = { readonly [k: string]: unknown }

const unsupported = (e: FieldExpr, what: string): never =>
  fail('backend.unsupported', `field '${e.field}': ${what} cannot be expressed in the native query DSL (use -f dsl_lucene or the default format)`, at(e.pos))

/** Wildcard-query pattern: literal `*`, `?` and `\` escaped with `\`. */
export function wildcardPattern(v: StrValue, e: FieldExpr): string {
  let out = ''
  for (const p of v.parts) {
    if (typeof p === 'string') out += p.replace(/[*?\\]/g, (c) => '\\' + c)
    else if ('special' in p) out += p.special === 'any' ? '*' : '?'
    else unsupported(e, `the placeholder %${p.placeholder}% (resolve it with a pipeline)`)
  }
  return out
}

const ci = (v: StrValue): { case_insensitive?: true } => (v.cased ? {} : { case_insensitive: true })

function strLeaf(e: FieldExpr, v: StrValue): Dsl {
  const f = e.field
  const specials = v.parts.filter((p) => typeof p !== 'string')
  if (specials.length === 0) return { term: { [f]: { value: v.parts.join(''), ...ci(v) } } }
  const last = v.parts[v.parts.length - 1]
  const onlyTrailingAny = specials.length === 1 && typeof last === 'object' && 'special' in last && last.special === 'any'
  if (onlyTrailingAny) return { prefix: { [f]: { value: v.parts.slice(0, -1).join(''), ...ci(v) } } }
  return { wildcard: { [f]: { value: wildcardPattern(v, e), ...ci(v) } } }
}

const painlessString = (s: string): string => `'${s.replace(/[\\']/g, (c) => '\\' + c)}'`

function fieldRefLeaf(e: FieldExpr, other: string, match: 'eq' | 'startswith' | 'endswith' | 'contains'): Dsl {
  const a = `doc[${painlessString(e.field)}]`
  const b = `doc[${painlessString(other)}]`
  const op = { eq: '==', startswith: '.startsWith', endswith: '.endsWith', contains: '.contains' }[match]
  const compare = match === 'eq' ? `${a}.value == ${b}.value` : `${a}.value${op}(${b}.value.toString())`
  return { script: { script: { source: `${a}.size() != 0 && ${b}.size() != 0 && ${compare}`, lang: 'painless' } } }
}

const exists = (field: string): Dsl => ({ exists: { field } })
export const mustNot = (q: Dsl): Dsl => ({ bool: { must_not: [q] } })
export const anyOf = (qs: readonly Dsl[]): Dsl => (qs.length === 1 ? (qs[0] as Dsl) : { bool: { should: qs, minimum_should_match: 1 } })

export function fieldLeaf(e: FieldExpr, v: Value = e.value): Dsl {
  const f = e.field
  switch (v.type) {
    case 'str':
      return strLeaf(e, v)
    case 'num':
      return { term: { [f]: { value: v.value } } }
    case 'bool':
      return { term: { [f]: { value: v.value } } }
    case 'null':
      return mustNot(exists(f))
    case 're':
      return { regexp: { [f]: { value: luceneRegex(v.regex, v.flags, { escapeSlash: false }, e.pos), flags: 'ALL' } } }
    case 'cidr':
      return { term: { [f]: { value: v.cidr } } }
    case 'cmp':
      return { range: { [f]: { [v.op]: v.value } } }
    case 'exists':
      return v.exists ? exists(f) : mustNot(exists(f))
    case 'fieldref':
      return fieldRefLeaf(e, v.field, v.match)
    case 'timepart':
      return unsupported(e, `the ${v.part} time-part modifier`)
    case 'expansion':
      return anyOf(v.values.map((x) => fieldLeaf(e, x)))
    case 'query':
      return { query_string: { query: v.expression } }
    default:
      return assertNever(v)
  }
}
