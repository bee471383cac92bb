/**
 * Safe YAML → plain JS for untrusted Sigma text (SECURITY-NOTES §3a), keeping the YAML nodes for positions.
 * - parser options: YAML 1.2 core, no aliases, no known-tag resolution, string keys, errors only (fresh object
 *   per call: `yaml` writes into the options object it is given).
 * - our own walk builds the JS value: O(n) duplicate-key check, reserved keys, explicit tags, caps.
 * - a pre-scan bounds nesting before the recursive parser runs (see yaml-guard.ts).
 */
import { Composer, LineCounter, Parser, isAlias, isMap, isScalar, isSeq } from 'yaml'
import type { Document, Node, ParsedNode } from 'yaml'
import { error, type Diagnostic } from '../diagnostics.js'
import { compatNumber, compatString } from './yaml-compat.js'
import { fastParseYaml } from './yaml-fast.js'
import { estimateNesting } from './yaml-guard.js'
import { formatPath, type YamlPath } from './yaml-path.js'

export { formatPath, type YamlPath } from './yaml-path.js'
export { locate, locateScalar, type Located, type ScalarLocation } from './yaml-locate.js'

export interface LoadLimits {
  /** UTF-8 size of the whole text. */
  readonly maxBytes: number
  readonly maxDocuments: number
  readonly maxListItems: number
  readonly maxMapKeys: number
  readonly maxStringLength: number
  /** Nesting of maps and lists. The pre-scan also allows at most maxDepth flow levels and 4 × maxDepth columns of
   * block indentation, far below where the recursive parser would exhaust the stack. */
  readonly maxDepth: number
  /** Diagnostics reported per document before the rest are summarised. */
  readonly maxDiagnostics: number
}

export const DEFAULT_LIMITS: LoadLimits = Object.freeze({
  maxBytes: 1024 * 1024,
  maxDocuments: 1000,
  maxListItems: 10_000,
  maxMapKeys: 10_000,
  maxStringLength: 128 * 1024,
  maxDepth: 64,
  maxDiagnostics: 100,
})

/** One parsed YAML document: its AST (for positions) and the LineCounter of its text. */
export interface YamlSource {
  readonly root: Node | null
  readonly lines: LineCounter
  /** The fast path's position index (yaml-fast.ts): answers most lookups without `root`, which is then computed lazily. */
  readonly index?: {
    readonly locate: (path: YamlPath, part: 'key' | 'value') => { readonly line: number; readonly column: number } | undefined
  }
}

export interface YamlDocument {
  /** 0-based index of the document in the file. */
  readonly index: number
  /** Plain JS value (objects, arrays, strings, numbers, booleans, null). */
  readonly value: unknown
  readonly source: YamlSource
}

export interface ParsedYaml {
  readonly documents: readonly YamlDocument[]
  readonly diagnostics: readonly Diagnostic[]
}

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype'])
const CORE = 'tag:yaml.org,2002:'
/** Explicit tags that only restate what the core schema does anyway. */
const HARMLESS_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => CORE + t))

const parserOptions = () =>
  ({
    version: '1.2',
    schema: 'core',
    merge: false,
    resolveKnownTags: false,
    maxAliasCount: 0,
    uniqueKeys: false,
    strict: true,
    stringKeys: true,
    prettyErrors: false,
    logLevel: 'error',
  }) as const

/** UTF-8 byte length without allocating an encoded copy. */
function utf8Length(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++ } else n += 3
  }
  return n
}

export function parseYaml(text: string, file: string | undefined, limits: LoadLimits = DEFAULT_LIMITS): ParsedYaml {
  const at = (line: number, column: number, key?: string) => ({ ...(file === undefined ? {} : { file }), line, column, ...(key === undefined ? {} : { key }) })
  if (text.length > limits.maxBytes || utf8Length(text) > limits.maxBytes) {
    return { documents: [], diagnostics: [error('yaml.too_large', `text is larger than ${limits.maxBytes} bytes`, at(1, 1))] }
  }
  return fastParseYaml(text, limits, () => parseYamlFully(text, file, limits)) ?? parseYamlFully(text, file, limits)
}

