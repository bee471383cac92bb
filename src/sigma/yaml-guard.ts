/**
 * A cheap O(n) pre-scan that bounds YAML nesting before the `yaml` parser sees the text.
 * Why: `yaml` turns stack overflows into RESOURCE_EXHAUSTION, but near the stack limit V8 can abort the whole
 * process instead ("RegExpCompiler Allocation failed", observed with 10 000 nested `[`). Deep input must never
 * reach the recursive parser. The scan over-approximates a little; real Sigma rules nest 6-8 levels.
 */

export interface NestingEstimate {
  /** Deepest flow nesting (`[`/`{`) seen, and where it was first exceeded. */
  readonly flowDepth: number
  /** Widest block indentation (spaces plus `- `/`? `/`: ` indicators) at the start of a line. */
  readonly indent: number
  /** 0-based offset of the deepest point. */
  readonly offset: number
}

const isBlank = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r'
/** Characters after which a quote or bracket starts a new node rather than sitting inside a plain scalar. */
const NODE_START = new Set(['', ':', ',', '[', '{', '-', '?'])

export function estimateNesting(text: string): NestingEstimate {
  let flow = 0
  let maxFlow = 0
  let maxIndent = 0
  let at = 0
  let quote: '' | "'" | '"' = ''
  let prev = '' // previous non-blank character on the current line ('' at line start)
  let blockParentIndent = -1 // >= 0 while skipping the body of a block scalar (`|` / `>`)
  let i = 0
  const n = text.length
  while (i < n) {
    // Line start: measure indentation (outside quoted strings only).
    if (quote === '') {
      let j = i
      let col = 0
      for (;;) {
        const c = text[j]
        if (c === ' ' || c === '\t') { col++; j++ } else if ((c === '-' || c === '?' || c === ':') && isBlank(text[j + 1]) && text[j + 1] !== undefined) { col += 2; j += 2 } else break
      }
      const lineEnd = text.indexOf('\n', j)
      const end = lineEnd === -1 ? n : lineEnd
      const blankLine = text.slice(j, end).trim() === ''
      if (blockParentIndent >= 0 && (blankLine || col > blockParentIndent)) { i = end + 1; continue }
      blockParentIndent = -1
      if (col > maxIndent && flow === 0) { maxIndent = col; at = i }
      i = j
      prev = ''
    }
    // Rest of the line.
    const lineStartIndent = maxIndentOfLine(text, i)
    while (i < n && text[i] !== '\n') {
      const c = text[i] as string
      if (quote === "'") {
        if (c === "'") { if (text[i + 1] === "'") i++; else quote = '' }
      } else if (quote === '"') {
        if (c === '\\') i++
        else if (c === '"') quote = ''
      } else if (c === '#' && (prev === '' || isBlank(text[i - 1]))) {
        const e = text.indexOf('\n', i)
        i = e === -1 ? n : e
        break
      } else if ((c === "'" || c === '"') && (NODE_START.has(prev) || flow > 0 && isBlank(text[i - 1]))) {
        quote = c
      } else if ((c === '[' || c === '{') && (NODE_START.has(prev) || flow > 0)) {
        flow++
        if (flow > maxFlow) { maxFlow = flow; at = i }
      } else if ((c === ']' || c === '}') && flow > 0) {
        flow--
      } else if ((c === '|' || c === '>') && flow === 0 && (prev === ':' || prev === '-' || prev === '') && /^[|>][0-9+-]*[ \t]*(#.*)?\r?$/.test(lineTail(text, i))) {
        blockParentIndent = lineStartIndent
      }
      if (!isBlank(c)) prev = c
      i++
    }
    i++ // the newline
  }
  return { flowDepth: maxFlow, indent: maxIndent, offset: at }
}

function lineTail(text: string, i: number): string {
  const e = text.indexOf('\n', i)
  return text.slice(i, e === -1 ? text.length : e)
}

/** Indentation (spaces only) of the line containing offset i: a block scalar body must be indented deeper. */
function maxIndentOfLine(text: string, i: number): number {
  const s = text.lastIndexOf('\n', i - 1) + 1
  let k = s
  while (text[k] === ' ') k++
  return k - s
}
