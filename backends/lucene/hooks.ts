/**
 * Lucene quirks (pySigma LuceneBackend overrides) plus the fixes for its invalid output:
 * - `NOT <null>` becomes `_exists_:field`; a null test is always grouped, its negation never.
 * - `|exists: false` under OR is grouped: Lucene reads `a OR NOT b` as `a AND NOT b` (pySigma leaves it bare);
 *   a negated `|exists: false` is `_exists_:f` (`NOT NOT` does not parse).
 * - IPv6 CIDR colons are escaped (all but the field separator).
 * - windash/base64offset expansions become value lists, like other OR-ed values of one field.
 * - regexes are translated to Lucene syntax (anchoring, no inline flags) instead of passed through.
 */
import type { Expr, FieldExpr } from '../../src/ir/expr.js'
import type { Hooks, Renderer, Rendered } from '../../src/render/text.js'
import { unwrap } from '../../src/render/text.js'
import { defaultNoGroup, expansionAsList, isNotExists, isNullField, junction, negatedNull, noFieldRefs } from '../elastic-common/render.js'
import { luceneRegex } from '../elastic-common/lucene-regex.js'

function noGroup(r: Renderer, outer: 'and' | 'or', inner: Expr): boolean {
  if (negatedNull(inner)) return true
  const u = unwrap(inner)
  if (u.kind === 'not' && isNotExists(unwrap(u.arg))) return true
  if (isNullField(u)) return false
  if (outer === 'or' && isNotExists(u)) return false
  return defaultNoGroup(r.d, outer, inner)
}

function node(e: Expr, r: Renderer, ancestors: readonly Expr[]): Rendered | undefined {
  if (e.kind === 'not') {
    const n = negatedNull(e)
    if (n) return `_exists_:${n.field}`
    // `NOT NOT _exists_:f` does not parse in Lucene; a negated `|exists: false` is simply `_exists_:f`.
    const a = unwrap(e.arg)
    return isNotExists(a) && a.kind === 'field' ? `_exists_:${r.fieldName(a.field)}` : undefined
  }
  if ((e.kind === 'and' || e.kind === 'or') && !r.useInList(e)) return junction(e, r, ancestors, (o, i) => noGroup(r, o, i))
  return undefined
}

function field(e: FieldExpr, r: Renderer, ancestors: readonly Expr[]): Rendered | undefined {
  const v = e.value
  switch (v.type) {
    case 'fieldref':
      return noFieldRefs(e)
    case 'cidr': {
      const text = r.fieldCidr(e, v, ancestors)
      if (typeof text !== 'string' || !v.cidr.includes(':')) return text
      return text.replace(/:/g, '\\:').replace('\\:', ':')
    }
    case 'expansion':
      return expansionAsList(e, r, ancestors)
    case 're':
      return `${r.fieldName(e.field)}:/${luceneRegex(v.regex, v.flags, { escapeSlash: true }, e.pos)}/`
    default:
      return undefined
  }
}

export const luceneHooks: Hooks = { node, field }
