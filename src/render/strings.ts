/** Rendering Sigma strings and regular expressions into target text (pySigma's SigmaString.convert / to_regex / escape). */
import type { StrValue, StrPart, RegexFlag } from '../ir/value.js'
import { fail } from '../diagnostics.js'

export interface StrConvert {
  readonly escapeChar?: string
  readonly wildcardMulti?: string
  readonly wildcardSingle?: string
  /** Characters escaped in addition to the wildcard characters. */
  readonly addEscaped: string
  readonly filterChars?: string
}

export function convertStr(v: StrValue, o: StrConvert): string {
  const escaped = new Set([...(o.wildcardMulti ?? ''), ...(o.wildcardSingle ?? ''), ...o.addEscaped])
  const filter = new Set(o.filterChars ?? '')
  let out = ''
  for (const p of v.parts) {
    if (typeof p === 'string') {
      for (const c of p) {
        if (filter.has(c)) continue
        if (escaped.has(c) && o.escapeChar !== undefined) out += o.escapeChar
        out += c
      }
    } else if ('placeholder' in p) {
      fail('value.placeholder', `Attempt to convert unhandled placeholder '${p.placeholder}' into query; resolve it with a pipeline (value_placeholders, wildcard_placeholders or query_expression_placeholders)`)
    } else if (p.special === 'any') {
      if (o.wildcardMulti === undefined) fail('backend.unsupported', 'Multi-character wildcard not specified for conversion')
      out += o.wildcardMulti
    } else {
      if (o.wildcardSingle === undefined) fail('backend.unsupported', 'Single-character wildcard not specified for conversion')
      out += o.wildcardSingle
    }
  }
  return out
}

const BACKSLASH_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/**
 * The inside of a `"…"` string literal whose escapes are `\\ \" \n \r \t` (ES|QL, EQL and Kibana KQL alike): a
 * line break or tab is written as its escape so the query stays on one line.
 */
export const backslashLiteral = (text: string): string => text.replace(/[\\"\n\r\t]/g, (c) => BACKSLASH_ESCAPES[c] as string)

/** Sigma text of a string (pySigma `str(SigmaString)`): literal `*`/`?` escaped, wildcards bare. */
export function plainStr(v: StrValue): string {
  let out = ''
  for (const p of v.parts) {
    if (typeof p === 'string') out += p.replace(/\*/g, '\\*').replace(/\?/g, '\\?')
    else if ('placeholder' in p) out += `%${p.placeholder}%`
    else out += p.special === 'any' ? '*' : '?'
  }
  return out
}

const RE_META = '.*+?^$[](){}\\|'

/** A Sigma string as a regular expression (wildcards → `.*` / `.`, metacharacters escaped). */
export function strToRegex(v: StrValue, customEscaped = ''): string {
  return convertStr(v, { escapeChar: '\\', wildcardMulti: '.*', wildcardSingle: '.', addEscaped: RE_META + customEscaped })
}

export interface ReEscape {
  readonly escape: readonly string[]
  readonly escapeChar: string
  readonly escapeEscapeChar: boolean
  readonly flagPrefix: boolean
}

/** pySigma SigmaRegularExpression.escape: escape listed sequences (and the escape char), prefix `(?ims)` flags. */
export function escapeRegex(regex: string, flags: readonly RegexFlag[], o: ReEscape): string {
  const seqs = [...o.escape, ...(o.escapeEscapeChar ? [o.escapeChar] : [])].filter((s) => s !== '')
  let body = regex
  if (seqs.length > 0) {
    const re = new RegExp(seqs.map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g')
    const positions: number[] = []
    for (const m of regex.matchAll(re)) positions.push(m.index)
    if (positions.length > 0) {
      const bounds = [0, ...positions, regex.length]
      const chunks: string[] = []
      for (let i = 0; i + 1 < bounds.length; i++) chunks.push(regex.slice(bounds[i], bounds[i + 1]))
      body = chunks.join(o.escapeChar)
    }
  }
  const prefix = o.flagPrefix && flags.length > 0 ? `(?${[...flags].sort().join('')})` : ''
  return prefix + body
}

/** String helpers mirroring pySigma's SigmaString slicing tests. */
export const endsWithAny = (v: StrValue): boolean => isAny(v.parts[v.parts.length - 1])
export const startsWithAny = (v: StrValue): boolean => isAny(v.parts[0])
export const hasWildcard = (parts: readonly StrPart[]): boolean => parts.some((p) => typeof p !== 'string' && 'special' in p)
export function isAny(p: StrPart | undefined): boolean {
  return p !== undefined && typeof p !== 'string' && 'special' in p && p.special === 'any'
}
export const sliceStr = (v: StrValue, start: number, end?: number): StrValue => ({ ...v, parts: v.parts.slice(start, end) })
