/**
 * EQL quirks (pySigma EqlBackend overrides) and fixes:
 * - `NOT <null>` becomes `?field != null`; a null test is always grouped, its negation never;
 * - the empty string and IP addresses compare with `==` (EQL's `:` does wildcard matching);
 * - windash/base64offset expansions become `like~` value lists;
 * - regexes: EQL's `regex` uses Lucene syntax and matches the whole value, so the Sigma regex is translated
 *   (anchoring, flags), written as a raw string `"""…"""` (no escape processing), and `regex~` (case-insensitive)
 *   is used only for the `i` flag — pySigma always uses `regex~`, and passes the regex unchanged.
 */
import type { Expr, FieldExpr } from '../../src/ir/expr.js'
import type { Hooks, Renderer, Rendered } from '../../src/render/text.js'
import { unwrap } from '../../src/render/text.js'
import { plainStr } from '../../src/render/strings.js'
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

function regex(e: FieldExpr, r: Renderer): string {
  const v = e.value
  if (v.type !== 're') return ''
  const body = luceneRegex(v.regex, v.flags, { escapeSlash: false, foldCase: false }, e.pos)
  const op = v.flags.includes('i') || /^\(\?[a-z]*i[a-z]*\)/.test(v.regex) ? 'regex~' : 'regex'
  return `${r.fieldName(e.field)} ${op} ${body.includes('"""') || body.endsWith('"') ? JSON.stringify(body) : `"""${body}"""`}`
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
      if (v.cased) return undefined
      const text = plainStr(v)
      if (v.parts.length === 0 || (!v.parts.some((p) => typeof p !== 'string') && isIp(text))) return `${r.fieldName(e.field)}==${r.value(v)}`
      return undefined
    }
    default:
      return undefined
  }
}

export const eqlHooks: Hooks = { node, field }
