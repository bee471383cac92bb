/**
 * Building blocks for transformations (pySigma transformations/base.py), exported so backends
 * can register their own types with `registerTransformation`.
 */
import type { DetectionItem } from '../../ir/rule.js'
import type { Value } from '../../ir/value.js'
import { matchDetectionItem } from '../conditions/match.js'
import type { Doc, TransformContext, Transformation } from '../types.js'
import { DROP, mapRuleDetections, markResult, type ItemResult } from '../walk.js'

export const markRule = (cx: TransformContext): void => {
  cx.run.ruleApplied.add(cx.item.id)
}

/** A transformation of the whole document; the item is recorded as applied to the rule first. */
export function ruleTransform(type: string, f: (doc: Doc, cx: TransformContext) => Doc): Transformation {
  return {
    type,
    apply: (doc, cx) => {
      markRule(cx)
      return f(doc, cx)
    },
  }
}

/** Rewrites the detection items matching the item's detection-item and field-name conditions. */
export function applyToItems(doc: Doc, cx: TransformContext, f: (di: DetectionItem) => ItemResult): Doc {
  if (doc.kind !== 'rule') return doc
  return mapRuleDetections(doc, (di) => {
    if (!matchDetectionItem(cx.item, di, cx.run)) return null
    const r = f(di)
    return r === null || r === DROP ? r : markResult(r, cx.item.id)
  })
}

/** pySigma DetectionItemTransformation. */
export function itemTransform(type: string, f: (di: DetectionItem, cx: TransformContext) => ItemResult): Transformation {
  return ruleTransform(type, (doc, cx) => applyToItems(doc, cx, (di) => f(di, cx)))
}

/** Result of a value function: null keeps the value, an array replaces it by several (or none). */
export type ValueResult = Value | readonly Value[] | null

/** pySigma ValueTransformation: `f` runs on every top-level value of matching items. */
export function valueTransform(type: string, f: (field: string | null, v: Value, cx: TransformContext) => ValueResult): Transformation {
  return itemTransform(type, (di, cx) => {
    let modified = false
    const values: Value[] = []
    for (const v of di.values) {
      const r = f(di.field, v, cx)
      if (r === null) values.push(v)
      else {
        modified = true
        if (Array.isArray(r)) values.push(...(r as readonly Value[]))
        else values.push(r as Value)
      }
    }
    return modified ? { ...di, values } : null
  })
}
