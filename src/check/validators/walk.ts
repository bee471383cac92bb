/** Traversal helpers for validators: every detection item of a rule, every string value of an item. */
import type { Detection, DetectionItem, SigmaRule } from '../../ir/rule.js'
import type { StrValue, Value } from '../../ir/value.js'

export interface ItemAt {
  readonly item: DetectionItem
  /** The search identifier it belongs to. */
  readonly detection: string
}

function collect(d: Detection, name: string, out: ItemAt[]): void {
  for (const x of d.items) {
    if (x.kind === 'item') out.push({ item: x, detection: name })
    else collect(x, name, out)
  }
}

export function detectionItems(rule: SigmaRule): ItemAt[] {
  const out: ItemAt[] = []
  for (const [name, d] of Object.entries(rule.detections)) collect(d, name, out)
  return out
}

/** String values, including the alternatives of windash/base64offset expansions. */
export function strings(values: readonly Value[]): StrValue[] {
  return values.flatMap((v) => (v.type === 'str' ? [v] : v.type === 'expansion' ? strings(v.values) : []))
}

export const literalParts = (v: StrValue): string[] => v.parts.filter((p): p is string => typeof p === 'string')

/** The value as Sigma text (`*` and `?` for wildcards), for messages. */
export const sigmaText = (v: StrValue): string =>
  v.parts.map((p) => (typeof p === 'string' ? p.replace(/[*?\\]/g, '\\$&') : 'special' in p ? (p.special === 'any' ? '*' : '?') : `%${p.placeholder}%`)).join('')

export const fieldLabel = (i: DetectionItem): string => (i.field === null ? 'keywords' : `'${i.field}'`)
