/**
 * Rule → Expr: resolve each condition's identifiers into detection items (pySigma's condition postprocessing).
 * Single-argument and/or nodes that come from the condition text are kept (renderers unwrap them; pySigma keeps
 * them in the parent chain, which decides e.g. Splunk's regex form); detection-level ones collapse.
 */
import type { Condition } from '../ir/condition.js'
import type { Expr } from '../ir/expr.js'
import { assertNever } from '../ir/expr.js'
import type { Detection, DetectionItem, SigmaRule } from '../ir/rule.js'
import { expandSelector } from '../../grammars/condition/index.js'
import { fail } from '../diagnostics.js'

export function itemExpr(item: DetectionItem): Expr | null {
  const pos = item.pos
  const leaf = (value: DetectionItem['values'][number]): Expr =>
    item.field === null ? { kind: 'keyword', value, pos } : { kind: 'field', field: item.field, value, pos }
  let e: Expr
  if (item.values.length === 0) {
    if (item.field === null) return fail('detection.null_keyword', 'Null value must be bound to a field', pos ?? {})
    e = { kind: 'field', field: item.field, value: { type: 'null' }, pos }
  } else if (item.values.length === 1) {
    e = leaf(item.values[0] as DetectionItem['values'][number])
  } else {
    e = { kind: item.link, args: item.values.map(leaf) }
  }
  return item.negated ? { kind: 'not', arg: e } : e
}

export function detectionExpr(d: Detection): Expr | null {
  const args: Expr[] = []
  for (const it of d.items) {
    const e = it.kind === 'item' ? itemExpr(it) : detectionExpr(it)
    if (e !== null) args.push(e)
  }
  if (args.length === 0) return null
  if (args.length === 1) return args[0] as Expr
  return { kind: d.link, args }
}

export function conditionExpr(c: Condition, detections: Readonly<Record<string, Detection>>): Expr | null {
  switch (c.kind) {
    case 'and':
    case 'or': {
      const all = c.args.map((a) => conditionExpr(a, detections))
      const args = all.filter((a): a is Expr => a !== null)
      if (args.length === 0) return null
      return args.length < all.length && all.length > 1 ? { kind: c.kind, args, holes: true } : { kind: c.kind, args }
    }
    case 'not': {
      const arg = conditionExpr(c.arg, detections)
      return arg === null ? null : { kind: 'not', arg }
    }
    case 'ref': {
      const d = detections[c.name]
      if (d === undefined) return fail('condition.undefined_identifier', `Detection '${c.name}' not defined in detections`, { key: c.name })
      return detectionExpr(d)
    }
    case 'of': {
      const ids = expandSelector(c.pattern, Object.keys(detections))
      const args = ids.map((id) => detectionExpr(detections[id] as Detection)).filter((a): a is Expr => a !== null)
      return args.length === 0 ? null : { kind: c.quantifier === 'all' ? 'and' : 'or', args }
    }
    default:
      return assertNever(c)
  }
}

/** One Expr (or null when everything was dropped) per condition of the rule. */
export function ruleExprs(rule: SigmaRule): (Expr | null)[] {
  return rule.conditions.map((c) => conditionExpr(c, rule.detections))
}
