/** CST → ES|QL AST (ast.ts), string literals decoded as ES|QL's lexer does. */
import { decodeBackslashString, firstOf, junction, nodes, tokens, unquoteBackquoted, type Children } from '../cst.js'
import type { EsqlExpr } from './ast.js'

const first = firstOf('ES|QL')

const ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', '"': '"', '\\': '\\' }

/** An ES|QL string literal's value; undefined when it holds an escape or a line break ES|QL's lexer rejects. `"""…"""` is raw. */
export const decodeEsqlString = (image: string): string | undefined => decodeBackslashString(image, ESCAPES, false)

export function orExpr(c: Children): EsqlExpr {
  return junction(c, 'or', andExpr, first)
}

function andExpr(c: Children): EsqlExpr {
  return junction(c, 'and', notExpr, first)
}

function notExpr(c: Children): EsqlExpr {
  const neg = nodes(c, 'negated')[0]
  if (neg) return { kind: 'not', arg: notExpr(neg.children) }
  return pred(first(nodes(c, 'pred'), 'predicate').children)
}

function pred(c: Children): EsqlExpr {
  const left = operand(first(nodes(c, 'left'), 'left').children)
  const negated = tokens(c, 'neg').length > 0
  if (tokens(c, 'isNull').length > 0) return { kind: 'isNull', negated, arg: left }
  const items = nodes(c, 'items')
  if (items.length > 0) return { kind: 'in', negated, left, items: items.map((n) => operand(n.children)) }
  const right = nodes(c, 'right')[0]
  if (!right) return left
  const r = operand(right.children)
  const m = tokens(c, 'match')[0]
  if (m) return { kind: 'match', op: m.image.toLowerCase() === 'like' ? 'like' : 'rlike', negated, left, right: r }
  return { kind: 'compare', op: first(tokens(c, 'op'), 'operator').image, left, right: r }
}

function operand(c: Children): EsqlExpr {
  const inner = nodes(c, 'inner')[0]
  if (inner) return orExpr(inner.children)
  const call = tokens(c, 'call')[0]
  if (call) return { kind: 'call', name: call.image.toLowerCase(), args: nodes(c, 'args').map((n) => orExpr(n.children)) }
  const field = tokens(c, 'field')[0]
  if (field) return { kind: 'field', name: unquoteBackquoted(field.image) }
  const s = tokens(c, 'Str')[0]
  if (s) {
    const v = decodeEsqlString(s.image)
    return v === undefined ? { kind: 'badString', image: s.image } : { kind: 'string', value: v }
  }
  const num = tokens(c, 'Num')[0]
  if (num) return { kind: 'number', value: Number(num.image) }
  if (tokens(c, 'True').length > 0) return { kind: 'bool', value: true }
  if (tokens(c, 'False').length > 0) return { kind: 'bool', value: false }
  return { kind: 'null' }
}
