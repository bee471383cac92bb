/** Value helpers mirroring pySigma's SigmaString/SigmaNumber behaviour where pipelines depend on it. */
import { ANY, ONE, normParts, type StrPart, type StrValue, type Value } from '../ir/value.js'

/** pySigma's SigmaString parser: `*`/`?` are wildcards, `\` escapes `*`, `?` and `\` only. */
export function parseSigmaString(s: string): StrPart[] {
  const parts: StrPart[] = []
  let acc = ''
  let escaped = false
  for (const c of s) {
    if (escaped) {
      acc += c === '*' || c === '?' || c === '\\' ? c : '\\' + c
      escaped = false
    } else if (c === '\\') escaped = true
    else if (c === '*' || c === '?') {
      if (acc) parts.push(acc)
      acc = ''
      parts.push(c === '*' ? ANY : ONE)
    } else acc += c
  }
  if (escaped) acc += '\\'
  if (acc) parts.push(acc)
  return parts
}

export const sigmaStr = (s: string, cased = false): StrValue => ({ type: 'str', parts: parseSigmaString(s), cased })

/** `str(SigmaString)`: literal `*`/`?` escaped, wildcards as `*`/`?`, placeholders as `%name%`. */
export function plain(v: StrValue): string {
  let out = ''
  for (const p of v.parts) {
    if (typeof p === 'string') out += p.replace(/\*/g, '\\*').replace(/\?/g, '\\?')
    else if ('placeholder' in p) out += `%${p.placeholder}%`
    else out += p.special === 'any' ? '*' : '?'
  }
  return out
}

/** The `expand` modifier: `%name%` (not preceded by a backslash) becomes a placeholder; `\%` → `%`. */
export function insertPlaceholders(parts: readonly StrPart[]): StrPart[] {
  const out: StrPart[] = []
  for (const part of parts) {
    if (typeof part !== 'string') {
      out.push(part)
      continue
    }
    let last = 0
    for (const m of part.matchAll(/(?<!\\)%([^%]+)%/g)) {
      const before = part.slice(last, m.index).replace(/\\%/g, '%')
      if (before) out.push(before)
      out.push({ placeholder: m[1] ?? '' })
      last = (m.index ?? 0) + m[0].length
    }
    const rest = part.slice(last).replace(/\\%/g, '%')
    if (rest) out.push(rest)
  }
  return out
}

export const hasPlaceholderPart = (v: StrValue): boolean => v.parts.some((p) => typeof p !== 'string' && 'placeholder' in p)
export const hasWildcard = (v: StrValue): boolean => v.parts.some((p) => typeof p !== 'string' && 'special' in p)

/** Python `str()` of a SigmaNumber (integral values are ints; floats use Python's repr rules). */
export function pyNumStr(n: number): string {
  if (Number.isInteger(n)) return BigInt(n).toString()
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'nan' : n > 0 ? 'inf' : '-inf'
  const [mant = '', expText = '0'] = n.toExponential().split('e')
  const exp = Number(expText)
  if (exp < -4 || exp >= 16) {
    const e = Math.abs(exp)
    return `${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' + e : e}`
  }
  return String(n)
}

/** A YAML scalar as pySigma's `sigma_type` sees it; undefined for unsupported types. */
export function sigmaType(x: unknown): Value | undefined {
  if (typeof x === 'string') return sigmaStr(x)
  if (typeof x === 'boolean') return { type: 'bool', value: x }
  if (typeof x === 'number') return Number.isFinite(x) ? { type: 'num', value: x } : undefined
  if (x === null || x === undefined) return { type: 'null' }
  return undefined
}

export function partsEqual(a: readonly StrPart[], b: readonly StrPart[]): boolean {
  const x = normParts(a)
  const y = normParts(b)
  if (x.length !== y.length) return false
  return x.every((p, i) => {
    const q = y[i]
    if (typeof p === 'string' || typeof q === 'string') return p === q
    if ('placeholder' in p) return q !== undefined && 'placeholder' in q && q.placeholder === p.placeholder
    return q !== undefined && 'special' in q && q.special === p.special
  })
}

/** Python `int()`/`float()` on text the way `SigmaNumber(str)` accepts it; undefined when not a number. */
export function parsePyNumber(s: string): number | undefined {
  const t = s.trim()
  if (/^[+-]?\d+(_\d+)*$/.test(t)) return Number(t.replace(/_/g, ''))
  if (/^[+-]?(\d+(_\d+)*(\.(\d+(_\d+)*)?)?|\.\d+(_\d+)*)([eE][+-]?\d+)?$/.test(t)) {
    const n = Number(t.replace(/_/g, ''))
    return Number.isFinite(n) ? n : undefined
  }
  return undefined
}

export const strValue = (parts: readonly StrPart[], cased = false): StrValue => ({ type: 'str', parts: normParts(parts), cased })