/** The full path: `yaml` with positions for every node; reports every problem. `parseYaml` tries the fast path first. */
export function parseYamlFully(text: string, file: string | undefined, limits: LoadLimits = DEFAULT_LIMITS): ParsedYaml {
  const at = (line: number, column: number, key?: string) => ({ ...(file === undefined ? {} : { file }), line, column, ...(key === undefined ? {} : { key }) })
  if (text.length > limits.maxBytes || utf8Length(text) > limits.maxBytes) {
    return { documents: [], diagnostics: [error('yaml.too_large', `text is larger than ${limits.maxBytes} bytes`, at(1, 1))] }
  }
  const lines = new LineCounter()
  const pos = (offset: number) => { const p = lines.linePos(offset); return { line: p.line, column: p.col } }
  const nesting = estimateNesting(text)
  if (nesting.flowDepth > limits.maxDepth || nesting.indent > limits.maxDepth * 4) {
    // The LineCounter is filled by the parser; count lines by hand here.
    const before = text.slice(0, nesting.offset)
    const line = before.split('\n').length
    const column = nesting.offset - before.lastIndexOf('\n')
    return { documents: [], diagnostics: [error('yaml.too_large', `YAML nests deeper than ${limits.maxDepth} levels`, at(line, column))] }
  }

  const diagnostics: Diagnostic[] = []
  const documents: YamlDocument[] = []
  const composer = new Composer(parserOptions())
  let index = 0
  try {
    for (const doc of composer.compose(new Parser(lines.addNewLine).parse(text), true)) {
      if (index >= limits.maxDocuments) {
        const p = pos(doc.range[0])
        diagnostics.push(error('yaml.too_large', `more than ${limits.maxDocuments} YAML documents in one file; the rest are ignored`, at(p.line, p.column)))
        break
      }
      const parsed = convertDocument(doc, index, lines, limits, (o) => ({ ...at(pos(o).line, pos(o).column) }), text)
      diagnostics.push(...parsed.diagnostics)
      if (parsed.document) documents.push(parsed.document)
      index++
    }
  } catch (e) {
    // yaml >= 2.8.3 reports depth as RESOURCE_EXHAUSTION; anything thrown anyway must not escape as a stack trace.
    const message = e instanceof RangeError ? 'YAML nests too deeply' : 'YAML could not be parsed'
    diagnostics.push(error(e instanceof RangeError ? 'yaml.too_large' : 'yaml.syntax', message, at(1, 1)))
  }
  return { documents, diagnostics }
}

type AtOffset = (offset: number) => { file?: string; line: number; column: number }

function convertDocument(
  doc: Document.Parsed<ParsedNode, true>,
  index: number,
  lines: LineCounter,
  limits: LoadLimits,
  at: AtOffset,
  text: string,
): { document?: YamlDocument; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  for (const e of [...doc.errors, ...doc.warnings]) {
    if (e.code === 'TAG_RESOLVE_FAILED') continue // reported with its key path by the walk below
    const code = e.code === 'RESOURCE_EXHAUSTION' ? 'yaml.too_large' : e.code === 'DUPLICATE_KEY' ? 'yaml.duplicate_key' : 'yaml.syntax'
    const first = e.message.split('\n')[0] ?? e.message
    diagnostics.push(error(code, first, at(e.pos[0])))
  }
  if (diagnostics.length > 0) return { diagnostics }
  const walker = new Walker(limits, at, text)
  const value = walker.node(doc.contents, [], 0)
  if (walker.diagnostics.length > 0) return { diagnostics: walker.finish() }
  return { document: { index, value, source: { root: doc.contents, lines } }, diagnostics: [] }
}

