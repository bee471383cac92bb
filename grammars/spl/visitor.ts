/** CST → SPL AST (ast.ts): quoted strings decoded (`\\` and `\"`; any other backslash stays), `*` split out as wildcards. */
import type { CstNode, IToken } from 'chevrotain'
import { firstOf, junction, nodes, tokens, type Children } from '../cst.js'
import { SPL_WILDCARD, type SplCompareOp, type SplEvalExpr, type SplPart, type SplQuery, type SplSearch, type SplStage, type SplValue } from './ast.js'
import { Quoted } from './tokens.js'

const first = firstOf('SPL')
const node = (c: Children, key: string): CstNode => first(nodes(c, key), key)
const token = (c: Children, key: string): IToken => first(tokens(c, key), key)

/** Text of a quoted string: Splunk's search language unescapes only `\\` and `\"`. */
export function unquote(image: string): string {
  const quote = image[0]
  const body = image.slice(1, -1)
  let out = ''
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string
    const n = body[i + 1]
    if (c === '\\' && (n === '\\' || n === quote)) {
      out += n
      i++
    } else out += c
  }
  return out
}

function splValue(t: IToken): SplValue {
  const quoted = t.tokenType === Quoted
  const text = quoted ? unquote(t.image) : t.image
  const parts: SplPart[] = []
  text.split('*').forEach((chunk, i) => {
    if (i > 0) parts.push(SPL_WILDCARD)
    if (chunk !== '') parts.push(chunk)
  })
  return { quoted, parts, text }
}

const valueToken = (n: CstNode): IToken => first([...tokens(n.children, 'Word'), ...tokens(n.children, 'Quoted')], 'value')
const nameOf = (t: IToken): string => (t.tokenType === Quoted ? unquote(t.image) : t.image)

function search(c: Children): SplSearch {
  return junction(c, 'and', orExpr, first)
}

function orExpr(c: Children): SplSearch {
  return junction(c, 'or', notExpr, first)
}

function notExpr(c: Children): SplSearch {
  const inner = nodes(c, 'notExpr')[0]
  if (inner) return { kind: 'not', arg: notExpr(inner.children) }
  const a = node(c, 'atom').children
  const s = nodes(a, 'search')[0]
  return s ? search(s.children) : term(node(a, 'term').children)
}

function term(c: Children): SplSearch {
  const head = valueToken(node(c, 'head'))
  const values = nodes(c, 'values').map((n) => splValue(valueToken(n)))
  if (tokens(c, 'IN').length > 0) return { kind: 'in', field: nameOf(head), values }
  const op = tokens(c, 'op')[0]
  if (op === undefined) return { kind: 'keyword', value: splValue(head) }
  return { kind: 'compare', field: nameOf(head), op: op.image as SplCompareOp, value: first(values, 'value') }
}

function expr(c: Children): SplEvalExpr {
  const inner = nodes(c, 'expr')[0]
  if (inner) return { kind: 'not', arg: expr(inner.children) }
  const left = primary(node(c, 'left').children)
  const op = tokens(c, 'op')[0]
  if (op === undefined) return left
  return { kind: 'compare', op: op.image === '=' ? '=' : '!=', left, right: primary(node(c, 'right').children) }
}

function primary(c: Children): SplEvalExpr {
  const call = tokens(c, 'call')[0]
  if (call) return { kind: 'call', name: call.image, args: nodes(c, 'args').map((n) => expr(n.children)) }
  const word = tokens(c, 'word')[0]
  if (word) return /^-?\d+(\.\d+)?$/.test(word.image) ? { kind: 'number', value: Number(word.image) } : { kind: 'field', name: word.image }
  const sq = tokens(c, 'SingleQuoted')[0]
  if (sq) return { kind: 'field', name: unquote(sq.image) }
  const q = tokens(c, 'Quoted')[0]
  if (q) return { kind: 'string', value: unquote(q.image) }
  return expr(node(c, 'inner').children)
}

function stage(c: Children): SplStage {
  const command = token(c, 'command').image
  switch (command) {
    case 'search':
      return { kind: 'search', query: search(node(c, 'search').children) }
    case 'regex':
      return { kind: 'regex', field: token(c, 'field').image, negated: token(c, 'op').image === '!=', regex: unquote(token(c, 'regex').image) }
    case 'rex': {
      const option = token(c, 'option').image
      if (option !== 'field') throw new SyntaxError(`rex: unsupported option '${option}'`)
      return { kind: 'rex', field: token(c, 'field').image, regex: unquote(token(c, 'regex').image) }
    }
    case 'eval':
      return { kind: 'eval', field: token(c, 'field').image, expr: expr(node(c, 'expr').children) }
    case 'where':
      return { kind: 'where', expr: expr(node(c, 'expr').children) }
    default:
      throw new SyntaxError(`unsupported command '${command}'`)
  }
}

export function buildQuery(c: Children): SplQuery {
  const s = nodes(c, 'search')[0]
  return { ...(s ? { search: search(s.children) } : {}), stages: nodes(c, 'stage').map((n) => stage(n.children)) }
}
