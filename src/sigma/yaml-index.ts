/**
 * A position index for ordinary block-style YAML, built by one cheap scan of the text: where every map key,
 * sequence item and value starts. The fast loader (yaml-fast.ts) uses it instead of `yaml`'s positioned AST.
 * The scan understands only what ordinary Sigma rules use (block maps and sequences, plain / quoted / block
 * scalars, comments); anything else (flow collections, anchors, aliases, tags, explicit keys, several documents,
 * tabs, CR) throws `Unsupported`, and the caller falls back to the full `yaml` parser. The caller also checks that
 * the index has exactly the shape of the parsed value, so the scan can never attach a position to the wrong node.
 */
import type { YamlPath } from './yaml-path.js'

export type PNode =
  | { readonly kind: 'map'; readonly offset: number; readonly entries: readonly PEntry[] }
  | { readonly kind: 'seq'; readonly offset: number; readonly items: readonly (PNode | null)[] }
  | { readonly kind: 'scalar'; readonly offset: number; readonly block: boolean }

export interface PEntry {
  /** The key as the value's object has it (plain text, or a quoted key unquoted). */
  readonly key: string
  readonly keyOffset: number
  /** null: nothing after the colon (the value is YAML null). */
  readonly value: PNode | null
}

export class Unsupported extends Error {}

const unsupported = (why: string): never => {
  throw new Unsupported(why)
}

interface Line {
  readonly start: number
  /** Offset of the line break (or the text length). */
  readonly end: number
  /** First non-space character, or `end`. */
  readonly first: number
  readonly indent: number
  /** Blank or comment only. */
  readonly empty: boolean
}

function splitLines(text: string, maxIndent: number): Line[] {
  const lines: Line[] = []
  let start = 0
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    let first = start
    while (first < end && text.charCodeAt(first) === 32) first++
    const indent = first - start
    const empty = first === end || text.charCodeAt(first) === 35 // '#'
    if (!empty && indent > maxIndent) unsupported('deep indentation')
    lines.push({ start, end, first, indent, empty })
    if (end === text.length) break
    start = end + 1
  }
  return lines
}

/** Characters that cannot start an ordinary node (flow collections, anchors, aliases, tags, directives, reserved). */
const NODE_START_REJECT = new Set(['[', ']', '{', '}', '&', '*', '!', '%', '@', '`', ',', '?'])

class Scanner {
  private readonly lines: Line[]
  private depth = 0

  constructor(private readonly text: string, private readonly maxDepth: number) {
    this.lines = splitLines(text, maxDepth * 4)
  }

  /** Index of the next non-empty line at or after `l`, or lines.length. */
  private next(l: number): number {
    while (l < this.lines.length && (this.lines[l] as Line).empty) l++
    return l
  }

  private line(l: number): Line {
    return this.lines[l] as Line
  }

  /** The whole text as one document: its root node (null for an empty document). */
  document(): PNode | null {
    let l = this.next(0)
    if (l < this.lines.length && this.isMarker(l, '---')) {
      const ln = this.line(l)
      if (this.restIsEmpty(ln.first + 3, ln.end) === false) unsupported('content after ---')
      l = this.next(l + 1)
    }
    if (l >= this.lines.length) return null
    const { node, resume } = this.node(l, this.line(l).first, -1)
    const rest = this.next(resume)
    if (rest < this.lines.length) unsupported('more than one document or trailing content')
    return node
  }

  private isMarker(l: number, m: string): boolean {
    const ln = this.line(l)
    return ln.indent === 0 && this.text.startsWith(m, ln.start) && (ln.start + 3 === ln.end || this.text.charCodeAt(ln.start + 3) === 32)
  }

  private restIsEmpty(from: number, to: number): boolean {
    let i = from
    while (i < to && this.text.charCodeAt(i) === 32) i++
    return i === to || this.text.charCodeAt(i) === 35
  }

  /** The node starting at offset `o` on line `l`; `parent` = indentation continuation lines must exceed. */
  private node(l: number, o: number, parent: number): { node: PNode | null; resume: number } {
    if (++this.depth > this.maxDepth + 1) unsupported('deep nesting')
    try {
      const ln = this.line(l)
      const c = o - ln.start
      const ch = this.text[o] as string
      if (l > 0 && ln.indent === 0 && (this.isMarker(l, '---') || this.isMarker(l, '...'))) unsupported('several documents')
      if (NODE_START_REJECT.has(ch)) unsupported(`node starts with ${ch}`)
      if (ch === '-' && (o + 1 === ln.end || this.text.charCodeAt(o + 1) === 32)) return this.seq(l, c)
      if (this.keyAt(o, ln.end) !== undefined) return this.map(l, c)
      return this.scalar(l, o, parent)
    } finally {
      this.depth--
    }
  }

