/** The Sigma condition language as an AST (built by grammars/condition from the chevrotain CST). */

export interface Span {
  /** 0-based offset into the condition string. */
  readonly offset: number
  /** 1-based line and column inside the condition string. */
  readonly line: number
  readonly column: number
}

export type Condition =
  | { readonly kind: 'and' | 'or'; readonly args: readonly Condition[]; readonly span?: Span }
  | { readonly kind: 'not'; readonly arg: Condition; readonly span?: Span }
  | { readonly kind: 'ref'; readonly name: string; readonly span?: Span }
  /** `1 of x*` / `any of x*` (quantifier 'any') and `all of x*`; pattern `them` = every identifier. */
  | { readonly kind: 'of'; readonly quantifier: 'any' | 'all'; readonly pattern: string; readonly span?: Span }

export type ConditionKind = Condition['kind']
