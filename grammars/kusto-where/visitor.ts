/** CST → Kusto AST (ast.ts), string literals decoded as Kusto does. */
import { firstOf, junction, nodes, tokens, type Children } from '../cst.js'
import type { KustoExpr, KustoQuery } from './ast.js'

const first = firstOf('Kusto')

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', '"': '"', "'": "'" }

/** A Kusto string literal's value: `@"…"` verbatim (`""` = `"`), else backslash escapes (`\uXXXX` too). */
export function decodeString(image: string): string {
  if (image.startsWith('@')) {
    const q = image[1] as string
    return image.slice(2, -1).split(q + q).join(q)
  }
  const body = image.slice(1, -1)
  let out = ''
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string
    if (c !== '\\') {
      out += c
      continue
    }
    const n = body[i + 1] ?? ''
    if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16))
      i += 5
    } else if (n in ESCAPES) {
      out += ESCAPES[n] as string
      i++
    } else throw new SyntaxError(`unknown escape \\${n} in a string literal`)
  }
  return out
}

function or(c: Children): KustoExpr {
  return junction(c, 'or', and, first)
}

function and(c: Children): KustoExpr {
  return junction(c, 'and', compare, first)
}

function compare(c: Children): KustoExpr {
  const left = operand(first(nodes(c, 'left'), 'left').children)
  const listOp = tokens(c, 'listOp')[0]
  if (listOp) return { kind: 'list', op: listOp.image, left, items: nodes(c, 'items').map((n) => operand(n.children)) }
  const right = nodes(c, 'right')[0]
  if (!right) return left
  const op = tokens(c, 'op')[0]?.image ?? 'matches regex'
  return { kind: 'binary', op, left, right: operand(right.children) }
}

function operand(c: Children): KustoExpr {
  const inner = nodes(c, 'inner')[0]
  if (inner) return or(inner.children)
  const call = tokens(c, 'call')[0]
  if (call) return { kind: 'call', name: call.image, args: nodes(c, 'args').map((n) => or(n.children)) }
  const path = tokens(c, 'path')
  if (path.length > 0) return { kind: 'column', name: path.map((t) => t.image).join('.') }
  const bracketed = tokens(c, 'bracketed')[0]
  if (bracketed) return { kind: 'column', name: decodeString(bracketed.image) }
  const s = tokens(c, 'string')[0]
  if (s) return { kind: 'string', value: decodeString(s.image) }
  const num = tokens(c, 'Num')[0]
  if (num) return { kind: 'number', value: Number(num.image) }
  if (tokens(c, 'True').length > 0) return { kind: 'bool', value: true }
  if (tokens(c, 'False').length > 0) return { kind: 'bool', value: false }
  return { kind: 'star' }
}

export function buildQuery(c: Children): KustoQuery {
  const table = tokens(c, 'table')[0]
  return { ...(table ? { table: table.image } : {}), where: or(first(nodes(c, 'orExpr'), 'where').children) }
}
