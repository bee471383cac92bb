/**
 * Parser of the SPL subset sigmaport's splunk target emits (search expression and `regex`/`rex`/`eval`/`search`/
 * `where` stages): text → AST or errors with offsets. Never throws on input. Used by the equivalence tests.
 */
import { splParser } from './parser.js'
import { splLexer } from './tokens.js'
import { buildQuery } from './visitor.js'
import type { SplQuery } from './ast.js'

export type { SplCompareOp, SplEvalExpr, SplPart, SplQuery, SplSearch, SplStage, SplValue } from './ast.js'
export { SPL_WILDCARD } from './ast.js'

export interface SplError {
  readonly message: string
  readonly offset: number
}

export interface SplParseResult {
  readonly ast?: SplQuery
  readonly errors: readonly SplError[]
}

export function parseSpl(text: string): SplParseResult {
  const lexed = splLexer.tokenize(text)
  if (lexed.errors.length > 0) return { errors: lexed.errors.map((e) => ({ message: e.message, offset: e.offset })) }
  splParser.input = lexed.tokens
  const cst = splParser.query()
  if (splParser.errors.length > 0) return { errors: splParser.errors.map((e) => ({ message: e.message, offset: e.token.startOffset })) }
  try {
    return { ast: buildQuery(cst.children), errors: [] }
  } catch (e) {
    return { errors: [{ message: e instanceof Error ? e.message : String(e), offset: 0 }] }
  }
}