  /** A key starting at `o` (quoted or plain, on one line, followed by `:` and a space or the line end). */
  private keyAt(o: number, end: number): { key: string; after: number } | undefined {
    const t = this.text
    const ch = t[o]
    let keyEnd: number
    let key: string
    if (ch === "'" || ch === '"') {
      const close = this.closeQuote(o)
      if (close === undefined || close >= end) return undefined
      keyEnd = close + 1
      const inner = t.slice(o + 1, close)
      let i = keyEnd
      while (i < end && t.charCodeAt(i) === 32) i++
      if (t[i] !== ':' || !(i + 1 === end || t.charCodeAt(i + 1) === 32)) return undefined
      if (ch === '"' && inner.includes('\\')) unsupported('escapes in a double-quoted key')
      key = ch === "'" ? inner.replace(/''/g, "'") : inner
      return { key, after: i + 1 }
    }
    for (let i = o; i < end; i++) {
      const c = t.charCodeAt(i)
      if (c === 35 && i > o && t.charCodeAt(i - 1) === 32) return undefined // ' #' starts a comment
      if (c === 58 && (i + 1 === end || t.charCodeAt(i + 1) === 32)) {
        keyEnd = i
        key = t.slice(o, keyEnd).trimEnd()
        // The full path keeps a plain key's YAML 1.2 reading (`~` → '', `0012` → '12'), js-yaml here the PyYAML one.
        if (key === '' || /^[-+.0-9~]/.test(key) || /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(key)) unsupported('a plain key that reads as null, a boolean or a number')
        return { key, after: i + 1 }
      }
    }
    return undefined
  }

  /** Offset of the closing quote of the quoted scalar at `o` (may be on a later line). */
  private closeQuote(o: number): number | undefined {
    const t = this.text
    const q = t[o]
    for (let i = o + 1; i < t.length; i++) {
      const c = t[i]
      if (q === '"' && c === '\\') i++
      else if (c === q) {
        if (q === "'" && t[i + 1] === "'") i++
        else return i
      }
    }
    return undefined
  }

  private lineOf(offset: number, from: number): number {
    let l = from
    while (l < this.lines.length && this.line(l).end < offset) l++
    return l
  }

  private seq(l: number, c: number): { node: PNode; resume: number } {
    const items: (PNode | null)[] = []
    const offset = this.line(l).start + c
    let cur = l
    let dash = offset
    for (;;) {
      const ln = this.line(cur)
      let p = dash + 1
      while (p < ln.end && this.text.charCodeAt(p) === 32) p++
      let resume: number
      if (p === ln.end || this.text.charCodeAt(p) === 35) {
        const n = this.next(cur + 1)
        if (n < this.lines.length && this.line(n).indent > c) {
          const r = this.node(n, this.line(n).first, c)
          items.push(r.node)
          resume = r.resume
        } else {
          items.push(null)
          resume = n
        }
      } else {
        const r = this.node(cur, p, c)
        items.push(r.node)
        resume = r.resume
      }
      const n = this.next(resume)
      if (n >= this.lines.length) return { node: { kind: 'seq', offset, items }, resume: n }
      const nl = this.line(n)
      if (nl.indent > c) unsupported('unexpected indentation in a sequence')
      if (nl.indent < c || !(this.text[nl.first] === '-' && (nl.first + 1 === nl.end || this.text.charCodeAt(nl.first + 1) === 32))) {
        return { node: { kind: 'seq', offset, items }, resume: n }
      }
      cur = n
      dash = nl.first
    }
  }

