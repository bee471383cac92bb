/**
 * `windash` (SIGMA-NOTES §3.6): every `-` or `/` matching pySigma's `\B[-/]\b` (Python Unicode word
 * semantics) in a literal part is replaced by each of five dash characters; the cartesian product of all
 * positions is returned as an OR expansion, first position varying slowest (pySigma's order).
 */
import type { StrPart, StrValue, Value } from '../../ir/value.js'
import { normParts } from '../../ir/value.js'

export const WINDASH_CHARS = ['-', '/', '\u2013', '\u2014', '\u2015'] as const

// Python's `\w` on str: Unicode letters, numbers and underscore.
const WORD = /^[\p{L}\p{N}_]$/u

function isWord(c: string | undefined): boolean {
  return c !== undefined && WORD.test(c)
}

const SLOT = Symbol('windash')
type Piece = StrPart | typeof SLOT

/** Split one literal part at the anchor positions. Code points, so astral letters count as one char. */
function splitLiteral(text: string): Piece[] {
  const chars = Array.from(text)
  const out: Piece[] = []
  let acc = ''
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!
    if ((c === '-' || c === '/') && !isWord(chars[i - 1]) && isWord(chars[i + 1])) {
      out.push(acc, SLOT)
      acc = ''
    } else acc += c
  }
  out.push(acc)
  return out
}

export function windashModifier(v: StrValue): Extract<Value, { type: 'expansion' }> {
  const pieces: Piece[] = v.parts.flatMap((p) => (typeof p === 'string' ? splitLiteral(p) : [p]))
  let results: StrPart[][] = [[]]
  for (const piece of pieces) {
    if (piece === SLOT) results = results.flatMap((prefix) => WINDASH_CHARS.map((d) => [...prefix, d]))
    else for (const r of results) r.push(piece)
  }
  return {
    type: 'expansion',
    values: results.map((parts) => ({ ...v, parts: normParts(parts) })),
  }
}
