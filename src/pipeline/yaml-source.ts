/**
 * Pipeline YAML → plain data, remembering where every mapping key and list element was written so
 * configuration errors can point at them. YAML 1.1 like PyYAML (`yes`/`no` are booleans).
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Tags } from 'yaml'
import { error, type Diagnostic } from '../diagnostics.js'
import { NULL_KEY } from './types.js'

export interface Pos {
  readonly line: number
  readonly column: number
}

/** Position of a container (key undefined) or of one of its keys / elements. */
export type PosLookup = (container: object, key?: string | number) => Pos | undefined

export const noPositions: PosLookup = () => undefined

/** PyYAML's YAML 1.1 booleans: unlike the `yaml` package, `y`/`n` stay strings. */
const PY_BOOL: Readonly<Record<string, RegExp>> = {
  true: /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/,
  false: /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/,
}

const pyYamlTags = (tags: Tags): Tags =>
  tags.map((t) => {
    if (typeof t === 'object' && 'tag' in t && t.tag === 'tag:yaml.org,2002:bool' && t.test) {
      const probe = t.test.test('true') ? PY_BOOL.true : PY_BOOL.false
      return { ...t, test: probe } as typeof t
    }
    return t
  })

interface Where {
  self?: Pos
  keys: Map<string | number, Pos>
}

const MAX_DEPTH = 64
/** Caps alias expansion (a billion-laughs document would otherwise explode here). */
const MAX_NODES = 200_000

export function parsePipelineYaml(text: string, file?: string): { value?: unknown; pos: PosLookup; diagnostics: Diagnostic[] } {
  const lc = new LineCounter()
  const at = (file ? { file } : {}) as { file?: string }
  let doc: Document
  try {
    doc = parseDocument(text, { version: '1.1', merge: false, lineCounter: lc, prettyErrors: false, logLevel: 'error', customTags: pyYamlTags })
  } catch (e) {
    return { pos: noPositions, diagnostics: [error('yaml.invalid', e instanceof Error ? e.message : String(e), at)] }
  }
  const problems = [...doc.errors, ...doc.warnings]
  if (problems.length) {
    const diagnostics = problems.map((e) => {
      const p = lc.linePos(e.pos[0])
      return error(`yaml.${e.code.toLowerCase()}`, e.message.split('\n')[0] ?? e.message, { ...at, line: p.line, column: p.col })
    })
    return { pos: noPositions, diagnostics }
  }
  const where = new WeakMap<object, Where>()
  const posOf = (n: Node | null | undefined): Pos | undefined => {
    const o = n?.range?.[0]
    if (o === undefined) return undefined
    const p = lc.linePos(o)
    return { line: p.line, column: p.col }
  }
  let budget = MAX_NODES
  const conv = (n: unknown, depth: number): unknown => {
    if (depth > MAX_DEPTH) throw new Error('pipeline YAML nested too deeply')
    if (--budget < 0) throw new Error('pipeline YAML too large (alias expansion)')
    if (isAlias(n)) return conv(n.resolve(doc), depth + 1)
    if (isScalar(n)) {
      const v = n.value
      return v instanceof Date ? v.toISOString().slice(0, 10) : v
    }
    if (isSeq(n)) {
      const out: unknown[] = []
      const w: Where = { keys: new Map() }
      const sp = posOf(n)
      if (sp) w.self = sp
      n.items.forEach((x, i) => {
        out.push(conv(x, depth + 1))
        const p = posOf(x as Node)
        if (p) w.keys.set(i, p)
      })
      where.set(out, w)
      return out
    }
    if (isMap(n)) {
      const out: Record<string, unknown> = {}
      const w: Where = { keys: new Map() }
      const sp = posOf(n)
      if (sp) w.self = sp
      for (const pair of n.items) {
        const kn = pair.key
        const kv = isScalar(kn) ? kn.value : conv(kn, depth + 1)
        const key = kv === null || kv === undefined ? NULL_KEY : typeof kv === 'string' ? kv : String(kv)
        // defineProperty: a `__proto__` key stays an own property and cannot touch the prototype
        Object.defineProperty(out, key, { value: conv(pair.value, depth + 1), enumerable: true, writable: true, configurable: true })
        const p = posOf(kn as Node)
        if (p) w.keys.set(key, p)
      }
      where.set(out, w)
      return out
    }
    return null
  }
  try {
    const value = conv(doc.contents, 0)
    const pos: PosLookup = (c, k) => {
      const w = where.get(c)
      return k === undefined ? w?.self : (w?.keys.get(k) ?? w?.self)
    }
    return { value, pos, diagnostics: [] }
  } catch (e) {
    return { pos: noPositions, diagnostics: [error('yaml.invalid', e instanceof Error ? e.message : String(e), at)] }
  }
}
