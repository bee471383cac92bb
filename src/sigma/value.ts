/**
 * Sigma strings and scalar values: the escaping state machine (SIGMA-NOTES §2.5) and the mapping of
 * YAML scalars to `Value`s, both exactly as pySigma's `SigmaString` / `sigma_type` do it.
 */
import { ANY, ONE, normParts } from '../ir/value.js'
import type { StrPart, StrValue, Value } from '../ir/value.js'
import { fail } from '../diagnostics.js'
import type { ScalarTag, Tags } from 'yaml'

/**
 * Parse a Sigma string value (after YAML decoding). Only `*`, `?` and `\` are special:
 * `\*` `\?` `\\` are literal, a backslash before any other character (or at the end) stays literal.
 */
export function parseSigmaString(text: string): StrValue {
  const parts: StrPart[] = []
  let acc = ''
  let escaped = false
  for (const c of text) {
    if (escaped) {
      acc += c === '*' || c === '?' || c === '\\' ? c : '\\' + c
      escaped = false
    } else if (c === '\\') {
      escaped = true
    } else if (c === '*' || c === '?') {
      parts.push(acc, c === '*' ? ANY : ONE)
      acc = ''
    } else {
      acc += c
    }
  }
  if (escaped) acc += '\\'
  parts.push(acc)
  return { type: 'str', parts: normParts(parts), cased: false }
}

/** A string taken verbatim (no wildcard parsing), as pySigma's `SigmaString.from_str` for `|re` values. */
export function rawString(text: string): StrValue {
  return { type: 'str', parts: normParts([text]), cased: false }
}

/** Human-readable type name of a YAML value, for diagnostics. */
export function describeRaw(raw: unknown): string {
  if (raw === null || raw === undefined) return 'null'
  if (Array.isArray(raw)) return 'list'
  if (typeof raw === 'object') return 'map'
  return typeof raw
}

/**
 * YAML scalar → Value: string → str (wildcards parsed), number → num, boolean → bool, null → null.
 * Throws a SigmaError (`value.invalid`) for lists, maps and non-finite numbers.
 */
export function scalarToValue(raw: unknown): Value {
  switch (typeof raw) {
    case 'string':
      return parseSigmaString(raw)
    case 'boolean':
      return { type: 'bool', value: raw }
    case 'bigint':
      return { type: 'num', value: Number(raw) }
    case 'number':
      if (!Number.isFinite(raw)) return fail('value.invalid', `Invalid number ${String(raw)}: values must be finite numbers`)
      return { type: 'num', value: raw }
    case 'undefined':
      return { type: 'null' }
    case 'object':
      if (raw === null) return { type: 'null' }
      if (Array.isArray(raw)) return fail('value.invalid', 'Nested lists are not allowed as detection values')
      return fail('value.invalid', 'A map is not allowed as a detection value here')
    default:
      return fail('value.invalid', `Unsupported value type ${typeof raw}`)
  }
}

/** Literal text with `*` and `?` escaped (not `\`), as pySigma's `SigmaString.to_plain`. */
export function escapeLiteral(s: string): string {
  return s.replace(/[*?]/g, (c) => '\\' + c)
}

/** Back to Sigma text: wildcards as `*`/`?`, literal `*`/`?` escaped, placeholders as `%name%`. */
export function sigmaStringToText(v: StrValue): string {
  let out = ''
  for (const p of v.parts) {
    if (typeof p === 'string') out += escapeLiteral(p)
    else if ('placeholder' in p) out += `%${p.placeholder}%`
    else out += p.special === 'any' ? '*' : '?'
  }
  return out
}

/** Plain text with wildcards and placeholders rendered unescaped (`*`, `?`, `%name%`). */
export function plainText(v: StrValue): string {
  let out = ''
  for (const p of v.parts) {
    if (typeof p === 'string') out += p
    else if ('placeholder' in p) out += `%${p.placeholder}%`
    else out += p.special === 'any' ? '*' : '?'
  }
  return out
}

/** A short, quoted rendering of any value for diagnostics. */
export function describeValue(v: Value): string {
  switch (v.type) {
    case 'str':
      return `string '${sigmaStringToText(v)}'`
    case 'num':
      return `number ${v.value}`
    case 'bool':
      return `boolean ${v.value}`
    case 'null':
      return 'null'
    case 're':
      return `regular expression '${v.regex}'`
    case 'cidr':
      return `CIDR network '${v.cidr}'`
    case 'cmp':
      return `comparison ${v.op} ${v.value}`
    case 'exists':
      return `exists ${v.exists}`
    case 'fieldref':
      return `field reference '${v.field}'`
    case 'timepart':
      return `timestamp part ${v.part} ${v.op} ${v.value}`
    case 'expansion':
      return `expansion of ${v.values.length} values`
    case 'query':
      return `query expression '${v.expression}'`
  }
}

/**
 * For the YAML loader (`parse(text, { customTags: sigmaYamlTags })`): a plain scalar with leading zeros
 * such as `00000429` (a registry value in SigmaHQ rules) stays a string. The YAML 1.2 core schema would
 * make it the number 429; PyYAML (what pySigma uses) keeps it a string because it is no valid YAML 1.1 int.
 */
export function sigmaYamlTags(tags: Tags): Tags {
  return tags.map((t): Tags[number] => {
    if (typeof t !== 'object' || t.tag !== 'tag:yaml.org,2002:int' || t.format || !('test' in t)) return t
    const decimal: ScalarTag = { ...(t as ScalarTag), test: /^[-+]?(?:0|[1-9][0-9]*)$/ }
    return decimal
  })
}