  private map(l: number, c: number): { node: PNode; resume: number } {
    const entries: PEntry[] = []
    let cur = l
    let o = this.line(l).start + c
    for (;;) {
      const ln = this.line(cur)
      const k = this.keyAt(o, ln.end) ?? unsupported('expected a key')
      if (NODE_START_REJECT.has(this.text[o] as string) || this.text[o] === '-' && (o + 1 === ln.end || this.text.charCodeAt(o + 1) === 32)) unsupported('unusual key')
      let p = k.after
      while (p < ln.end && this.text.charCodeAt(p) === 32) p++
      let value: PNode | null
      let resume: number
      if (p === ln.end || this.text.charCodeAt(p) === 35) {
        const n = this.next(cur + 1)
        const nl = n < this.lines.length ? this.line(n) : undefined
        const seqHere = nl !== undefined && nl.indent === c && this.text[nl.first] === '-' && (nl.first + 1 === nl.end || this.text.charCodeAt(nl.first + 1) === 32)
        if (nl !== undefined && (nl.indent > c || seqHere)) {
          const r = this.node(n, nl.first, c)
          value = r.node
          resume = r.resume
        } else {
          value = null
          resume = n
        }
      } else {
        const r = this.node(cur, p, c)
        value = r.node
        resume = r.resume
      }
      entries.push({ key: k.key, keyOffset: o, value })
      const n = this.next(resume)
      if (n >= this.lines.length) return { node: { kind: 'map', offset: this.line(l).start + c, entries }, resume: n }
      const nl = this.line(n)
      if (nl.indent > c) unsupported('unexpected indentation in a map')
      if (nl.indent < c || this.keyAt(nl.first, nl.end) === undefined) return { node: { kind: 'map', offset: this.line(l).start + c, entries }, resume: n }
      cur = n
      o = nl.first
    }
  }

  /** A scalar at `o`: quoted (to its closing quote), block (`|`/`>`: deeper lines) or plain (deeper continuation lines). */
  private scalar(l: number, o: number, parent: number): { node: PNode; resume: number } {
    const t = this.text
    const ch = t[o]
    if (ch === "'" || ch === '"') {
      const close = this.closeQuote(o) ?? unsupported('unterminated quote')
      const cl = this.lineOf(close, l)
      if (!this.restIsEmpty(close + 1, this.line(cl).end)) unsupported('text after a quoted scalar')
      return { node: { kind: 'scalar', offset: o, block: false }, resume: cl + 1 }
    }
    let n = l + 1
    if (ch === '|' || ch === '>') {
      while (n < this.lines.length && (this.line(n).first === this.line(n).end || this.line(n).indent > parent)) n++
      return { node: { kind: 'scalar', offset: o, block: true }, resume: n }
    }
    // Plain: continuation lines are indented deeper than the parent; a comment line ends it.
    while (n < this.lines.length) {
      const ln = this.line(n)
      if (ln.first === ln.end) { n++; continue }
      if (ln.empty || ln.indent <= parent) break
      n++
    }
    return { node: { kind: 'scalar', offset: o, block: false }, resume: n }
  }
}

/** The root node of a one-document text, or throws Unsupported. */
export function scanYaml(text: string, maxDepth: number): PNode | null {
  if (text.includes('\t') || text.includes('\r') || text.includes('\uFEFF')) unsupported('tab, CR or BOM')
  return new Scanner(text, maxDepth).document()
}

/** Does the index have exactly the shape of the parsed value (keys in order, list lengths, scalars)? */
export function sameShape(n: PNode | null, v: unknown): boolean {
  if (n === null) return v === null
  switch (n.kind) {
    case 'scalar':
      return v === null || typeof v !== 'object' ? !(n.block && typeof v !== 'string') : false
    case 'seq':
      return Array.isArray(v) && v.length === n.items.length && n.items.every((x, i) => sameShape(x, v[i]))
    case 'map': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
      const keys = Object.keys(v)
      return keys.length === n.entries.length && n.entries.every((e, i) => keys[i] === e.key && sameShape(e.value, (v as Record<string, unknown>)[e.key]))
    }
  }
}

/**
 * `locate` over the index, with the semantics of yaml-locate.ts: the key (or item) node, or with `part: 'value'`
 * the value node. Undefined when the index cannot say (missing path, null value, block scalar value): the caller
 * then asks the full parser.
 */
export function locateOffset(root: PNode | null, path: YamlPath, part: 'key' | 'value'): number | undefined {
  let node: PNode | null = root
  let keyOffset: number | undefined
  for (const seg of path) {
    if (node === null) return undefined
    if (typeof seg === 'number' && node.kind === 'seq') {
      const item: PNode | null | undefined = node.items[seg]
      if (item === undefined || item === null || (item.kind === 'scalar' && item.block)) return undefined
      node = item
      keyOffset = item.offset
    } else if (typeof seg === 'string' && node.kind === 'map') {
      const e: PEntry | undefined = node.entries.find((x) => x.key === seg)
      if (e === undefined) return undefined
      keyOffset = e.keyOffset
      node = e.value
    } else return undefined
  }
  if (part === 'value' || keyOffset === undefined) {
    if (node === null || (node.kind === 'scalar' && node.block)) return undefined
    return node.offset
  }
  return keyOffset
}
