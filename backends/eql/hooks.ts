/**
 * EQL quirks (pySigma EqlBackend overrides) and fixes:
 * - `NOT <null>` becomes `?field != null`; a null test is always grouped, its negation never;
 * - the empty string and IP addresses compare with `==` (EQL's `:` does wildcard matching);
 * - windash/base64offset expansions become `like~` value lists;
 * - regexes: EQL's `regex` uses Lucene syntax and matches the whole value, so the Sigma regex is translated
 *   (anchoring, flags), written as a raw string `"""…"""` (no escape processing), and `regex~` (case-insensitive)
 *   is used only for the `i` flag — pySigma always uses `regex~`, and passes the regex unchanged;
 * - a literal `*` or `?` in a value: EQL wildcard patterns have no escape character (Elasticsearch turns `*`/`?`
 *   into a LIKE pattern escaped with U+0001, so a backslash is literal), and pySigma's `\*` is an escape EQL strings
 *   reject. Such values become an exact whole-value regex: `regex~` (or `regex` when `cased`).
 */
import type { Expr, FieldExpr } from '../../src/ir/expr.js'
import type { Hooks, Renderer, Rendered } from '../../src/render/text.js'
import { unwrap } from '../../src/render/text.js'
import { plainStr, strToRegex } from '../../src/render/strings.js'
import type { RegexFlag, StrValue } from '../../src/ir/value.js'
import type { SourcePos } from '../../src/ir/rule.js'
import { parseIpv4, parseIpv6 } from '../../src/render/cidr.js'
import { defaultNoGroup, expansionAsList, isNullField, junction, negatedNull, noFieldRefs } from '../elastic-common/render.js'
import { luceneRegex } from '../elastic-common/lucene-regex.js'

/** Python `ipaddress.ip_address(str(value))` succeeds (no leading zeros in IPv4 parts). */
export function isIp(s: string): boolean {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(s)) return parseIpv4(s) !== null && !s.split('.').some((p) => p.length > 1 && p.startsWith('0'))
  return s.includes(':') && parseIpv6(s.replace(/%[^%]+$/, '')) !== null
}

function noGroup(r: Renderer, outer: 'and' | 'or', inner: Expr): boolean {
  if (negatedNull(inner)) return true
  if (isNullField(unwrap(inner))) return false
  return defaultNoGroup(r.d, outer, inner)
}

function node(e: Expr, r: Renderer, ancestors: readonly Expr[]): Rendered | undefined {
  if (e.kind === 'not') {
    const n = negatedNull(e)
    return n ? `?${n.field} != null` : undefined
  }
  if ((e.kind === 'and' || e.kind === 'or') && !r.useInList(e)) return junction(e, r, ancestors, (o, i) => noGroup(r, o, i))
  return undefined
}

/** A Lucene regex as an EQL string: raw `"""…"""` (no escape processing) unless the text cannot sit inside one. */
export const rawString = (body: string): string => (body.includes('"""') || body.endsWith('"') ? JSON.stringify(body) : `"""${body}"""`)

/** `regex~` (case-insensitive) for the i flag, given as a modifier or inline `(?i)`; else `regex`. */
export const regexOperator = (regex: string, flags: readonly RegexFlag[]): 'regex' | 'regex~' =>
  flags.includes('i') || /^\(\?[a-z]*i[a-z]*\)/.test(regex) ? 'regex~' : 'regex'

/** A Sigma regex as an EQL test: a whole-value Lucene regex, case-insensitive only for the i flag. */
export function regexTest(field: string, regex: string, flags: readonly RegexFlag[], pos?: SourcePos): string {
  const body = luceneRegex(regex, flags, { escapeSlash: false, foldCase: false }, pos)
  return `${field} ${regexOperator(regex, flags)} ${rawString(body)}`
}

function regex(e: FieldExpr, r: Renderer): string {
  const v = e.value
  return v.type === 're' ? regexTest(r.fieldName(e.field), v.regex, v.flags, e.pos) : ''
}

/** The value holds a literal `*` or `?`, which no EQL wildcard pattern can express. */
export const hasLiteralWildcard = (v: StrValue): boolean => v.parts.some((p) => typeof p === 'string' && /[*?]/.test(p))

/** The value as an exact whole-value regex, case-insensitive unless `cased`. */
const literalWildcardRegex = (e: FieldExpr, v: StrValue, r: Renderer): string => regexTest(r.fieldName(e.field), `^${strToRegex(v)}$`, v.cased ? [] : ['i'], e.pos)

/** No IN list (`like~ (…)`, `in (…)`) over a value with a literal `*`/`?`: those values need a regex each. */
function inList(e: Extract<Expr, { kind: 'and' | 'or' }>): boolean {
  return !e.args.some((a) => {
    const x = unwrap(a)
    return x.kind === 'field' && x.value.type === 'str' && hasLiteralWildcard(x.value)
  })
}

function field(e: FieldExpr, r: Renderer, ancestors: readonly Expr[]): Rendered | undefined {
  const v = e.value
  switch (v.type) {
    case 'fieldref':
      return noFieldRefs(e)
    case 'expansion':
      return expansionAsList(e, r, ancestors)
    case 're':
      return regex(e, r)
    case 'str': {
      if (hasLiteralWildcard(v)) return literalWildcardRegex(e, v, r)
      if (v.cased) return undefined
      const text = plainStr(v)
      if (v.parts.length === 0 || (!v.parts.some((p) => typeof p !== 'string') && isIp(text))) return `${r.fieldName(e.field)}==${r.value(v)}`
      return undefined
    }
    default:
      return undefined
  }
}

export const eqlHooks: Hooks = { node, field, inList }
