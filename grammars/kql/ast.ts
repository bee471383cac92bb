/**
 * A small AST of a KQL query with Kibana's meaning (kbn-es-query node types): boolean structure, `field: values`
 * (a value list keeps its own and/or/not), ranges, existence tests and nested queries. Literals keep whether they
 * were quoted, the decoded text and where the wildcards are, which is what the injection tests compare.
 */
import type { Wildcard } from './chars.js'

export type KqlPart = string | Wildcard

export interface KqlLiteral {
  readonly kind: 'literal'
  readonly quoted: boolean
  /** Decoded characters, wildcards as separate parts. Quoted literals are one string and never have wildcards. */
  readonly parts: readonly KqlPart[]
  /** Decoded text with each wildcard written as `*` (ambiguous with a literal `*`; use parts to tell them apart). */
  readonly text: string
  readonly wildcard: boolean
  /** Unquoted `null`, `true`, `false` are literals of those types in Kibana. */
  readonly type: 'string' | 'null' | 'boolean'
  /** Offset of the literal's source text. */
  readonly offset: number
}

export type KqlValueExpr =
  | { readonly kind: 'or' | 'and'; readonly args: readonly KqlValueExpr[] }
  | { readonly kind: 'not'; readonly arg: KqlValueExpr }
  | { readonly kind: 'value'; readonly value: KqlLiteral }

export type KqlRangeOp = 'lt' | 'lte' | 'gt' | 'gte'

export type KqlNode =
  | { readonly kind: 'or' | 'and'; readonly args: readonly KqlNode[] }
  | { readonly kind: 'not'; readonly arg: KqlNode }
  /** `field: values`; field `null` = a field-less search (the value searches all fields). */
  | { readonly kind: 'match'; readonly field: KqlLiteral | null; readonly value: KqlValueExpr }
  /** `field: *` (a lone unquoted wildcard). */
  | { readonly kind: 'exists'; readonly field: KqlLiteral }
  | { readonly kind: 'range'; readonly field: KqlLiteral; readonly op: KqlRangeOp; readonly value: KqlLiteral }
  | { readonly kind: 'nested'; readonly path: KqlLiteral; readonly query: KqlNode }
  /** The empty query (Kibana: match all). */
  | { readonly kind: 'all' }
