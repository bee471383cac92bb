/** Rule conditions (`rule_conditions`), pySigma sigma/processing/conditions/rule.py + state.py. */
import type { DetectionItem, Level, Status } from '../../ir/rule.js'
import type { Value } from '../../ir/value.js'
import { fail as failWith } from '../../diagnostics.js'
import { ConfigError, checkKeys, optStr, reqStr, type Params } from '../params.js'
import type { Doc, RuleCondition, RunState } from '../types.js'
import { partsEqual, sigmaType } from '../values.js'
import { ruleItems } from '../walk.js'

type Factory<C> = (p: Params) => C

export const logsource: Factory<RuleCondition> = (p) => {
  checkKeys(p, ['category', 'product', 'service'], 'logsource condition')
  const want = {
    category: optStr(p, 'category', 'logsource condition'),
    product: optStr(p, 'product', 'logsource condition'),
    service: optStr(p, 'service', 'logsource condition'),
  }
  const match = (doc: Doc, run: RunState, seen: Set<Doc>): boolean => {
    if (doc.kind === 'rule') {
      const ls = doc.logsource
      return (
        (want.category === undefined || want.category === ls.category) &&
        (want.product === undefined || want.product === ls.product) &&
        (want.service === undefined || want.service === ls.service)
      )
    }
    // A correlation matches when any referenced rule does (needs the caller's resolver).
    seen.add(doc)
    return doc.rules.some((ref) => {
      const r = run.env.resolveRule?.(ref)
      return r !== undefined && !seen.has(r) && match(r, run, seen)
    })
  }
  return { type: 'logsource', match: (doc, run) => match(doc, run, new Set()) }
}

const itemValues = (field: string | null, value: unknown, what: string): { field: string | null; value: Value } => {
  const v = sigmaType(value)
  if (v === undefined) throw new ConfigError(`${what}: unsupported value type`, 'value')
  return { field, value: v }
}

/** pySigma: `sigma_value in [v for v in item.value if isinstance(sigma_value, type(v))]`. */
export function valueIn(want: Value, values: readonly Value[]): boolean {
  return values.some((v) => {
    if (v.type !== want.type) return false
    switch (want.type) {
      case 'str':
        return v.type === 'str' && !v.cased && partsEqual(v.parts, want.parts)
      case 'num':
        return v.type === 'num' && v.value === want.value
      case 'bool':
        return v.type === 'bool' && v.value === want.value
      case 'null':
        return true
      default:
        return false
    }
  })
}

export const containsDetectionItem: Factory<RuleCondition> = (p) => {
  checkKeys(p, ['field', 'value'], 'contains_detection_item condition')
  if (!('value' in p)) throw new ConfigError("contains_detection_item condition requires parameter 'value'", 'value')
  const { field, value } = itemValues(optStr(p, 'field', 'contains_detection_item condition') ?? null, p.value, 'contains_detection_item condition')
  const hit = (i: DetectionItem): boolean => i.field !== null && i.field === field && valueIn(value, i.values)
  return { type: 'contains_detection_item', match: (doc) => doc.kind === 'rule' && [...ruleItems(doc)].some(hit) }
}

export const containsField: Factory<RuleCondition> = (p) => {
  checkKeys(p, ['field'], 'contains_field condition')
  const field = optStr(p, 'field', 'contains_field condition') ?? null
  return {
    type: 'contains_field',
    match: (doc) => doc.kind === 'rule' && [...ruleItems(doc)].some((i) => i.field !== null && i.field === field),
  }
}

export const ruleItemApplied: Factory<RuleCondition> = (p) => {
  checkKeys(p, ['processing_item_id'], 'processing_item_applied condition')
  const id = reqStr(p, 'processing_item_id', 'processing_item_applied condition')
  return { type: 'processing_item_applied', match: (_doc, run) => run.ruleApplied.has(id) }
}

export const isSigmaRule: Factory<RuleCondition> = (p) => {
  checkKeys(p, [], 'is_sigma_rule condition')
  return { type: 'is_sigma_rule', match: (doc) => doc.kind === 'rule' }
}

export const isSigmaCorrelation: Factory<RuleCondition> = (p) => {
  checkKeys(p, [], 'is_sigma_correlation_rule condition')
  return { type: 'is_sigma_correlation_rule', match: (doc) => doc.kind === 'correlation' }
}

export const tag: Factory<RuleCondition> = (p) => {
  checkKeys(p, ['tag'], 'tag condition')
  const t = reqStr(p, 'tag', 'tag condition')
  if (!t.includes('.')) throw new ConfigError('Sigma tag must start with namespace separated with dot from remaining tag.', 'tag')
  return { type: 'tag', match: (doc) => doc.tags.includes(t) }
}

const LEVELS: readonly Level[] = ['informational', 'low', 'medium', 'high', 'critical']
const STATUSES: readonly Status[] = ['unsupported', 'deprecated', 'experimental', 'test', 'stable']
const OPS = ['eq', 'ne', 'gte', 'gt', 'lte', 'lt'] as const
type Op = (typeof OPS)[number]

