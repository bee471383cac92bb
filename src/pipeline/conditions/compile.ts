/** Compiles `<kind>_conditions` / `_cond_op` / `_cond_not` / `_cond_expr` of an item definition. */
import { ConfigError, isRecord, type Params } from '../params.js'
import type { CondSet, DetectionItemCondition, FieldNameCondition, RuleCondition } from '../types.js'
import { CondExprError, exprIds, parseCondExpr } from './expr.js'
import { DETECTION_ITEM_CONDITIONS, FIELD_NAME_CONDITIONS } from './item.js'
import { RULE_CONDITIONS } from './rule.js'

type Kind = 'rule' | 'detection_item' | 'field_name'

export const CONDITION_KEYS: readonly string[] = (['rule', 'detection_item', 'field_name'] as const).flatMap((k) => [
  `${k}_conditions`,
  `${k}_cond_op`,
  `${k}_cond_not`,
  `${k}_cond_expr`,
])

const LABEL: Readonly<Record<Kind, string>> = { rule: 'Rule condition', detection_item: 'Detection item condition', field_name: 'Field name condition' }

function compileSet<C>(def: Params, kind: Kind, registry: Readonly<Record<string, (p: Params) => C>>): CondSet<C> {
  const condKey = `${kind}_conditions`
  const raw = def[condKey] ?? []
  const one = (d: unknown, ref: string): C => {
    if (!isRecord(d)) throw new ConfigError(`${LABEL[kind]} ${ref} must be a mapping`, condKey)
    const { type, ...params } = d
    if (type === undefined) throw new ConfigError(`Missing condition type defined in condition ${ref}`, condKey)
    const f = typeof type === 'string' ? registry[type] : undefined
    if (!f) throw new ConfigError(`Unknown condition type '${String(type)}' in condition ${ref}`, condKey)
    try {
      return f(params)
    } catch (e) {
      if (e instanceof ConfigError) throw new ConfigError(`Error in condition ${ref}: ${e.message}`, condKey)
      throw e
    }
  }
  const opRaw = def[`${kind}_cond_op`]
  if (opRaw !== undefined && opRaw !== null && opRaw !== 'and' && opRaw !== 'or')
    throw new ConfigError(`${kind}_cond_op must be 'and' or 'or'`, `${kind}_cond_op`)
  const notRaw = def[`${kind}_cond_not`] ?? false
  if (typeof notRaw !== 'boolean') throw new ConfigError(`${kind}_cond_not must be a boolean`, `${kind}_cond_not`)
  const exprRaw = def[`${kind}_cond_expr`]
  if (exprRaw !== undefined && exprRaw !== null) {
    const exprKey = `${kind}_cond_expr`
    if (typeof exprRaw !== 'string') throw new ConfigError(`${exprKey} must be a string`, exprKey)
    if (opRaw !== undefined && opRaw !== null) throw new ConfigError(`${LABEL[kind]} expression is mutually exclusive to linking.`, exprKey)
    if (!isRecord(raw))
      throw new ConfigError(`${LABEL[kind]}s must be provided as mapping from identifiers to conditions if condition expression is provided.`, condKey)
    let expr
    try {
      expr = parseCondExpr(exprRaw)
    } catch (e) {
      if (e instanceof CondExprError) throw new ConfigError(`Error parsing condition expression: ${e.message} (column ${e.column})`, exprKey)
      throw e
    }
    const conds = Object.fromEntries(Object.entries(raw).map(([k, d]) => [k, one(d, k)]))
    const ids = exprIds(expr)
    for (const id of ids) if (!(id in conds)) throw new ConfigError(`Condition identifier '${id}' not found.`, exprKey)
    const unused = Object.keys(conds).filter((k) => !ids.has(k))
    if (unused.length) throw new ConfigError(`${LABEL[kind]} contains unreferenced condition items: ${unused.join(', ')}`, exprKey)
    return { kind: 'expr', expr, not: notRaw, conds }
  }
  let list: C[]
  if (Array.isArray(raw)) list = raw.map((d: unknown, i) => one(d, String(i + 1)))
  else if (isRecord(raw)) list = Object.entries(raw).map(([k, d]) => one(d, k))
  else throw new ConfigError(`${LABEL[kind]}s must be provided as list or dict`, condKey)
  return { kind: 'list', op: opRaw === 'or' ? 'or' : 'and', not: notRaw, conds: list }
}

export interface CondSets {
  readonly rule: CondSet<RuleCondition>
  readonly detection_item: CondSet<DetectionItemCondition>
  readonly field_name: CondSet<FieldNameCondition>
}

const EMPTY = { kind: 'list', op: 'and', not: false, conds: [] } as const

export function compileCondSets(def: Params, kinds: readonly Kind[]): CondSets {
  return {
    rule: kinds.includes('rule') ? compileSet(def, 'rule', RULE_CONDITIONS) : EMPTY,
    detection_item: kinds.includes('detection_item') ? compileSet(def, 'detection_item', DETECTION_ITEM_CONDITIONS) : EMPTY,
    field_name: kinds.includes('field_name') ? compileSet(def, 'field_name', FIELD_NAME_CONDITIONS) : EMPTY,
  }
}
