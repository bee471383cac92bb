/**
 * Kibana Query Language parser: text → KQL AST or errors with positions. Never throws on user input.
 * Used to check what the elastic-kql backend produces (every query must parse, every value must stay one term).
 */
import type { IToken } from 'chevrotain'
import type { KqlNode } from './ast.js'
import { kqlParser } from './parser.js'
import { kqlLexer, LBrace, LParen, Not, RBrace, RParen } from './tokens.js'
import { astBuilder } from './visitor.js'

export type { KqlLiteral, KqlNode, KqlPart, KqlRangeOp, KqlValueExpr } from './ast.js'
export { WILDCARD, KQL_WILDCARD_SYMBOL, SPACE_CHARS, SPECIAL_CHARS } from './chars.js'

export interface KqlError {
  readonly code: 'kql.syntax' | 'kql.too_long' | 'kql.too_deep'
  readonly message: string
  readonly offset: number
  readonly line: number
  readonly column: number
}

export interface KqlParseResult {
  readonly ast?: KqlNode
  readonly errors: readonly KqlError[]
}

export interface KqlLimits {
  readonly maxLength: number
  /** Parentheses, braces and pending `not`s: chevrotain recurses once per level and has no depth limit. */
  readonly maxDepth: number
}

export const DEFAULT_KQL_LIMITS: KqlLimits = Object.freeze({ maxLength: 1_000_000, maxDepth: 100 })

function position(text: string, offset: number): { offset: number; line: number; column: number } {
  const o = Number.isFinite(offset) ? Math.min(Math.max(offset, 0), text.length) : text.length
  const before = text.slice(0, o)
  const line = before.split('\n').length
  return { offset: o, line, column: o - before.lastIndexOf('\n') }
}

const err = (text: string, code: KqlError['code'], message: string, offset: number): KqlError => ({ code, message, ...position(text, offset) })

function depthError(text: string, toks: readonly IToken[], max: number): KqlError | undefined {
  const stack: number[] = []
  let nots = 0
  let outer = 0
  for (const t of toks) {
    const type = t.tokenType
    if (type === LParen || type === LBrace) {
      stack.push(nots)
      outer += nots + 1
      nots = 0
    } else if (type === RParen || type === RBrace) {
      outer -= (stack.pop() ?? -1) + 1
      nots = 0
    } else if (type === Not) nots++
    else nots = 0
    if (outer + nots > max) return err(text, 'kql.too_deep', `query nests deeper than ${max} levels`, t.startOffset)
  }
  return undefined
}

export function parseKql(text: string, limits: Partial<KqlLimits> = {}): KqlParseResult {
  const lim = { ...DEFAULT_KQL_LIMITS, ...limits }
  if (text.length > lim.maxLength) return { errors: [err(text, 'kql.too_long', `query is ${text.length} characters long; the limit is ${lim.maxLength}`, lim.maxLength)] }
  const lexed = kqlLexer.tokenize(text)
  if (lexed.errors.length > 0) return { errors: lexed.errors.map((e) => err(text, 'kql.syntax', e.message, e.offset)) }
  const deep = depthError(text, lexed.tokens, lim.maxDepth)
  if (deep) return { errors: [deep] }
  kqlParser.input = lexed.tokens
  const cst = kqlParser.start()
  if (kqlParser.errors.length > 0) {
    return { errors: kqlParser.errors.map((e) => err(text, 'kql.syntax', e.message, e.token.startOffset)) }
  }
  return { ast: astBuilder.visit(cst) as KqlNode, errors: [] }
}
