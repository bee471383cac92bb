/**
 * Sigma strings as KQL values, following Kibana's grammar.peggy (see grammars/kql/chars.ts):
 * - no wildcard → a quoted phrase: only `\` and `"` need escaping; tab/CR/LF are written `\t` `\r` `\n` so the
 *   query stays on one line. Inside quotes `*` is literal and nothing is trimmed.
 * - wildcards → unquoted (KQL has no wildcard inside quotes): `\():<>"*{}` are escaped with `\`; whitespace other
 *   than a plain space is written `\t` `\r` `\n` or `\uXXXX` (U+00A0 is a KQL separator); a plain space is kept
 *   unless it follows ` or`, ` and` or `not`, where it becomes `\u0020`. Every keyword of the grammar
 *   (`␠or␠`, `␠and␠`, `not␠`) needs a raw space right after its word, so none can form. `\not` is NOT a usable
 *   escape: the grammar reads `\n` (newline) first.
 * What an unquoted value cannot carry is refused rather than widened: Sigma's `?` (KQL has no single-character
 * wildcard), whitespace at either end (Kibana trims unquoted values, escaped or not) and the text
 * `@kuery-wildcard@` (Kibana's internal wildcard marker). A field's value that starts with whitespace does not get
 * here: prefix-range.ts writes it as a term range.
 */
import type { StrValue } from '../../src/ir/value.js'
import type { SourcePos } from '../../src/ir/rule.js'
import { fail } from '../../src/diagnostics.js'
import { backslashLiteral } from '../../src/render/strings.js'
import { KQL_WILDCARD_SYMBOL, SPECIAL_CHARS } from '../../grammars/kql/index.js'

/** Where a value sits in the rule, for messages that name the construct and its place. */
export interface Place {
  readonly field?: string
  readonly pos?: SourcePos
}

const at = (p: Place): { line?: number; column?: number; key?: string } => ({
  ...(p.pos ? { line: p.pos.line, column: p.pos.column } : {}),
  ...(p.field !== undefined ? { key: p.field } : {}),
})

const where = (p: Place): string => (p.field !== undefined ? `field '${p.field}'` : 'a keyword (field-less) search')

export const refuse = (what: string, p: Place): never => fail('backend.unsupported', `${what} (in ${where(p)}) cannot be expressed in KQL`, at(p))

/** A literal as a quoted KQL phrase. */
export const quoted = (s: string): string => '"' + backslashLiteral(s) + '"'

const WS_ESCAPES: Readonly<Record<string, string>> = { '\t': '\\t', '\r': '\\r', '\n': '\\n' }
const unicodeEscape = (c: string): string => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')
// `or`/`and` are keywords only after a raw space; `not` anywhere (`cannot␠` ends a word).
const AFTER_KEYWORD_WORD = /(?: or| and|not)$/i

/** Literal text for an unquoted KQL value, appended to `out` (whose end decides how a space is written). */
function appendUnquoted(out: string, s: string): string {
  let acc = out
  for (const c of s) {
    if (SPECIAL_CHARS.includes(c)) acc += '\\' + c
    else if (c === ' ') acc += AFTER_KEYWORD_WORD.test(acc) ? '\\u0020' : ' '
    else if (/\s/.test(c)) acc += WS_ESCAPES[c] ?? unicodeEscape(c)
    else acc += c
  }
  return acc
}

/** A Sigma string with wildcards as an unquoted KQL value, or a refusal naming why it cannot be one. */
export function unquoted(v: StrValue, place: Place): string {
  const first = v.parts[0]
  const last = v.parts[v.parts.length - 1]
  if ((typeof first === 'string' && /^\s/.test(first)) || (typeof last === 'string' && /\s$/.test(last))) {
    refuse('a wildcard value that starts or ends with whitespace (Kibana trims unquoted values)', place)
  }
  let out = ''
  for (const p of v.parts) {
    if (typeof p === 'string') {
      if (p.includes(KQL_WILDCARD_SYMBOL)) refuse(`a wildcard value containing the text '${KQL_WILDCARD_SYMBOL}' (Kibana's internal wildcard marker)`, place)
      out = appendUnquoted(out, p)
    } else if ('placeholder' in p) {
      fail('value.placeholder', `unhandled placeholder '%${p.placeholder}%' in ${where(place)}; resolve it with a pipeline (value_placeholders, wildcard_placeholders or query_expression_placeholders)`, at(place))
    } else if (p.special === 'one') {
      refuse("the single-character wildcard '?' (KQL only has '*')", place)
    } else out += '*'
  }
  return out
}

const hasWildcard = (v: StrValue): boolean => v.parts.some((p) => typeof p !== 'string')

/** Any Sigma string as a KQL value: quoted when it has no wildcard, unquoted otherwise. */
export function kqlValue(v: StrValue, place: Place): string {
  if (hasWildcard(v)) return unquoted(v, place)
  return quoted(v.parts.join(''))
}