/** Builds the plain JS value while checking every node; collects all problems of the document. */
class Walker {
  readonly diagnostics: Diagnostic[] = []
  private dropped = 0

  constructor(private readonly limits: LoadLimits, private readonly at: AtOffset, private readonly text: string) {}

  private report(code: string, message: string, node: { range?: readonly number[] | null } | null, p: YamlPath): void {
    if (this.diagnostics.length >= this.limits.maxDiagnostics) { this.dropped++; return }
    const offset = node?.range?.[0] ?? 0
    this.diagnostics.push(error(code, message, { ...this.at(offset), ...(p.length > 0 ? { key: formatPath(p) } : {}) }))
  }

  finish(): Diagnostic[] {
    if (this.dropped === 0) return this.diagnostics
    const last = this.diagnostics[this.diagnostics.length - 1]
    return [...this.diagnostics, error('yaml.too_many_errors', `${this.dropped} more problems in this document not shown`, { ...(last?.file === undefined ? {} : { file: last.file }) })]
  }

  /** `keyNode`: the key a map value sits under; problems with the value are reported there (a tag hides the value's start). */
  node(n: unknown, p: YamlPath, depth: number, keyNode?: Node | null): unknown {
    if (n === null || n === undefined) return null
    const here = (keyNode ?? n) as Node
    if (depth > this.limits.maxDepth) {
      this.report('yaml.too_large', `YAML nests deeper than ${this.limits.maxDepth} levels`, here, p)
      return null
    }
    if (isAlias(n)) {
      this.report('yaml.alias', `YAML aliases (*${n.source}) are not allowed in Sigma documents`, here, p)
      return null
    }
    const tag = (n as Node).tag
    if (tag !== undefined && !HARMLESS_TAGS.has(tag)) {
      this.report('yaml.tag', `YAML tag ${tag.startsWith(CORE) ? '!!' + tag.slice(CORE.length) : tag} is not allowed in Sigma documents`, here, p)
      return null
    }
    if (isScalar(n)) {
      const v = n.value
      if (typeof v === 'string' && v.length > this.limits.maxStringLength) {
        this.report('yaml.too_large', `string longer than ${this.limits.maxStringLength} characters`, here, p)
        return null
      }
      if (n.type === 'PLAIN' && n.tag === undefined && n.range) {
        // Read plain scalars as PyYAML (YAML 1.1) does, like pySigma: see yaml-compat.ts.
        if (typeof v === 'number') return compatNumber(this.text.slice(n.range[0], n.range[1]))
        if (typeof v === 'string') return compatString(v)
      }
      return v === undefined ? null : v
    }
    if (isSeq(n)) {
      if (n.items.length > this.limits.maxListItems) {
        this.report('yaml.too_large', `list has ${n.items.length} items, more than the limit of ${this.limits.maxListItems}`, here, p)
        return null
      }
      return n.items.map((item, i) => this.node(item, [...p, i], depth + 1))
    }
    if (isMap(n)) {
      if (n.items.length > this.limits.maxMapKeys) {
        this.report('yaml.too_large', `map has ${n.items.length} keys, more than the limit of ${this.limits.maxMapKeys}`, here, p)
        return null
      }
      const out: Record<string, unknown> = {}
      const seen = new Set<string>()
      for (const pair of n.items) {
        const keyNode = pair.key as Node | null
        const key = isScalar(keyNode) ? String(keyNode.value ?? '') : ''
        const kp = [...p, key]
        if (RESERVED_KEYS.has(key)) {
          this.report('yaml.reserved_key', `key '${key}' is reserved and not allowed`, keyNode, kp)
          continue
        }
        if (seen.has(key)) {
          this.report('yaml.duplicate_key', `duplicate key '${key}'`, keyNode, kp)
          continue
        }
        seen.add(key)
        out[key] = this.node(pair.value, kp, depth + 1, keyNode)
      }
      return out
    }
    this.report('yaml.syntax', 'unsupported YAML node', n as Node, p)
    return null
  }
}
