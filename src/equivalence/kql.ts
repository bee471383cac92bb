/**
 * Kibana KQL (grammars/kql) evaluated as Kibana runs it against **keyword** fields (the assumption: ECS string
 * fields are keywords): `field:value` and `field:"value"` match the whole value, case-sensitively; unquoted `*`
 * is a wildcard; a value that is a CIDR network matches addresses inside it (the field is taken as an `ip` field
 * then); `field:*` = the field has a value; ranges are numeric; a field-less value is searched in every field
 * (multi_match / query_string over keyword fields: whole values again).
 * `caseInsensitive` = the `kql` query's case_insensitive flag (the dsl_kql format); `fieldlessSubstring` reads a
 * field-less value as a full-text substring search (what Sigma means) — used to explain disagreements.
 */
import type { KqlLiteral, KqlNode, KqlValueExpr } from '../../grammars/kql/index.js'
import { assertNever } from '../ir/expr.js'
import type { EventView } from '../eval/event.js'
import { asNumber, cidrTest, patternMatch, text, texts, Unevaluable, view, type Pattern, type QueryMatcher } from './common.js'

export interface KqlSemantics {
  readonly caseInsensitive: boolean
  readonly fieldlessSubstring: boolean
}

export const KIBANA_KEYWORD: KqlSemantics = { caseInsensitive: false, fieldlessSubstring: false }

const pattern = (lit: KqlLiteral): Pattern => lit.parts.map((p) => (typeof p === 'string' ? p : 'any'))

function literalMatches(lit: KqlLiteral, x: string, sem: KqlSemantics, substring: boolean): boolean {
  if (!lit.wildcard) {
    // An ip field holds only addresses, so a network value is a membership test and nothing else.
    const cidr = cidrTest(lit.text)
    if (cidr) return cidr(x)
  }
  const p = pattern(lit)
  return patternMatch(substring ? ['any', ...p, 'any'] : p, x, sem.caseInsensitive)
}

function compareText(a: string, b: string): number {
  const [x, y] = [Array.from(a, (c) => c.codePointAt(0) as number), Array.from(b, (c) => c.codePointAt(0) as number)]
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number)
  return x.length - y.length
}

function fieldName(lit: KqlLiteral): string {
  if (lit.wildcard) throw new Unevaluable(`a field name pattern (${lit.text})`)
  return lit.text
}

function valueExpr(v: KqlValueExpr, xs: readonly string[], sem: KqlSemantics, substring: boolean): boolean {
  switch (v.kind) {
    case 'and':
      return v.args.every((a) => valueExpr(a, xs, sem, substring))
    case 'or':
      return v.args.some((a) => valueExpr(a, xs, sem, substring))
    case 'not':
      return !valueExpr(v.arg, xs, sem, substring)
    case 'value':
      return xs.some((x) => literalMatches(v.value, x, sem, substring))
    default:
      return assertNever(v)
  }
}

function node(n: KqlNode, ev: EventView, sem: KqlSemantics): boolean {
  switch (n.kind) {
    case 'and':
      return n.args.every((a) => node(a, ev, sem))
    case 'or':
      return n.args.some((a) => node(a, ev, sem))
    case 'not':
      return !node(n.arg, ev, sem)
    case 'all':
      return true
    case 'exists':
      return texts(ev, fieldName(n.field)).length > 0
    case 'match': {
      if (n.field === null) {
        const all = ev.scalars().map(text).filter((t): t is string => t !== undefined)
        return valueExpr(n.value, all, sem, sem.fieldlessSubstring)
      }
      return valueExpr(n.value, texts(ev, fieldName(n.field)), sem, false)
    }
    case 'range': {
      // Numbers compare as numbers; anything else is a keyword range (code point order).
      const y = asNumber(n.value.text)
      const fold = (t: string): string => (sem.caseInsensitive ? t.toLowerCase() : t)
      const bound = fold(n.value.text)
      return texts(ev, fieldName(n.field)).some((t) => {
        const x = asNumber(t)
        if (y !== undefined && x === undefined) return false
        const c = y !== undefined && x !== undefined ? x - y : compareText(fold(t), bound)
        return n.op === 'lt' ? c < 0 : n.op === 'lte' ? c <= 0 : n.op === 'gt' ? c > 0 : c >= 0
      })
    }
    case 'nested':
      throw new Unevaluable('a nested query')
    default:
      return assertNever(n)
  }
}

export function kqlMatcher(ast: KqlNode, sem: KqlSemantics = KIBANA_KEYWORD): QueryMatcher {
  return (event) => node(ast, view(event), sem)
}