export function compare(a: number | string, b: number | string, op: Op): boolean {
  switch (op) {
    case 'eq':
      return a === b
    case 'ne':
      return a !== b
    case 'gte':
      return a >= b
    case 'gt':
      return a > b
    case 'lte':
      return a <= b
    case 'lt':
      return a < b
  }
}

const LIST_ATTRS = ['references', 'tags', 'falsepositives', 'fields', 'scope']
const STR_ATTRS = ['title', 'id', 'name', 'description', 'license', 'author', 'taxonomy']

export const ruleAttribute: Factory<RuleCondition> = (p) => {
  const what = 'rule_attribute condition'
  checkKeys(p, ['attribute', 'value', 'op'], what)
  const attribute = reqStr(p, 'attribute', what)
  const value = p.value
  if (typeof value !== 'string' && typeof value !== 'number') throw new ConfigError(`${what}: 'value' must be a string or number`, 'value')
  const op = (p.op ?? 'eq') as string
  if (!(OPS as readonly string[]).includes(op) && op !== 'in' && op !== 'not_in')
    throw new ConfigError(`Invalid operation '${op}' in rule attribute condition.`, 'op')
  const bad = (msg: string): never => failWith('pipeline.condition', `${msg} in rule attribute condition (attribute '${attribute}')`)
  const match = (doc: Doc): boolean => {
    const builtin = LIST_ATTRS.includes(attribute) || STR_ATTRS.includes(attribute) || ['date', 'modified', 'level', 'status'].includes(attribute)
    const raw: unknown = builtin ? (doc as unknown as Record<string, unknown>)[attribute] : doc.custom[attribute]
    if (!builtin && !(attribute in doc.custom)) return false
    if (Array.isArray(raw)) {
      if (op === 'in') return raw.includes(value)
      if (op === 'not_in') return !raw.includes(value)
      return op === 'ne'
    }
    if (op === 'in' || op === 'not_in') return bad(`Invalid operation '${op}' for non-list comparison`)
    const o = op as Op
    if (attribute === 'level' && typeof raw === 'string') {
      const want = LEVELS.indexOf(String(value).toLowerCase() as Level)
      if (want < 0) return bad(`Invalid Sigma severity level '${value}'`)
      return compare(LEVELS.indexOf(raw as Level), want, o)
    }
    if (attribute === 'status' && typeof raw === 'string') {
      const want = STATUSES.indexOf(String(value).toLowerCase() as Status)
      if (want < 0) return bad(`Invalid Sigma status '${value}'`)
      return compare(STATUSES.indexOf(raw as Status), want, o)
    }
    if ((attribute === 'date' || attribute === 'modified') && typeof raw === 'string') {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return bad(`Invalid date format '${value}'`)
      return compare(raw.replace(/\//g, '-'), value, o)
    }
    if (typeof raw === 'string') {
      if (o === 'eq') return raw === value
      if (o === 'ne') return raw !== value
      return bad(`Invalid operation '${op}' for string comparison`)
    }
    if (typeof raw === 'number') {
      const n = Number(value)
      if (Number.isNaN(n)) return bad(`Invalid number format '${value}'`)
      return compare(raw, n, o)
    }
    return bad(`Unsupported type '${raw === undefined || raw === null ? 'NoneType' : typeof raw}'`)
  }
  return { type: 'rule_attribute', match }
}

/** Python-ish equality for state values (lists and maps compared structurally). */
export function pyEq(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEq(x, b[i]))
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    return ka.length === kb.length && ka.every((k) => pyEq((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  }
  return a === b
}

export function stateMatcher(p: Params, what: string): (run: RunState) => boolean {
  checkKeys(p, ['key', 'val', 'op'], what)
  const key = reqStr(p, 'key', what)
  if (!('val' in p)) throw new ConfigError(`${what} requires parameter 'val'`, 'val')
  const val = p.val
  const op = (p.op ?? 'eq') as string
  if (!(OPS as readonly string[]).includes(op)) throw new ConfigError(`Invalid operation '${op}' in ${what}.`, 'op')
  return (run) => {
    if (!(key in run.state)) return false
    const s = run.state[key]
    if (op === 'eq') return pyEq(s, val)
    if (op === 'ne') return !pyEq(s, val)
    if ((typeof s === 'number' && typeof val === 'number') || (typeof s === 'string' && typeof val === 'string'))
      return compare(s, val, op as Op)
    return failWith('pipeline.condition', `processing_state: cannot compare state '${key}' with '${String(val)}' using ${op}`)
  }
}

export const ruleState: Factory<RuleCondition> = (p) => {
  const m = stateMatcher(p, 'processing_state condition')
  return { type: 'processing_state', match: (_doc, run) => m(run) }
}

export const RULE_CONDITIONS: Readonly<Record<string, Factory<RuleCondition>>> = {
  logsource,
  contains_detection_item: containsDetectionItem,
  contains_field: containsField,
  processing_item_applied: ruleItemApplied,
  processing_state: ruleState,
  is_sigma_rule: isSigmaRule,
  is_sigma_correlation_rule: isSigmaCorrelation,
  rule_attribute: ruleAttribute,
  tag,
}
