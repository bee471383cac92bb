/** AST of the EQL `<category> where <expr>` subset sigmaport's eql target emits. */

export type EqlExpr =
  | { readonly kind: 'and' | 'or'; readonly args: readonly EqlExpr[] }
  | { readonly kind: 'not'; readonly arg: EqlExpr }
  /** `: == != < <= > >= like like~ regex regex~ in in~`; the right side may be a `list`. */
  | { readonly kind: 'binary'; readonly op: string; readonly left: EqlExpr; readonly right: EqlExpr }
  /** `(a, b, …)` on the right of an operator. */
  | { readonly kind: 'list'; readonly items: readonly EqlExpr[] }
  /** A function call, the name as written (EQL names are case-sensitive: `cidrMatch`). */
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly EqlExpr[] }
  /** A field; `optional` for `?field` (a field missing from the mapping is null instead of an error). */
  | { readonly kind: 'field'; readonly name: string; readonly optional: boolean }
  | { readonly kind: 'string'; readonly value: string }
  /** A string with an escape (or a raw line break) EQL's parser rejects; the query would not run. */
  | { readonly kind: 'badString'; readonly image: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'null' }

export interface EqlQuery {
  /** The event category before `where` (`any`, `process`, …) when the query has one. */
  readonly category?: string
  readonly where: EqlExpr
}
