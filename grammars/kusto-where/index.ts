/**
 * Parser of the Kusto `Table | where <predicate>` subset sigmaport's kusto target emits: text → AST or errors
 * with offsets. Never throws on input. Used by the equivalence tests.
 */
import type { KustoQuery } from './ast.js'
import { kustoWhereParser } from './parser.js'
import { kustoLexer } from './tokens.js'
import { buildQuery } from './visitor.js'

export type { KustoExpr, KustoQuery } from './ast.js'
export { decodeString } from './visitor.js'

export interface KustoParseError {
  readonly message: string
  readonly offset: number
}

export interface KustoParseResult {
  readonly ast?: KustoQuery
  readonly errors: readonly KustoParseError[]
}

export function parseKustoWhere(text: string): KustoParseResult {
  const lexed = kustoLexer.tokenize(text)
  if (lexed.errors.length > 0) return { errors: lexed.errors.map((e) => ({ message: e.message, offset: e.offset })) }
  kustoWhereParser.input = lexed.tokens
  const cst = kustoWhereParser.query()
  if (kustoWhereParser.errors.length > 0) return { errors: kustoWhereParser.errors.map((e) => ({ message: e.message, offset: e.token.startOffset })) }
  try {
    return { ast: buildQuery(cst.children), errors: [] }
  } catch (e) {
    return { errors: [{ message: e instanceof Error ? e.message : String(e), offset: 0 }] }
  }
}
