/** Evaluating an item's condition sets exactly as pySigma's ProcessingItem does. */
import type { DetectionItem } from '../../ir/rule.js'
import type { Value } from '../../ir/value.js'
import type { CondSet, Doc, ProcessingItem, RunState } from '../types.js'
import { evalCondExpr } from './expr.js'

function evalSet<C>(set: CondSet<C>, test: (c: C) => boolean): boolean {
  let r: boolean
  if (set.kind === 'expr') {
    r = evalCondExpr(set.expr, (name) => {
      const c = set.conds[name]
      return c !== undefined && test(c)
    })
  } else r = set.op === 'and' ? set.conds.every(test) : set.conds.some(test)
  return set.not ? !r : r
}

const isEmpty = <C>(set: CondSet<C>): boolean => (set.kind === 'list' ? set.conds.length === 0 : Object.keys(set.conds).length === 0)

/** Rule conditions; an item without any always applies (even when `rule_cond_not` is set). */
export function matchRule(item: Pick<ProcessingItem, 'ruleConditions'>, doc: Doc, run: RunState): boolean {
  return isEmpty(item.ruleConditions) || evalSet(item.ruleConditions, (c) => c.match(doc, run))
}

export function matchDetectionItem(item: ProcessingItem, di: DetectionItem, run: RunState): boolean {
  return (
    evalSet(item.detectionItemConditions, (c) => c.match(di, run)) &&
    evalSet(item.fieldNameConditions, (c) => c.matchItem(di, run))
  )
}

export function matchFieldName(item: ProcessingItem, field: string | null, run: RunState): boolean {
  return evalSet(item.fieldNameConditions, (c) => c.matchField(field, run))
}

/** Field-reference values: only fieldref values can match (pySigma `match_field_in_value`). */
export function matchFieldInValue(item: ProcessingItem, v: Value, run: RunState): boolean {
  if (v.type !== 'fieldref') return false
  const set = item.fieldNameConditions
  if (set.kind === 'expr') return evalSet(set, (c) => c.matchField(v.field, run))
  return evalSet(set, (c) => c.matchValue(v, run))
}
