/** Offsets → 1-based line/column inside the condition string (for positions chevrotain does not give, e.g. EOF). */
import type { Span } from '../../src/ir/condition.js'

export function positionAt(text: string, offset: number): Span {
  let line = 1
  let lineStart = 0
  const end = Math.min(Math.max(offset, 0), text.length)
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i)
    // Same line terminators as chevrotain: \n, \r\n, lone \r.
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++
      lineStart = i + 1
    }
  }
  return { offset: end, line, column: end - lineStart + 1 }
}
