/**
 * The fast path of parseYaml for ordinary rule files (most of a rule set): js-yaml builds the value (≈10× faster
 * than `yaml`'s positioned parser) and yaml-index.ts scans the positions. It gives exactly what the full path gives
 * or declines (returns undefined), and the caller then runs the full `yaml` path, which reports every error with
 * its position. Declined: anything js-yaml rejects, anything the index cannot scan (flow collections, anchors,
 * aliases, tags, several documents, tabs, plain keys that read as null/booleans/numbers), values over the limits,
 * reserved keys, and a value whose shape differs from the index (keys in order, list lengths). Positions the index cannot give (rare:
 * diagnostics inside block scalars, condition offsets) come from a lazy full parse of the same text.
 * test/sigma-load/fast-path.test.ts proves value and positions identical to the full path over the corpus.
 */
import { FAILSAFE_SCHEMA, Type, loadAll } from 'js-yaml'
import type { LineCounter, Node } from 'yaml'
import { compatNumber, compatString } from './yaml-compat.js'
import { Unsupported, locateOffset, sameShape, scanYaml } from './yaml-index.js'
import type { PNode } from './yaml-index.js'
import type { YamlPath } from './yaml-path.js'
import type { LoadLimits, ParsedYaml, YamlSource } from './yaml.js'

/** First letters of the plain scalars some YAML reading turns into something else than the text (null, booleans, numbers). */
const SPECIAL_START = new Set([...'~+-.0123456789tTfFnNyYoO'].map((c) => c.charCodeAt(0)))

/** `yaml`'s YAML 1.2 core schema for plain scalars, then the PyYAML reading of yaml-compat.ts (as the full path's walk). */
export function plainScalar(src: string): unknown {
  if (src.length > 0 && !SPECIAL_START.has(src.charCodeAt(0))) return src
  if (/^(?:~|[Nn]ull|NULL)?$/.test(src)) return null
  if (/^(?:[Tt]rue|TRUE)$/.test(src)) return true
  if (/^(?:[Ff]alse|FALSE)$/.test(src)) return false
  const coreNumber =
    /^[-+]?[0-9]+$/.test(src) || /^0o[0-7]+$/.test(src) || /^0x[0-9a-fA-F]+$/.test(src) ||
    /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(src) ||
    /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(src) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(src)
  return coreNumber ? compatNumber(src) : compatString(src)
}

// Every plain scalar goes through plainScalar; quoted and block scalars stay strings (js-yaml resolves plain ones only).
const PLAIN = new Type('tag:sigmaport:plain', { kind: 'scalar', resolve: () => true, construct: (s) => plainScalar(String(s)) })
const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [PLAIN] })

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** Within the limits, with ordinary keys only (else the full path reports what is wrong). */
function ordinary(v: unknown, limits: LoadLimits, depth: number): boolean {
  if (v === null || typeof v !== 'object') return typeof v !== 'string' || v.length <= limits.maxStringLength
  if (depth >= limits.maxDepth) return false
  if (Array.isArray(v)) return v.length <= limits.maxListItems && v.every((x) => ordinary(x, limits, depth + 1))
  const keys = Object.keys(v)
  return keys.length <= limits.maxMapKeys && keys.every((k) => !RESERVED_KEYS.has(k) && ordinary((v as Record<string, unknown>)[k], limits, depth + 1))
}

/** 1-based line and column of offsets, like yaml's LineCounter. */
function lineTable(text: string): (offset: number) => { line: number; col: number } {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return (offset) => {
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((starts[mid] as number) <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, col: offset - (starts[lo] as number) + 1 }
  }
}

/** A YamlSource answered from the index; `root` and `lines` come from a full parse made only when first asked for. */
export interface IndexedSource extends YamlSource {
  readonly index: {
    readonly root: PNode | null
    readonly locate: (path: YamlPath, part: 'key' | 'value') => { line: number; column: number } | undefined
  }
}

function indexedSource(root: PNode | null, text: string, full: () => YamlSource | undefined): IndexedSource {
  let pos: ((o: number) => { line: number; col: number }) | undefined
  return {
    index: {
      root,
      locate(path, part) {
        const o = locateOffset(root, path, part)
        if (o === undefined) return undefined
        pos ??= lineTable(text)
        const p = pos(o)
        return { line: p.line, column: p.col }
      },
    },
    get root(): Node | null {
      return full()?.root ?? null
    },
    get lines(): LineCounter {
      const s = full()
      if (s === undefined) throw new Error('no full parse of a text the fast path accepted')
      return s.lines
    },
  }
}

/** The fast parse, or undefined to use the full one. `full` runs the full parser (lazily, for rare positions). */
export function fastParseYaml(text: string, limits: LoadLimits, full: () => ParsedYaml): ParsedYaml | undefined {
  let root: PNode | null
  let values: unknown[]
  try {
    root = scanYaml(text, limits.maxDepth)
    values = loadAll(text, null, { schema: SCHEMA, maxDepth: limits.maxDepth + 2 })
  } catch (e) {
    // Unsupported, a YAMLException or anything else: the full path decides and reports.
    void (e instanceof Unsupported)
    return undefined
  }
  if (values.length > 1) return undefined
  const value = values.length === 0 ? null : values[0]
  if (!ordinary(value, limits, 0) || !sameShape(root, value)) return undefined
  if (values.length === 0) return { documents: [], diagnostics: [] }
  let parsed: ParsedYaml | undefined
  const source = indexedSource(root, text, () => (parsed ??= full()).documents[0]?.source)
  return { documents: [{ index: 0, value, source }], diagnostics: [] }
}
