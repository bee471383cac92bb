/** Transformations that split one detection item into several: hashes_fields, extract_fields. */
import type { Detection, DetectionItem } from '../../ir/rule.js'
import type { StrValue, Value } from '../../ir/value.js'
import { fail } from '../../diagnostics.js'
import { ConfigError, checkKeys, optBool, optStr, optStrList, reqStr, reqStrList, type Params } from '../params.js'
import { compilePy, groupNames, pyMatch, PyRegexError } from '../pyregex.js'
import type { Transformation } from '../types.js'
import { parsePyNumber, plain, sigmaStr } from '../values.js'
import { itemTransform } from './base.js'

const newItem = (from: DetectionItem, field: string | null, values: readonly Value[]): DetectionItem => ({
  kind: 'item',
  field,
  modifiers: [],
  values,
  link: 'or',
  negated: false,
  applied: [],
  originalField: from.originalField,
  ...(from.pos ? { pos: from.pos } : {}),
})

const allStrings = (vs: readonly Value[]): vs is readonly StrValue[] => vs.every((v) => v.type === 'str')

const HASH_LENGTHS: Readonly<Record<number, string>> = { 32: 'MD5', 40: 'SHA1', 64: 'SHA256', 128: 'SHA512' }

const stripChars = (s: string, chars: string, left = true, right = true): string => {
  let a = 0
  let b = s.length
  while (left && a < b && chars.includes(s[a] as string)) a++
  while (right && b > a && chars.includes(s[b - 1] as string)) b--
  return s.slice(a, b)
}

export function hashesFields(p: Params): Transformation {
  const what = 'hashes_fields'
  checkKeys(p, ['valid_hash_algos', 'field_prefix', 'drop_algo_prefix', 'field_to_parse'], what)
  const algos = reqStrList(p, 'valid_hash_algos', what)
  const prefix = optStr(p, 'field_prefix', what) ?? ''
  const dropAlgo = optBool(p, 'drop_algo_prefix', what, false)
  const toParse = optStrList(p, 'field_to_parse', what) ?? ['Hashes', 'Hash']
  return itemTransform(what, (di) => {
    if (di.field === null || !toParse.includes(di.field) || !allStrings(di.values)) return null
    const byField = new Map<string, string[]>()
    for (const v of di.values) {
      const text = plain(v)
      const parts = text.includes('|') ? text.split('|') : text.split('=')
      let algo: string
      let hash: string
      if (parts.length === 2) {
        algo = stripChars(parts[0] as string, '*', true, false).toUpperCase()
        hash = stripChars(parts[1] as string, '*?')
      } else {
        hash = stripChars(parts[0] as string, '*?')
        algo = HASH_LENGTHS[hash.length] ?? ''
      }
      if (!algos.includes(algo) || algo === '') continue
      const field = `${prefix}${dropAlgo ? '' : algo}`
      byField.set(field, [...(byField.get(field) ?? []), hash])
    }
    if (byField.size === 0)
      fail('pipeline.hashes', `No valid hash algorithm found in Hashes field. Please use one of the following: ${algos.join(', ')}`, { key: di.field })
    const items = [...byField]
      .filter(([k]) => k !== '')
      .map(([k, hs]) => newItem(di, k === 'keyword' ? null : k, hs.map((h) => sigmaStr(h))))
    return { kind: 'detection', link: 'or', items }
  })
}

function convertCaptured(s: string): Value {
  if (['null', 'none', ''].includes(s.toLowerCase())) return { type: 'null' }
  if (s !== '0' && s.startsWith('0')) return sigmaStr(s)
  const n = parsePyNumber(s)
  return n === undefined ? sigmaStr(s) : { type: 'num', value: n }
}

export function extractFields(p: Params): Transformation {
  const what = 'extract_fields'
  checkKeys(p, ['regex', 'field_prefix', 'preserve_unmatched'], what)
  const pattern = reqStr(p, 'regex', what)
  let re: RegExp
  try {
    re = compilePy(pattern)
  } catch (e) {
    throw new ConfigError(`Regular expression '${pattern}' is invalid: ${e instanceof PyRegexError ? e.message : String(e)}`, 'regex')
  }
  const names = groupNames(pattern)
  if (names.length === 0) throw new ConfigError(`Regular expression '${pattern}' must contain at least one named group`, 'regex')
  if (new Set(names).size !== names.length) throw new ConfigError(`Regular expression '${pattern}' contains duplicate named groups`, 'regex')
  const prefix = optStr(p, 'field_prefix', what)
  const preserve = optBool(p, 'preserve_unmatched', what, false)
  return itemTransform(what, (di) => {
    if (!allStrings(di.values)) return null
    const out: (DetectionItem | Detection)[] = []
    for (const v of di.values) {
      const m = pyMatch(re, plain(v))
      if (!m) {
        if (preserve) out.push(newItem(di, di.field, [v]))
        continue
      }
      const items = Object.entries(m.groups ?? {})
        .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
        .map(([g, text]) => newItem(di, prefix ? `${prefix}.${g}` : g, [convertCaptured(text)]))
      if (items.length) out.push({ kind: 'detection', link: 'and', items })
    }
    if (out.length === 0) return null
    if (out.length === 1) return out[0] as DetectionItem | Detection
    return { kind: 'detection', link: di.link, items: out }
  })
}
