/**
 * Sigma values after modifiers have been applied: the leaves of the detection tree.
 * Every backend switches exhaustively over `Value['type']`.
 */

/** A wildcard or placeholder inside a Sigma string. Literal text is a plain JS string. */
export type Special =
  | { readonly special: 'any' } // Sigma `*`
  | { readonly special: 'one' } // Sigma `?`
  | { readonly placeholder: string } // `%name%` under the `expand` modifier

export type StrPart = string | Special

export const ANY: Special = Object.freeze({ special: 'any' })
export const ONE: Special = Object.freeze({ special: 'one' })

export type CompareOp = 'lt' | 'lte' | 'gt' | 'gte'
export type TimePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year'
export type RegexFlag = 'i' | 'm' | 's'
export type FieldRefMatch = 'eq' | 'startswith' | 'endswith' | 'contains'

export type Value =
  /** A Sigma string: literal text, wildcards and placeholders. `cased` = the `cased` modifier.
   * `bytes` = the text is a byte string (each char code < 256) produced by wide/utf16 encoders. */
  | { readonly type: 'str'; readonly parts: readonly StrPart[]; readonly cased: boolean; readonly bytes?: true }
  | { readonly type: 'num'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'null' }
  | { readonly type: 're'; readonly regex: string; readonly flags: readonly RegexFlag[] }
  /** Canonical network text (`10.0.0.0/8`, `fc00::/7`) and its parts. */
  | { readonly type: 'cidr'; readonly cidr: string; readonly version: 4 | 6; readonly network: string; readonly prefix: number }
  | { readonly type: 'cmp'; readonly op: CompareOp; readonly value: number }
  | { readonly type: 'exists'; readonly exists: boolean }
  | { readonly type: 'fieldref'; readonly field: string; readonly match: FieldRefMatch }
  /** Time-part modifiers: the part of the field's timestamp compared with `op` (eq unless a compare modifier follows). */
  | { readonly type: 'timepart'; readonly part: TimePart; readonly op: CompareOp | 'eq'; readonly value: number }
  /** windash / base64offset: alternatives that are always OR-linked, even under `all`. */
  | { readonly type: 'expansion'; readonly values: readonly Value[] }
  /** A raw target-language snippet from `query_expression_placeholders` (`{field}` and `{id}` already known). */
  | { readonly type: 'query'; readonly expression: string; readonly id: string }

export type ValueType = Value['type']
export type StrValue = Extract<Value, { type: 'str' }>

export const str = (parts: readonly StrPart[], cased = false): StrValue => ({ type: 'str', parts, cased })

export function isSpecial(p: StrPart): p is Special {
  return typeof p !== 'string'
}

/** Literal text of a string value with wildcards rendered by the callback. */
export function strText(v: StrValue, special: (s: Special) => string, literal: (s: string) => string = (s) => s): string {
  let out = ''
  for (const p of v.parts) out += typeof p === 'string' ? literal(p) : special(p)
  return out
}

/** True when the string has a wildcard or placeholder. */
export function hasSpecial(v: StrValue): boolean {
  return v.parts.some(isSpecial)
}

export function hasPlaceholder(v: StrValue): boolean {
  return v.parts.some((p) => typeof p !== 'string' && 'placeholder' in p)
}

/** Normalise parts: merge adjacent literals and drop empty ones. */
export function normParts(parts: readonly StrPart[]): StrPart[] {
  const out: StrPart[] = []
  for (const p of parts) {
    if (typeof p === 'string') {
      if (p === '') continue
      const last = out[out.length - 1]
      if (typeof last === 'string') out[out.length - 1] = last + p
      else out.push(p)
    } else out.push(p)
  }
  return out
}
