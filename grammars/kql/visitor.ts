/** CST → KQL AST (ast.ts), with Kibana's decoding of literals and its n-ary and/or nodes. */
import type { CstNode, IToken } from 'chevrotain'
import { nodes, tokens, type Children } from '../cst.js'
import type { KqlLiteral, KqlNode, KqlRangeOp, KqlValueExpr, KqlPart } from './ast.js'
import { decodeQuoted, decodeUnquoted } from './chars.js'
import { kqlParser } from './parser.js'

function node(c: Children, key: string): CstNode {
  const n = nodes(c, key)[0]
  if (n === undefined) throw new Error(`KQL visitor: missing ${key}`)
  return n
}

const RANGE: Readonly<Record<string, KqlRangeOp>> = { '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' }

const BaseVisitor = kqlParser.getBaseCstVisitorConstructor<undefined, unknown>()

class KqlAstBuilder extends BaseVisitor {
  constructor() {
    super()
    this.validateVisitor()
  }

  start(c: Children): KqlNode {
    const q = nodes(c, 'orQuery')[0]
    return q === undefined ? { kind: 'all' } : this.orQuery(q.children)
  }

  orQuery(c: Children): KqlNode {
    const args = nodes(c, 'args').map((n) => this.andQuery(n.children))
    return args.length === 1 ? (args[0] as KqlNode) : { kind: 'or', args }
  }

  andQuery(c: Children): KqlNode {
    const args = nodes(c, 'args').map((n) => this.notQuery(n.children))
    return args.length === 1 ? (args[0] as KqlNode) : { kind: 'and', args }
  }

  notQuery(c: Children): KqlNode {
    const q = this.subQuery(node(c, 'subQuery').children)
    return tokens(c, 'Not').length > 0 ? { kind: 'not', arg: q } : q
  }

  subQuery(c: Children): KqlNode {
    const q = nodes(c, 'orQuery')[0]
    return q !== undefined ? this.orQuery(q.children) : this.expression(node(c, 'expression').children)
  }

  expression(c: Children): KqlNode {
    const field = this.literal(node(c, 'field').children)
    const op = tokens(c, 'RangeOp')[0]
    if (op !== undefined) return { kind: 'range', field, op: RANGE[op.image] as KqlRangeOp, value: this.literal(node(c, 'bound').children) }
    const nested = nodes(c, 'nested')[0]
    if (nested !== undefined) return { kind: 'nested', path: field, query: this.nested(nested.children) }
    const list = nodes(c, 'listOfValues')[0]
    if (list === undefined) return { kind: 'match', field: null, value: { kind: 'value', value: field } }
    const value = this.listOfValues(list.children)
    const lone = value.kind === 'value' && !value.value.quoted && value.value.parts.length === 1 && typeof value.value.parts[0] !== 'string'
    return lone ? { kind: 'exists', field } : { kind: 'match', field, value }
  }

  nested(c: Children): KqlNode {
    return this.orQuery(node(c, 'orQuery').children)
  }

  listOfValues(c: Children): KqlValueExpr {
    const list = nodes(c, 'orList')[0]
    return list !== undefined ? this.orList(list.children) : { kind: 'value', value: this.literal(node(c, 'literal').children) }
  }

  orList(c: Children): KqlValueExpr {
    const args = nodes(c, 'args').map((n) => this.andList(n.children))
    return args.length === 1 ? (args[0] as KqlValueExpr) : { kind: 'or', args }
  }

  andList(c: Children): KqlValueExpr {
    const args = nodes(c, 'args').map((n) => this.notList(n.children))
    return args.length === 1 ? (args[0] as KqlValueExpr) : { kind: 'and', args }
  }

  notList(c: Children): KqlValueExpr {
    const v = this.listOfValues(node(c, 'listOfValues').children)
    return tokens(c, 'Not').length > 0 ? { kind: 'not', arg: v } : v
  }

  literal(c: Children): KqlLiteral {
    const q = tokens(c, 'Quoted')[0]
    if (q !== undefined) {
      const text = decodeQuoted(q.image)
      return { kind: 'literal', quoted: true, parts: text === '' ? [] : [text], text, wildcard: false, type: 'string', offset: q.startOffset }
    }
    const u = tokens(c, 'Unquoted')[0] as IToken
    const parts: KqlPart[] = decodeUnquoted(u.image)
    const text = parts.map((p) => (typeof p === 'string' ? p : '*')).join('')
    const wildcard = parts.some((p) => typeof p !== 'string')
    const type = wildcard ? 'string' : text === 'null' ? 'null' : text === 'true' || text === 'false' ? 'boolean' : 'string'
    return { kind: 'literal', quoted: false, parts, text, wildcard, type, offset: u.startOffset }
  }
}

export const astBuilder = new KqlAstBuilder()
