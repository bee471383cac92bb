/**
 * Detection items: `Field|mod1|mod2: value(s)` → DetectionItem, with every modifier applied left to right
 * exactly as pySigma's `SigmaDetectionItem.from_mapping` does (SIGMA-NOTES §2.1, §3).
 */
import { SigmaError, error, warning } from '../diagnostics.js'
import type { Diagnostic } from '../diagnostics.js'
import type { DetectionItem } from '../ir/rule.js'
import type { Value } from '../ir/value.js'
import { rawString, scalarToValue } from './value.js'
import { VALUE_MODIFIERS, applyValueModifier } from './modifiers/value-modifiers.js'

export interface ModifierInfo {
  readonly description: string
  /** Sigma specification version that introduced the modifier, or `sigmaport` for our own aliases. */
  readonly since?: string
}

/** Every modifier name we accept, including aliases. */
export const MODIFIERS: Readonly<Record<string, ModifierInfo>> = {
  contains: { description: 'Match the value anywhere in the field (wildcards around it)' },
  startswith: { description: 'Match the value at the start of the field' },
  endswith: { description: 'Match the value at the end of the field' },
  all: { description: 'All values must match (AND instead of OR)' },
  neq: { description: 'The field differs from all values (negates the item)', since: '2.1' },
  base64: { description: 'Base64-encode the value' },
  base64offset: { description: 'The three base64 encodings of the value at byte offsets 0, 1 and 2' },
  wide: { description: 'Encode the value as UTF-16LE (alias of utf16le)' },
  utf16le: { description: 'Encode the value as UTF-16LE', since: 'sigmaport' },
  utf16be: { description: 'Encode the value as UTF-16BE' },
  utf16: { description: 'Encode the value as UTF-16LE with byte order mark FF FE' },
  windash: { description: 'Also match -, /, en dash, em dash and horizontal bar for Windows command-line flags' },
  re: { description: 'The value is a regular expression (case-sensitive)' },
  i: { description: 'Regular expression: ignore case' },
  ignorecase: { description: 'Regular expression: ignore case (alias of i)' },
  m: { description: 'Regular expression: ^ and $ match at line breaks' },
  multiline: { description: 'Regular expression: multi-line (alias of m)' },
  s: { description: 'Regular expression: . matches newlines' },
  dotall: { description: 'Regular expression: dot matches all (alias of s)' },
  cased: { description: 'Case-sensitive string match' },
  cidr: { description: 'The value is an IPv4 or IPv6 network in CIDR notation' },
  exists: { description: 'Test whether the field exists (value true or false)' },
  fieldref: { description: 'Compare with the value of another field of the same event' },
  lt: { description: 'Numeric less than' },
  lte: { description: 'Numeric less than or equal' },
  gt: { description: 'Numeric greater than' },
  gte: { description: 'Numeric greater than or equal' },
  expand: { description: 'Expand %placeholder% names through the processing pipeline' },
  minute: { description: 'Minute of the field timestamp (0-59)', since: '2.1' },
  hour: { description: 'Hour of the field timestamp (0-23)', since: '2.1' },
  day: { description: 'Day of month of the field timestamp (1-31)', since: '2.1' },
  week: { description: 'Week of year of the field timestamp (1-52)', since: '2.1' },
  month: { description: 'Month of the field timestamp (1-12)', since: '2.1' },
  year: { description: 'Year of the field timestamp', since: '2.1' },
}

export interface ItemPosition {
  readonly line: number
  readonly column: number
  readonly key?: string
}

export interface ItemResult {
  readonly item?: DetectionItem
  readonly diagnostics: Diagnostic[]
}

function where(key: string | null, at: ItemPosition | undefined): { line?: number; column?: number; key?: string } {
  const k = at?.key ?? key ?? undefined
  return { ...(at ? { line: at.line, column: at.column } : {}), ...(k !== undefined ? { key: k } : {}) }
}

function rawValues(raw: unknown): readonly unknown[] {
  return Array.isArray(raw) ? raw : [raw]
}

function build(key: string | null, raw: unknown, at: ItemPosition | undefined): ItemResult {
  const pos = where(key, at)
  const [fieldText = '', ...modifiers] = key === null ? [''] : key.split('|')
  const field = fieldText === '' ? null : fieldText
  const unknown = modifiers.filter((m) => !Object.hasOwn(MODIFIERS, m))
  if (unknown.length > 0)
    return {
      diagnostics: unknown.map((m) =>
        error('modifier.unknown', `Unknown modifier '${m}' in '${key ?? ''}'${m === '' ? ' (empty modifier between |)' : ''}`, pos),
      ),
    }

  const diagnostics: Diagnostic[] = []
  const list = rawValues(raw)
  const isRe = modifiers.includes('re')
  let values: Value[]
  try {
    // With `re`, strings are taken verbatim (no wildcard parsing), as pySigma's `from_mapping` does.
    // pySigma even turns YAML numbers into regex text there (`Field|re: 5` → regex `5`).
    values = list.map((r) => {
      if (isRe && typeof r === 'string') return rawString(r)
      if (isRe && typeof r === 'number' && Number.isFinite(r)) return rawString(String(r))
      return scalarToValue(r)
    })
  } catch (e) {
    if (e instanceof SigmaError) return { diagnostics: [{ ...e.diagnostic, ...pos }] }
    throw e
  }

  let link: 'and' | 'or' = 'or'
  let negated = false
  const applied: string[] = []
  for (const name of modifiers) {
    if (name === 'all') {
      link = 'and'
      if (list.length === 1) diagnostics.push(warning('modifier.all_single_value', `Modifier 'all' with a single value has no effect in '${key ?? ''}'`, pos))
      continue
    }
    if (name === 'neq') {
      negated = true
      continue
    }
    const m = VALUE_MODIFIERS[name]
    if (m === undefined) throw new Error(`internal: modifier '${name}' has no implementation`)
    const ctx = { name, field, before: [...applied] }
    try {
      values = values.map((v) => applyValueModifier(m, v, ctx))
    } catch (e) {
      if (e instanceof SigmaError) return { diagnostics: [...diagnostics, { ...e.diagnostic, ...pos }] }
      throw e
    }
    applied.push(name)
  }

  // `Field: []` means the field is null (pySigma: empty value list → SigmaNull).
  if (values.length === 0) values = [{ type: 'null' }]
  if (field === null && values.some((v) => v.type === 'null'))
    return { diagnostics: [...diagnostics, error('value.invalid', 'A null value must be bound to a field; keywords cannot be null', pos)] }

  const item: DetectionItem = {
    kind: 'item',
    field,
    modifiers,
    values,
    link,
    negated,
    applied: [],
    originalField: field,
    ...(at ? { pos: { line: at.line, column: at.column } } : {}),
  }
  return { item, diagnostics }
}

/** Build the detection item for `key: raw` of a search identifier map (`|mods` = keyword item). */
export function buildDetectionItem(key: string, raw: unknown, at?: ItemPosition): ItemResult {
  return build(key, raw, at)
}

/** Build the keyword item for a search identifier that is a list of scalars (or one scalar). */
export function buildKeywordItem(raw: readonly unknown[], at?: ItemPosition): ItemResult {
  return build(null, raw, at)
}
