/** Value transformations (pySigma transformations/values.py, except hashes/extract_fields). */
import type { StrValue, Value } from '../../ir/value.js'
import { fail } from '../../diagnostics.js'
import { ConfigError, checkKeys, isRecord, optBool, reqStr, type Params } from '../params.js'
import { checkTemplate, compilePy, pyEscape, pySub, PyRegexError } from '../pyregex.js'
import type { Transformation } from '../types.js'
import { hasPlaceholderPart, insertPlaceholders, parsePyNumber, parseSigmaString, plain, pyNumStr, sigmaStr, strValue } from '../values.js'
import { valueTransform } from './base.js'

function compileOrFail(pattern: string, key: string): RegExp {
  try {
    return compilePy(pattern)
  } catch (e) {
    throw new ConfigError(`Regular expression '${pattern}' is invalid: ${e instanceof PyRegexError ? e.message : String(e)}`, key)
  }
}

const mapStrParts = (v: StrValue, f: (s: string) => string, interpret = false): StrValue =>
  strValue(
    v.parts.flatMap((p) => (typeof p === 'string' ? (interpret ? parseSigmaString(f(p)) : [f(p)]) : [p])),
    v.cased,
  )

export function replaceString(p: Params): Transformation {
  const what = 'replace_string'
  checkKeys(p, ['regex', 'replacement', 'skip_special', 'interpret_special'], what)
  const re = compileOrFail(reqStr(p, 'regex', what), 'regex')
  const replacement = reqStr(p, 'replacement', what)
  try {
    checkTemplate(replacement)
  } catch (e) {
    throw new ConfigError(`${what}: invalid replacement: ${e instanceof Error ? e.message : String(e)}`, 'replacement')
  }
  const skipSpecial = optBool(p, 'skip_special', what, false)
  const interpret = optBool(p, 'interpret_special', what, false)
  const onString = (v: StrValue): StrValue => {
    if (skipSpecial) return mapStrParts(v, (s) => pySub(re, replacement, s), interpret)
    const replaced = pySub(re, replacement, plain(v)).replace(/\\(?![*?])/g, '\\\\')
    const parts = parseSigmaString(replaced)
    return strValue(hasPlaceholderPart(v) ? insertPlaceholders(parts) : parts)
  }
  return valueTransform(what, (_f, v) => {
    if (v.type === 'num') return onString(sigmaStr(pyNumStr(v.value)))
    return v.type === 'str' ? onString(v) : null
  })
}

export function mapString(p: Params): Transformation {
  checkKeys(p, ['mapping'], 'map_string')
  const m = p.mapping
  if (!isRecord(m)) throw new ConfigError("map_string requires a 'mapping' dictionary", 'mapping')
  const mapping = new Map<string, readonly string[] | string>()
  for (const [k, v] of Object.entries(m)) {
    if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) mapping.set(k, v as string | string[])
    else throw new ConfigError(`map_string: mapping of '${k}' must be a string or a list of strings`, 'mapping')
  }
  return valueTransform('map_string', (_f, v) => {
    if (v.type !== 'str') return null
    const r = mapping.get(plain(v))
    if (r === undefined) return null
    return typeof r === 'string' ? sigmaStr(r) : r.map((x) => sigmaStr(x))
  })
}

export function setValue(p: Params): Transformation {
  const what = 'set_value'
  checkKeys(p, ['value', 'force_type'], what)
  if (!('value' in p)) throw new ConfigError(`${what} requires parameter 'value'`, 'value')
  const value = p.value
  const force = p.force_type ?? null
  let v: Value
  if (force === null) {
    if (typeof value === 'string') v = sigmaStr(value)
    else if (typeof value === 'boolean') v = { type: 'bool', value }
    else if (typeof value === 'number') v = { type: 'num', value }
    else if (value === null) v = { type: 'null' }
    else throw new ConfigError(`Unsupported value type for SetValueTransformation`, 'value')
  } else {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      throw new ConfigError(`force_type '${String(force)}' is only allowed for string and numeric values`, 'force_type')
    if (force === 'str') v = sigmaStr(typeof value === 'boolean' ? (value ? 'True' : 'False') : typeof value === 'number' ? pyNumStr(value) : value)
    else if (force === 'num') {
      const n = typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : parsePyNumber(value)
      if (n === undefined) throw new ConfigError(`Value '${String(value)}' can't be converted to number while initializing SimgaValueTransformation`, 'value')
      v = { type: 'num', value: n }
    } else throw new ConfigError(`Invalid force_type '${String(force)}' in SigmaValueTransformation`, 'force_type')
  }
  return valueTransform(what, () => v)
}

export function convertType(p: Params): Transformation {
  checkKeys(p, ['target_type'], 'convert_type')
  if (p.target_type !== 'str' && p.target_type !== 'num')
    throw new ConfigError(`convert_type: target_type must be 'str' or 'num'`, 'target_type')
  const toStr = p.target_type === 'str'
  const conv = (v: Value): Value | null => {
    if (toStr) return v.type === 'num' ? sigmaStr(pyNumStr(v.value)) : null
    if (v.type !== 'str') return null
    const n = parsePyNumber(plain(v))
    if (n === undefined) return fail('pipeline.convert_type', `Value '${plain(v)}' can't be converted to number for ConvertTypeTransformation(target_type='num')`)
    return { type: 'num', value: n }
  }
  return valueTransform('convert_type', (_f, v) => {
    if (v.type === 'expansion') return { ...v, values: v.values.map((x) => conv(x) ?? x) }
    return conv(v)
  })
}

export function regex(p: Params): Transformation {
  checkKeys(p, ['method'], 'regex')
  const m = p.method ?? 'ignore_case_brackets'
  if (m !== 'plain' && m !== 'ignore_case_flag' && m !== 'ignore_case_brackets')
    throw new ConfigError(`Invalid method '${String(m)}' for CaseInsensitiveRegexTransformation.`, 'method')
  const isAlpha = (c: string): boolean => /^\p{L}$/u.test(c)
  return valueTransform('regex', (_f, v) => {
    if (v.type !== 'str') return null
    if (v.parts.length === 0) return v
    let re = ''
    for (const part of v.parts) {
      if (typeof part === 'string') {
        if (m === 'ignore_case_brackets') for (const c of part) re += isAlpha(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : pyEscape(c)
        else re += pyEscape(part)
      } else if ('placeholder' in part)
        fail('pipeline.placeholder', `Placeholder '${part.placeholder}' can't be converted to a regular expression. Please use a placeholder resolution transformation before.`)
      else re += part.special === 'any' ? '.*' : '.'
    }
    return { type: 're', regex: re, flags: m === 'ignore_case_flag' ? ['i'] : [] }
  })
}

export function caseTransform(p: Params): Transformation {
  checkKeys(p, ['method'], 'case')
  const m = p.method ?? 'lower'
  if (m !== 'lower' && m !== 'upper' && m !== 'snake_case') throw new ConfigError(`Invalid method '${String(m)}' for CaseTransformation.`, 'method')
  const f =
    m === 'lower' ? (s: string) => s.toLowerCase() : m === 'upper' ? (s: string) => s.toUpperCase() : (s: string) => s.replace(/(?<!^)(?=[A-Z])/g, '_').toLowerCase()
  return valueTransform('case', (_f, v) => (v.type === 'str' ? mapStrParts(v, f) : null))
}

