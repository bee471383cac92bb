/**
 * Event files for `test`: one JSON value, a JSON array of events, NDJSON, or JSON values written one after
 * another (the SigmaHQ regression data concatenates pretty-printed events). Each top-level value is one
 * event; a top-level array contributes its elements. A value that does not parse is reported with its
 * line and column and the others are still read.
 */
import { error, type Diagnostic } from '../diagnostics.js'

export interface ParsedEvents {
  readonly events: readonly unknown[]
  readonly diagnostics: readonly Diagnostic[]
}

export interface ParseEventsOptions {
  readonly file?: string
  /** Stop (with an error) after this many events. */
  readonly maxEvents?: number
}

const isSpace = (c: string): boolean => c === ' ' || c === '\n' || c === '\r' || c === '\t'

/** End offset (exclusive) of the JSON value starting at `start`: brackets balanced outside strings. */
function valueEnd(text: string, start: number): number {
  const open = text[start]
  if (open !== '{' && open !== '[') {
    if (open === '"') {
      for (let i = start + 1; i < text.length; i++) {
        if (text[i] === '\\') i++
        else if (text[i] === '"') return i + 1
      }
      return text.length
    }
    let i = start
    while (i < text.length && !isSpace(text[i] as string) && text[i] !== '{' && text[i] !== '[') i++
    return i
  }
  let depth = 0
  let inString = false
  for (let i = start; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{' || c === '[') depth++
    else if (c === '}' || c === ']') {
      depth--
      if (depth === 0) return i + 1
    }
  }
  return text.length
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let last = -1
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++
      last = i
    }
  }
  return { line, column: offset - last }
}

function parseError(e: unknown): { message: string; position?: number } {
  const message = e instanceof Error ? e.message : String(e)
  const m = /at position (\d+)/.exec(message)
  return { message: message.replace(/ in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, ''), ...(m ? { position: Number(m[1]) } : {}) }
}

export function parseEvents(text: string, opts: ParseEventsOptions = {}): ParsedEvents {
  const events: unknown[] = []
  const diagnostics: Diagnostic[] = []
  const at = (offset: number): Partial<Diagnostic> => ({ ...(opts.file === undefined ? {} : { file: opts.file }), ...lineColumn(text, offset) })
  const max = opts.maxEvents ?? Infinity
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  while (i < text.length) {
    if (isSpace(text[i] as string)) {
      i++
      continue
    }
    const end = valueEnd(text, i)
    let value: unknown
    try {
      value = JSON.parse(text.slice(i, end))
    } catch (e) {
      const p = parseError(e)
      diagnostics.push(error('input.json', `invalid JSON event: ${p.message}`, at(i + (p.position ?? 0))))
      i = end
      continue
    }
    const found = Array.isArray(value) ? value : [value]
    if (events.length + found.length > max) {
      diagnostics.push(error('input.too_many_events', `more than ${max} events; the rest are not read`, at(i)))
      for (const x of found.slice(0, max - events.length)) events.push(x)
      break
    }
    for (const x of found) events.push(x)
    i = end
  }
  return { events, diagnostics }
}
