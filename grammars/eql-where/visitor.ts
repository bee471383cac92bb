/** CST → EQL AST (ast.ts), string literals decoded as EQL does. */
import type { CstNode } from 'chevrotain'
import { decodeBackslashString, firstOf, junction, nodes, tokens, unquoteBackquoted, type Children } from '../cst.js'
import type { EqlExpr } from './ast.js'

const first = firstOf('EQL')

const ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' }

/** An EQL string literal's value: `"""…"""` raw, else backslash escapes (`\u{hex}` too); undefined for an escape or a line break EQL rejects. */
export const decodeEqlString = (image: string): string | undefined => decodeBackslashString(image, ESCAPES, true)

export function orExpr(c: Children): EqlExpr {
  return junction(c, 'or', andExpr, first)
}

function andExpr(c: Children): EqlExpr {
  return junction(c, 'and', notExpr, first)
}

function notExpr(c: Children): EqlExpr {
  const neg = nodes(c, 'negated')[0]
  if (neg) return { kind: 'not', arg: notExpr(neg.children) }
  const p = first(nodes(c, 'pred'), 'predicate').children
  const left = operand(first(nodes(p, 'left'), 'left').children)
  const right = nodes(p, 'right')[0]
  if (!right) return left
  return { kind: 'binary', op: first(tokens(p, 'op'), 'operator').image, left, right: operand(right.children) }
}

function operand(c: Children): EqlExpr {
  const items = nodes(c, 'items')
  if (items.length === 1) return orExpr((items[0] as CstNode).children)
  if (items.length > 1) return { kind: 'list', items: items.map((n) => orExpr(n.children)) }
  const call = tokens(c, 'call')[0]
  if (call) return { kind: 'call', name: call.image, args: nodes(c, 'args').map((n) => orExpr(n.children)) }
  const field = tokens(c, 'field')[0]
  if (field) return { kind: 'field', name: unquoteBackquoted(field.image), optional: tokens(c, 'Question').length > 0 }
  const s = tokens(c, 'Str')[0]
  if (s) {
    const v = decodeEqlString(s.image)
    return v === undefined ? { kind: 'badString', image: s.image } : { kind: 'string', value: v }
  }
  const num = tokens(c, 'Num')[0]
  if (num) return { kind: 'number', value: Number(num.image) }
  if (tokens(c, 'True').length > 0) return { kind: 'bool', value: true }
  if (tokens(c, 'False').length > 0) return { kind: 'bool', value: false }
  return { kind: 'null' }
}
