/** AST of the Kusto `Table | where <predicate>` subset sigmaport's kusto target emits. */

export type KustoExpr =
  | { readonly kind: 'and' | 'or'; readonly args: readonly KustoExpr[] }
  /** `left op right`: `=~ == != !~ < <= > >=`, the string operators (`contains`, `!startswith_cs`, `has`, …) and `matches regex`. */
  | { readonly kind: 'binary'; readonly op: string; readonly left: KustoExpr; readonly right: KustoExpr }
  /** `left in~ (a, b)`, `in`, `!in`, `!in~`, `has_any`, `has_all`. */
  | { readonly kind: 'list'; readonly op: string; readonly left: KustoExpr; readonly items: readonly KustoExpr[] }
  /** A function call: `not(…)`, `isempty(…)`, `ipv4_is_in_range(…)`, …; the name as written. */
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly KustoExpr[] }
  /** A column: `Name`, `['name']`, `a.b` (names joined with dots). */
  | { readonly kind: 'column'; readonly name: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  /** `*` on the left of a string operator: any column. */
  | { readonly kind: 'star' }

export interface KustoQuery {
  /** The table before `| where`, when the query names one. */
  readonly table?: string
  readonly where: KustoExpr
}
