/**
 * Parser of the ES|QL `from <idx> [metadata …] | where <expr>` subset sigmaport's esql target emits (the source
 * command is optional: the backend's condition alone is a `where` expression): text → AST or errors with offsets.
 * Never throws on input. Used by the equivalence tests.
 */
import type { EsqlQuery } from './ast.js'
import { esqlWhereParser } from './parser.js'
import { esqlLexer } from './tokens.js'
import { orExpr } from './visitor.js'

export type { EsqlExpr, EsqlQuery } from './ast.js'
export { decodeEsqlString } from './visitor.js'

export interface EsqlParseError {
  readonly message: string
  readonly offset: number
}

export interface EsqlParseResult {
  readonly ast?: EsqlQuery
  readonly errors: readonly EsqlParseError[]
}

/** `from idx, idx2 metadata _id | where ` (index patterns hold no `|`). */
const SOURCE = /^\s*(from\s[^|"]*?)\s*\|\s*where\s/i

export function parseEsqlWhere(text: string): EsqlParseResult {
  const src = SOURCE.exec(text)
  const body = src ? text.slice(src[0].length) : text
  const shift = src ? src[0].length : 0
  const lexed = esqlLexer.tokenize(body)
  if (lexed.errors.length > 0) return { errors: lexed.errors.map((e) => ({ message: e.message, offset: e.offset + shift })) }
  esqlWhereParser.input = lexed.tokens
  const cst = esqlWhereParser.orExpr()
  if (esqlWhereParser.errors.length > 0) return { errors: esqlWhereParser.errors.map((e) => ({ message: e.message, offset: e.token.startOffset + shift })) }
  try {
    return { ast: { ...(src ? { from: (src[1] as string).trim() } : {}), where: orExpr(cst.children) }, errors: [] }
  } catch (e) {
    return { errors: [{ message: e instanceof Error ? e.message : String(e), offset: shift }] }
  }
}
