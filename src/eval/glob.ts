/**
 * Sigma wildcard matching (SIGMA-NOTES §2.3–2.4): the whole value must match; `*` is any run of
 * characters, `?` exactly one (a code point, not a UTF-16 unit). No regex engine: segments between
 * `*`s are matched leftmost-first, which is exact for globs and at worst O(value × pattern).
 */
import type { StrPart } from '../ir/value.js'

/** A compiled glob: the segments between `*`s (an empty first/last one = open end), each a list of code points or `null` for `?`. */
export interface Glob {
  readonly segments: readonly (readonly (string | null)[])[]
  /** The same segments as plain strings when there is no `?`: matched with indexOf, no code point arrays. */
  readonly plain: readonly string[] | null
  readonly cased: boolean
}

/** Compile string parts; `null` when a placeholder (`%name%`, unresolved) is left in it. */
export function compileGlob(parts: readonly StrPart[], cased: boolean): Glob | null {
  const segments: (string | null)[][] = [[]]
  for (const p of parts) {
    const cur = segments[segments.length - 1] as (string | null)[]
    if (typeof p === 'string') {
      for (const ch of cased ? p : p.toLowerCase()) cur.push(ch)
    } else if ('placeholder' in p) {
      return null
    } else if (p.special === 'one') {
      cur.push(null)
    } else {
      segments.push([])
    }
  }
  const plain = segments.every((seg) => !seg.includes(null)) ? segments.map((seg) => seg.join('')) : null
  return { segments, plain, cased }
}

function plainMatch(segs: readonly string[], value: string): boolean {
  const first = segs[0] as string
  if (segs.length === 1) return value === first
  const last = segs[segs.length - 1] as string
  if (first.length + last.length > value.length || !value.startsWith(first) || !value.endsWith(last)) return false
  const end = value.length - last.length
  let pos = first.length
  for (let s = 1; s < segs.length - 1; s++) {
    const seg = segs[s] as string
    const at = value.indexOf(seg, pos)
    if (at < 0 || at + seg.length > end) return false
    pos = at + seg.length
  }
  return true
}

function segmentAt(value: readonly string[], seg: readonly (string | null)[], at: number): boolean {
  if (at + seg.length > value.length) return false
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]
    if (c !== null && c !== value[at + i]) return false
  }
  return true
}

/** Does the whole `text` match the glob? */
export function globMatch(g: Glob, text: string): boolean {
  if (g.plain) return plainMatch(g.plain, g.cased ? text : text.toLowerCase())
  const value = Array.from(g.cased ? text : text.toLowerCase())
  const segs = g.segments
  if (segs.length === 1) {
    const only = segs[0] as (string | null)[]
    return only.length === value.length && segmentAt(value, only, 0)
  }
  const first = segs[0] as (string | null)[]
  const last = segs[segs.length - 1] as (string | null)[]
  if (first.length + last.length > value.length) return false
  if (!segmentAt(value, first, 0)) return false
  const end = value.length - last.length
  if (!segmentAt(value, last, end)) return false
  let pos = first.length
  for (let s = 1; s < segs.length - 1; s++) {
    const seg = segs[s] as (string | null)[]
    let found = -1
    for (let at = pos; at + seg.length <= end; at++) {
      if (segmentAt(value, seg, at)) {
        found = at
        break
      }
    }
    if (found < 0) return false
    pos = found + seg.length
  }
  return true
}
