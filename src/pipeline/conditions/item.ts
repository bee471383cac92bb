/** Detection-item and field-name conditions (pySigma conditions/values.py, fields.py, state.py). */
import type { DetectionItem } from '../../ir/rule.js'
import type { Value } from '../../ir/value.js'
import { ConfigError, checkKeys, optBool, reqStr, reqStrList, type Params } from '../params.js'
import { compilePy, pyMatch, PyRegexError } from '../pyregex.js'
import type { DetectionItemCondition, FieldNameCondition } from '../types.js'
import { hasWildcard, partsEqual, plain, sigmaStr } from '../values.js'
import { stateMatcher } from './rule.js'

type Factory<C> = (p: Params) => C

/** `cond: any|all` over the item's values. */
function valueCondition(type: string, p: Params, extra: readonly string[], m: (v: Value) => boolean): DetectionItemCondition {
  checkKeys(p, ['cond', ...extra], `${type} condition`)
  if (p.cond !== 'any' && p.cond !== 'all')
    throw new ConfigError(`The value '${String(p.cond)}' for the 'cond' parameter is invalid. It must be 'any' or 'all'.`, 'cond')
  const all = p.cond === 'all'
  return { type, match: (item) => (all ? item.values.every(m) : item.values.some(m)) }
}

function compile(pattern: string, key: string): RegExp {
  try {
    return compilePy(pattern)
  } catch (e) {
    throw new ConfigError(`Regular expression '${pattern}' is invalid: ${e instanceof PyRegexError ? e.message : String(e)}`, key)
  }
}

export const matchString: Factory<DetectionItemCondition> = (p) => {
  const re = compile(reqStr(p, 'pattern', 'match_string condition'), 'pattern')
  const negate = optBool(p, 'negate', 'match_string condition', false)
  return valueCondition('match_string', p, ['pattern', 'negate'], (v) => {
    const r = v.type === 'str' && pyMatch(re, plain(v)) !== null
    return negate ? !r : r
  })
}

/** pySigma `value == self.value`: strings compare parsed, numbers numerically, anything else never equal. */
export function valueEquals(v: Value, want: unknown): boolean {
  // pySigma: SigmaBool(True) == True, so `match_value: true` selects boolean items (ecs_windows Initiated → egress).
  if (v.type === 'bool') return typeof want === 'boolean' && v.value === want
  if (v.type === 'str') return typeof want === 'string' && partsEqual(v.parts, sigmaStr(want).parts)
  if (v.type === 'num') return (typeof want === 'number' || typeof want === 'boolean') && v.value === Number(want)
  return false
}

export const matchValue: Factory<DetectionItemCondition> = (p) => {
  if (!('value' in p)) throw new ConfigError("match_value condition requires parameter 'value'", 'value')
  const want = p.value
  return valueCondition('match_value', p, ['value'], (v) => valueEquals(v, want))
}

export const containsWildcard: Factory<DetectionItemCondition> = (p) =>
  valueCondition('contains_wildcard', p, [], (v) => v.type === 'str' && hasWildcard(v))

export const isNull: Factory<DetectionItemCondition> = (p) => valueCondition('is_null', p, [], (v) => v.type === 'null')

export const itemApplied: Factory<DetectionItemCondition> = (p) => {
  checkKeys(p, ['processing_item_id'], 'processing_item_applied condition')
  const id = reqStr(p, 'processing_item_id', 'processing_item_applied condition')
  return { type: 'processing_item_applied', match: (item) => item.applied.includes(id) }
}

export const itemState: Factory<DetectionItemCondition> = (p) => {
  const m = stateMatcher(p, 'processing_state condition')
  return { type: 'processing_state', match: (_item, run) => m(run) }
}

export const DETECTION_ITEM_CONDITIONS: Readonly<Record<string, Factory<DetectionItemCondition>>> = {
  match_string: matchString,
  match_value: matchValue,
  contains_wildcard: containsWildcard,
  is_null: isNull,
  processing_item_applied: itemApplied,
  processing_state: itemState,
}

/** Field-name condition from a field predicate, with pySigma's default item/value matching. */
function fieldCondition(type: string, matchField: FieldNameCondition['matchField']): FieldNameCondition {
  const matchValue: FieldNameCondition['matchValue'] = (v, run) => v.type === 'fieldref' && matchField(v.field, run)
  return {
    type,
    matchField,
    matchValue,
    matchItem: (item: DetectionItem, run) => matchField(item.field, run) || item.values.some((v) => matchValue(v, run)),
  }
}

function fieldsPredicate(p: Params, what: string): (field: string | null) => boolean {
  checkKeys(p, ['fields', 'mode'], what)
  const fields = reqStrList(p, 'fields', what)
  const mode = p.mode ?? 'plain'
  if (mode === 'plain') return (f) => f !== null && fields.includes(f)
  if (mode !== 're') throw new ConfigError(`Invalid field name matching mode '${String(mode)}', supported types are 'plain' or 're'.`, 'mode')
  const res = fields.map((f) => compile(f, 'fields'))
  return (f) => f !== null && res.some((re) => pyMatch(re, f) !== null)
}

export const includeFields: Factory<FieldNameCondition> = (p) => {
  const m = fieldsPredicate(p, 'include_fields condition')
  return fieldCondition('include_fields', (f) => m(f))
}

export const excludeFields: Factory<FieldNameCondition> = (p) => {
  const m = fieldsPredicate(p, 'exclude_fields condition')
  return fieldCondition('exclude_fields', (f) => !m(f))
}

export const fieldApplied: Factory<FieldNameCondition> = (p) => {
  checkKeys(p, ['processing_item_id'], 'processing_item_applied condition')
  const id = reqStr(p, 'processing_item_id', 'processing_item_applied condition')
  const c = fieldCondition('processing_item_applied', (f, run) => f !== null && (run.fieldApplied.get(f)?.has(id) ?? false))
  return { ...c, matchItem: (item) => item.applied.includes(id) }
}

export const fieldState: Factory<FieldNameCondition> = (p) => {
  const m = stateMatcher(p, 'processing_state condition')
  return fieldCondition('processing_state', (_f, run) => m(run))
}

export const FIELD_NAME_CONDITIONS: Readonly<Record<string, Factory<FieldNameCondition>>> = {
  include_fields: includeFields,
  exclude_fields: excludeFields,
  processing_item_applied: fieldApplied,
  processing_state: fieldState,
}

