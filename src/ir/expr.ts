/**
 * The expression tree every backend consumes: a rule's condition with its search identifiers
 * resolved into detection items. Immutable; `kind` is exhaustive.
 */
import type { Value } from './value.js'
import type { SourcePos } from './rule.js'

export type Expr =
  /** `holes`: some operands vanished (e.g. a pipeline dropped a whole detection). pySigma then keeps the node even
   *  with one operand left, which changes grouping, so renderers must not unwrap it. */
  | { readonly kind: 'and' | 'or'; readonly args: readonly Expr[]; readonly holes?: true }
  | { readonly kind: 'not'; readonly arg: Expr }
  /** `field` compared with `value` (pySigma's ConditionFieldEqualsValueExpression). */
  | { readonly kind: 'field'; readonly field: string; readonly value: Value; readonly pos?: SourcePos }
  /** A field-less (keyword) value (pySigma's ConditionValueExpression). */
  | { readonly kind: 'keyword'; readonly value: Value; readonly pos?: SourcePos }

export type ExprKind = Expr['kind']
export type FieldExpr = Extract<Expr, { kind: 'field' }>
export type KeywordExpr = Extract<Expr, { kind: 'keyword' }>

/** Exhaustive fold helper: a handler per kind, checked by the compiler. */
export type ExprVisitor<R> = { readonly [K in ExprKind]: (e: Extract<Expr, { kind: K }>) => R }

export function visit<R>(e: Expr, v: ExprVisitor<R>): R {
  switch (e.kind) {
    case 'and':
    case 'or':
      return v[e.kind](e as never)
    case 'not':
      return v.not(e)
    case 'field':
      return v.field(e)
    case 'keyword':
      return v.keyword(e)
    default:
      return assertNever(e)
  }
}

export function assertNever(x: never): never {
  throw new Error(`unexpected node: ${JSON.stringify(x)}`)
}
