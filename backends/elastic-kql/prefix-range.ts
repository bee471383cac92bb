/**
 * A wildcard value that starts with whitespace (`startswith: ' C:\Program Files\'`) cannot be an unquoted KQL
 * value: Kibana trims unquoted values, escaped or not. On a keyword field "starts with P" is exactly the term
 * range P ≤ value < P⁺ (P⁺ = P with its last code point incremented): Elasticsearch orders keyword terms by their
 * UTF-8 bytes, i.e. by code point. What follows the prefix is matched by `*P'…` where P' is P without its leading
 * whitespace: P' cannot start inside the whitespace, so its first occurrence is the prefix itself, and the rest
 * of the pattern starts with `*`, so a later occurrence adds no match.
 */
import type { StrValue } from '../../src/ir/value.js'
import { ANY } from '../../src/ir/value.js'
import { quoted, refuse, unquoted, type Place } from './values.js'

/** Kibana's trim (String.prototype.trim) removes exactly what `\s` matches in JavaScript. */
const LEADING_WS = /^\s/

/** True when `v` has a wildcard and its first literal starts with whitespace. */
export function needsPrefixRange(v: StrValue): boolean {
  const first = v.parts[0]
  return typeof first === 'string' && LEADING_WS.test(first) && v.parts.some((p) => typeof p !== 'string')
}

/** The least string greater than every string that starts with `p`, or undefined when there is none to write. */
export function successor(p: string): string | undefined {
  const cps = Array.from(p)
  while (cps.length > 0) {
    const last = (cps.pop() as string).codePointAt(0) as number
    if (last >= 0xd800 && last <= 0xdfff) return undefined // a lone surrogate has no UTF-8 form
    if (last < 0x10ffff) return cps.join('') + String.fromCodePoint(last === 0xd7ff ? 0xe000 : last + 1)
  }
  return undefined
}

const isCased = (s: string): boolean => s.toLowerCase() !== s || s.toUpperCase() !== s

/**
 * `(f >= "P" and f < "P⁺")`, plus `and f:*P'…` when more pattern follows the prefix's wildcard.
 * `caseInsensitive`: a range query ignores the dsl_kql case_insensitive flag, so cased prefixes are refused there.
 */
export function prefixRange(fieldName: string, v: StrValue, place: Place, caseInsensitive: boolean): string {
  const prefix = v.parts[0] as string
  const what = 'a wildcard value that starts with whitespace'
  const last = v.parts[v.parts.length - 1]
  if (typeof last === 'string' && /\s$/.test(last)) refuse(`${what} and ends with whitespace (Kibana trims unquoted values)`, place)
  if (caseInsensitive && isCased(prefix)) refuse(`${what} (a term range, which ignores case_insensitive=true)`, place)
  const upper = successor(prefix) ?? refuse(`${what} and ends its prefix with U+10FFFF or a lone surrogate`, place)
  const clauses = [`${fieldName} >= ${quoted(prefix)}`, `${fieldName} < ${quoted(upper)}`]
  const rest = v.parts.slice(1)
  if (!(rest.length === 1 && rest[0] === ANY)) {
    const core = prefix.replace(/^\s+/, '')
    if (core === '') refuse(`${what} only, before its first wildcard`, place)
    clauses.push(`${fieldName}:${unquoted({ ...v, parts: [ANY, core, ...rest] }, place)}`)
  }
  return `(${clauses.join(' and ')})`
}
