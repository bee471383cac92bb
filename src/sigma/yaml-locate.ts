/** Position lookup: a key path → line/column of the YAML node it came from. */
import { isMap, isScalar, isSeq } from 'yaml'
import type { Node, Scalar } from 'yaml'
import type { YamlPath } from './yaml-path.js'
import type { YamlSource } from './yaml.js'

export interface Located {
  readonly line: number
  readonly column: number
  /** False when only a prefix of the path exists (the position is then that of the deepest node found). */
  readonly exact: boolean
}

interface Found { node: Node | null; keyNode: Node | null; depth: number }

function walk(root: Node | null, path: YamlPath): Found {
  let node: Node | null = root
  let keyNode: Node | null = null
  let depth = 0
  for (const seg of path) {
    if (typeof seg === 'number' && isSeq(node)) {
      const item = node.items[seg] as Node | undefined
      if (item === undefined) break
      keyNode = item
      node = item
    } else if (typeof seg === 'string' && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value ?? '') === seg)
      if (pair === undefined) break
      keyNode = pair.key as Node
      node = pair.value as Node | null
    } else break
    depth++
  }
  return { node, keyNode, depth }
}

const rangeStart = (n: Node | null): number | undefined => n?.range?.[0]

/**
 * Where `path` is in the first source that has it; `part` picks the key (default) or the value node.
 * Several sources serve merged collection documents: the first holds the winning values.
 */
export function locate(sources: readonly YamlSource[], path: YamlPath, part: 'key' | 'value' = 'key'): Located | undefined {
  // The fast path's index answers exact lookups in single-document sources; anything else asks the full parse.
  const only = sources.length === 1 ? sources[0] : undefined
  const quick = only?.index?.locate(path, part)
  if (quick !== undefined) return { line: quick.line, column: quick.column, exact: true }
  let best: { found: Found; source: YamlSource } | undefined
  for (const source of sources) {
    const found = walk(source.root, path)
    if (best === undefined || found.depth > best.found.depth) best = { found, source }
    if (found.depth === path.length) break
  }
  if (best === undefined) return undefined
  const { found, source } = best
  const exact = found.depth === path.length
  const node = exact && part === 'value' ? found.node ?? found.keyNode : found.keyNode ?? found.node
  const offset = rangeStart(node) ?? rangeStart(source.root)
  if (offset === undefined) return undefined
  const p = source.lines.linePos(offset)
  return { line: p.line, column: p.col, exact }
}

export interface ScalarLocation {
  readonly line: number
  readonly column: number
  /** True when offsets inside the string map 1:1 onto source columns (single-line plain or quoted scalar). */
  readonly inline: boolean
}

/** Position of a string scalar's first content character, for translating offsets inside it (conditions). */
export function locateScalar(sources: readonly YamlSource[], path: YamlPath): ScalarLocation | undefined {
  for (const source of sources) {
    const found = walk(source.root, path)
    if (found.depth !== path.length || !isScalar(found.node)) continue
    const scalar = found.node as Scalar
    const [start, end] = scalar.range ?? [0, 0]
    const a = source.lines.linePos(start)
    const b = source.lines.linePos(Math.max(start, end - 1))
    const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE'
    // Escapes (`''`, `\t`) shift offsets: then only the scalar start is reliable.
    const sameLength = end - start - (quoted ? 2 : 0) === String(scalar.value).length
    const inline = (scalar.type === 'PLAIN' || quoted) && a.line === b.line && sameLength
    return { line: a.line, column: a.col + (quoted ? 1 : 0), inline }
  }
  return undefined
}
