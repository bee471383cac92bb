/**
 * Parser of the EQL `<category> where <expr>` subset sigmaport's eql target emits (the `category where` head is
 * optional: the backend's condition alone is the expression): text → AST or errors with offsets. Never throws on
 * input. Used by the equivalence tests.
 */
import type { EqlQuery } from './ast.js'
import { eqlWhereParser } from './parser.js'
import { eqlLexer } from './tokens.js'
import { orExpr } from './visitor.js'

export type { EqlExpr, EqlQuery } from './ast.js'
export { decodeEqlString } from './visitor.js'

export interface EqlParseError {
  readonly message: string
  readonly offset: number
}

export interface EqlParseResult {
  readonly ast?: EqlQuery
  readonly errors: readonly EqlParseError[]
}

const HEAD = /^\s*([\p{L}_][\p{L}\p{N}_]*|"[^"]*")\s+where\s/u

export function parseEqlWhere(text: string): EqlParseResult {
  const head = HEAD.exec(text)
  const body = head ? text.slice(head[0].length) : text
  const shift = head ? head[0].length : 0
  const lexed = eqlLexer.tokenize(body)
  if (lexed.errors.length > 0) return { errors: lexed.errors.map((e) => ({ message: e.message, offset: e.offset + shift })) }
  eqlWhereParser.input = lexed.tokens
  const cst = eqlWhereParser.orExpr()
  if (eqlWhereParser.errors.length > 0) return { errors: eqlWhereParser.errors.map((e) => ({ message: e.message, offset: e.token.startOffset + shift })) }
  try {
    return { ast: { ...(head ? { category: head[1] as string } : {}), where: orExpr(cst.children) }, errors: [] }
  } catch (e) {
    return { errors: [{ message: e instanceof Error ? e.message : String(e), offset: shift }] }
  }
}
