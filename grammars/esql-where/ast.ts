/** AST of the ES|QL `from <idx> | where <expr>` subset sigmaport's esql target emits. */

export type EsqlExpr =
  | { readonly kind: 'and' | 'or'; readonly args: readonly EsqlExpr[] }
  | { readonly kind: 'not'; readonly arg: EsqlExpr }
  /** `== != < <= > >=`. */
  | { readonly kind: 'compare'; readonly op: string; readonly left: EsqlExpr; readonly right: EsqlExpr }
  /** `[not] like` / `[not] rlike`; the pattern as the string literal decoded it. */
  | { readonly kind: 'match'; readonly op: 'like' | 'rlike'; readonly negated: boolean; readonly left: EsqlExpr; readonly right: EsqlExpr }
  | { readonly kind: 'in'; readonly negated: boolean; readonly left: EsqlExpr; readonly items: readonly EsqlExpr[] }
  | { readonly kind: 'isNull'; readonly negated: boolean; readonly arg: EsqlExpr }
  /** A function call, the name lower-cased (ES|QL names are case-insensitive). */
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly EsqlExpr[] }
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'string'; readonly value: string }
  /** A quoted string with an escape ES|QL's lexer rejects (only `\t \n \r \" \\` exist); the query would not run. */
  | { readonly kind: 'badString'; readonly image: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'null' }

export interface EsqlQuery {
  /** The source command (`from … [metadata …]`) when the query has one, as written. */
  readonly from?: string
  readonly where: EsqlExpr
}
