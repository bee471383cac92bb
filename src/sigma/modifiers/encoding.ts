/**
 * Encoding modifiers: base64, base64offset and the UTF-16 family (SIGMA-NOTES §3.4, §3.5).
 * Byte strings are JS strings whose char codes are bytes (< 256), flagged `bytes: true`.
 */
import { fail } from '../../diagnostics.js'
import type { StrPart, StrValue, Value } from '../../ir/value.js'
import { normParts } from '../../ir/value.js'

/** The bytes a string value stands for: byte strings as they are, text as UTF-8. Placeholders as `%name%`. */
export function valueBytes(v: StrValue): Uint8Array {
  const out: number[] = []
  const encoder = new TextEncoder()
  for (const p of v.parts) {
    const text = typeof p === 'string' ? p : 'placeholder' in p ? `%${p.placeholder}%` : p.special === 'any' ? '*' : '?'
    if (v.bytes) for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i) & 0xff)
    else out.push(...encoder.encode(text))
  }
  return Uint8Array.from(out)
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Standard base64 with `=` padding (browser-safe; no Buffer). */
export function base64(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0
    const b = bytes[i + 1]
    const c = bytes[i + 2]
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0)
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!
    out += b === undefined ? '=' : B64[(n >> 6) & 63]!
    out += c === undefined ? '=' : B64[n & 63]!
  }
  return out
}

function hasWildcard(v: StrValue): boolean {
  return v.parts.some((p) => typeof p !== 'string' && 'special' in p)
}

function plain(text: string, cased: boolean): StrValue {
  return { type: 'str', parts: normParts([text]), cased }
}

export function base64Modifier(v: StrValue): StrValue {
  if (hasWildcard(v)) return fail('value.invalid', 'Base64 encoding of strings with wildcards is not allowed (modifier base64)')
  return plain(base64(valueBytes(v)), v.cased)
}

const START = [0, 2, 3] as const
const END = [undefined, -3, -2] as const

/** Python slice `s[start:end]` for the small offsets used here. */
function pySlice(s: string, start: number, end: number | undefined): string {
  const e = end === undefined ? s.length : Math.max(0, s.length + end)
  return start >= e ? '' : s.slice(start, e)
}

/**
 * The three base64 fragments of the value at byte offsets 0, 1, 2 inside a larger base64 blob, with the
 * characters that depend on neighbouring bytes cut off (pySigma's algorithm; length = byte length).
 */
export function base64OffsetModifier(v: StrValue): Extract<Value, { type: 'expansion' }> {
  if (hasWildcard(v)) return fail('value.invalid', 'Base64 encoding of strings with wildcards is not allowed (modifier base64offset)')
  const bytes = valueBytes(v)
  const values: StrValue[] = []
  for (let i = 0; i < 3; i++) {
    const shifted = new Uint8Array(i + bytes.length)
    shifted.fill(0x20, 0, i)
    shifted.set(bytes, i)
    const enc = base64(shifted)
    values.push(plain(pySlice(enc, START[i]!, END[(bytes.length + i) % 3]), v.cased))
  }
  return { type: 'expansion', values }
}

export type Utf16Variant = 'le' | 'be' | 'bom'

/** Each UTF-16 code unit of the literal text → two bytes; wildcards and placeholders stay as they are. */
export function utf16Modifier(v: StrValue, variant: Utf16Variant): StrValue {
  const parts: StrPart[] = variant === 'bom' ? ['\xff\xfe'] : []
  for (const p of v.parts) {
    if (typeof p !== 'string') {
      parts.push(p)
      continue
    }
    let out = ''
    for (let i = 0; i < p.length; i++) {
      const unit = p.charCodeAt(i)
      const lo = String.fromCharCode(unit & 0xff)
      const hi = String.fromCharCode(unit >> 8)
      out += variant === 'be' ? hi + lo : lo + hi
    }
    parts.push(out)
  }
  return { type: 'str', parts: normParts(parts), cased: v.cased, bytes: true }
}
