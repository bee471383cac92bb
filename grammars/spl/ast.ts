/**
 * AST of the SPL subset sigmaport emits: one search expression, then `| regex`, `| rex`, `| eval`, `| search`
 * and `| where` stages. Values keep their decoded text split at wildcards (Splunk's `*` is a wildcard in quoted
 * and unquoted values alike and cannot be escaped).
 */

export const SPL_WILDCARD = Object.freeze({ wildcard: true as const })
export type SplPart = string | typeof SPL_WILDCARD

export interface SplValue {
  readonly quoted: boolean
  readonly parts: readonly SplPart[]
  /** Decoded text with wildcards written as `*`. */
  readonly text: string
}

export type SplCompareOp = '=' | '!=' | '<' | '<=' | '>' | '>='

export type SplSearch =
  | { readonly kind: 'and' | 'or'; readonly args: readonly SplSearch[] }
  | { readonly kind: 'not'; readonly arg: SplSearch }
  | { readonly kind: 'compare'; readonly field: string; readonly op: SplCompareOp; readonly value: SplValue }
  | { readonly kind: 'in'; readonly field: string; readonly values: readonly SplValue[] }
  /** A field-less term or phrase, searched in the raw event text. */
  | { readonly kind: 'keyword'; readonly value: SplValue }

/** eval / where expressions: only what sigmaport writes (`if(isnotnull(x), "a", "b")`, `'a'='b'`). */
export type SplEvalExpr =
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly SplEvalExpr[] }
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'compare'; readonly op: '=' | '!='; readonly left: SplEvalExpr; readonly right: SplEvalExpr }
  | { readonly kind: 'not'; readonly arg: SplEvalExpr }

export type SplStage =
  | { readonly kind: 'search'; readonly query: SplSearch }
  /** `regex field="re"` / `regex field!="re"` (PCRE text already unescaped from the quoted string). */
  | { readonly kind: 'regex'; readonly field: string; readonly negated: boolean; readonly regex: string }
  /** `rex field=f "re"`: named groups of the first match become fields. */
  | { readonly kind: 'rex'; readonly field: string; readonly regex: string }
  | { readonly kind: 'eval'; readonly field: string; readonly expr: SplEvalExpr }
  | { readonly kind: 'where'; readonly expr: SplEvalExpr }

export interface SplQuery {
  /** The leading search (absent when the query starts with a pipe). */
  readonly search?: SplSearch
  readonly stages: readonly SplStage[]
}
