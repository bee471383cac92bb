/** Immutable traversal and rewriting of detection trees. */
import type { Detection, DetectionItem, SigmaRule } from '../ir/rule.js'

export const DROP = Symbol('drop')
export type ItemResult = DetectionItem | Detection | null | typeof DROP

export function* itemsOf(d: Detection): Generator<DetectionItem> {
  for (const x of d.items) {
    if (x.kind === 'item') yield x
    else yield* itemsOf(x)
  }
}

export function* ruleItems(rule: SigmaRule): Generator<DetectionItem> {
  for (const d of Object.values(rule.detections)) yield* itemsOf(d)
}

/**
 * Rewrites every detection item: `null` keeps it, DROP removes it, anything else replaces it.
 * Unchanged subtrees keep their identity.
 */
export function mapDetection(d: Detection, f: (item: DetectionItem) => ItemResult): Detection {
  let changed = false
  const items: (DetectionItem | Detection)[] = []
  for (const x of d.items) {
    if (x.kind === 'detection') {
      const y = mapDetection(x, f)
      if (y !== x) changed = true
      items.push(y)
      continue
    }
    const r = f(x)
    if (r === null) items.push(x)
    else {
      changed = true
      if (r !== DROP) items.push(r)
    }
  }
  return changed ? { ...d, items } : d
}

export function mapRuleDetections(rule: SigmaRule, f: (item: DetectionItem) => ItemResult): SigmaRule {
  let changed = false
  const detections: Record<string, Detection> = {}
  for (const [name, d] of Object.entries(rule.detections)) {
    const y = mapDetection(d, f)
    if (y !== d) changed = true
    detections[name] = y
  }
  return changed ? { ...rule, detections } : rule
}

const addId = (applied: readonly string[], id: string): readonly string[] => (applied.includes(id) ? applied : [...applied, id])

export const markItem = (item: DetectionItem, id: string): DetectionItem => ({ ...item, applied: addId(item.applied, id) })

/** pySigma propagates a detection's applied marks to every contained item. */
export function markDetection(d: Detection, id: string): Detection {
  return { ...d, items: d.items.map((x) => (x.kind === 'item' ? markItem(x, id) : markDetection(x, id))) }
}

export const markResult = (r: DetectionItem | Detection, id: string): DetectionItem | Detection =>
  r.kind === 'item' ? markItem(r, id) : markDetection(r, id)
