/**
 * A dialect's encoding of field names, string values and regexes (pySigma TextQueryBackend's escape_and_quote_field,
 * convert_value_str and convert_value_re), as pure functions of the dialect.
 */
import type { StrValue, RegexFlag } from '../ir/value.js'
import type { TextDialect } from './dialect.js'
import { convertStr, plainStr, escapeRegex, hasWildcard } from './strings.js'
import { fail } from '../diagnostics.js'

/** A field name escaped and quoted per `d.field`. */
export function encodeFieldName(d: TextDialect, name: string): string {
  const f = d.field
  let escaped = name
  if (f.escape !== undefined) {
    const positions = new Set<number>()
    if (f.escapePattern) for (const m of name.matchAll(withFlags(f.escapePattern, 'g'))) positions.add(m.index)
    if ((f.escapeQuote ?? true) && f.quote !== undefined) {
      let i = name.indexOf(f.quote)
      while (i >= 0) {
        positions.add(i)
        i = name.indexOf(f.quote, i + 1)
      }
    }
    if (positions.size > 0) {
      const idx = [0, ...[...positions].sort((a, b) => a - b), name.length]
      const chunks: string[] = []
      for (let i = 0; i + 1 < idx.length; i++) chunks.push(name.slice(idx[i], idx[i + 1]))
      escaped = chunks.join(f.escape)
    }
  }
  if (f.quote === undefined) return escaped
  let quote = true
  if (f.quotePattern) {
    quote = matchStart(f.quotePattern, escaped)
    if (f.quotePatternNegation ?? true) quote = !quote
  }
  return quote ? f.quote + escaped + f.quote : escaped
}

/** A string value escaped and (when the dialect says so) quoted; two-layer when `d.str.literal` is set. */
export function encodeStr(d: TextDialect, v: StrValue): string {
  const s = d.str
  if (s.literal !== undefined) {
    const pattern = hasWildcard(v.parts)
    const text = convertStr(v, {
      escapeChar: pattern ? s.escapeChar : undefined,
      wildcardMulti: s.wildcardMulti,
      wildcardSingle: s.wildcardSingle,
      addEscaped: pattern ? s.addEscaped : '',
      filterChars: s.filterChars,
    })
    return s.quote + s.literal(text) + s.quote
  }
  const converted = convertStr(v, {
    escapeChar: s.escapeChar,
    wildcardMulti: s.wildcardMulti,
    wildcardSingle: s.wildcardSingle,
    addEscaped: s.quote + s.addEscaped,
    filterChars: s.filterChars,
  })
  if (quoteDecision(d, v)) return s.quote + converted + s.quote
  return s.reservedWords?.includes(converted) ? (s.escapeChar ?? '') + converted : converted
}

function quoteDecision(d: TextDialect, v: StrValue): boolean {
  const s = d.str
  if (s.quote === '') return false
  if (!s.quotePattern) return true
  const m = matchStart(s.quotePattern, plainStr(v))
  return (s.quotePatternNegation ?? true) ? !m : m
}

/** A regex escaped per `d.re`, with its flags as an inline prefix when the dialect says so. */
export function encodeRegex(d: TextDialect, regex: string, flags: readonly RegexFlag[]): string {
  const re = d.re
  if (!re) return fail('backend.unsupported', 'regular expressions are not supported by this target')
  return escapeRegex(regex, flags, { escape: re.escape, escapeChar: re.escapeChar, escapeEscapeChar: re.escapeEscapeChar, flagPrefix: re.flagPrefix })
}

/** Python `re.match` semantics: the pattern must match at the start (not necessarily the whole string). */
function matchStart(re: RegExp, s: string): boolean {
  const sticky = withFlags(re, 'y')
  sticky.lastIndex = 0
  return sticky.test(s)
}

/** The dialect's pattern with only `flag` of g/y set, compiled once per pattern: names and values are rendered per leaf. */
const FLAGGED = new Map<string, WeakMap<RegExp, RegExp>>()
function withFlags(re: RegExp, flag: 'g' | 'y'): RegExp {
  let byRe = FLAGGED.get(flag)
  if (!byRe) FLAGGED.set(flag, (byRe = new WeakMap()))
  let out = byRe.get(re)
  if (!out) byRe.set(re, (out = new RegExp(re.source, re.flags.replace(/[gy]/g, '') + flag)))
  return out
}
