/** Small helpers to assemble pipelines in TypeScript from the core's condition and transformation factories. */
import type { CondSet, DetectionItemCondition, FieldNameCondition, Pipeline, ProcessingItem, RuleCondition, Transformation } from '../../../src/pipeline/types.js'
import { logsource, ruleState } from '../../../src/pipeline/conditions/rule.js'
import { includeFields, itemApplied } from '../../../src/pipeline/conditions/item.js'
import { transformationFactory } from '../../../src/pipeline/transforms/index.js'

const list = <C>(conds: readonly C[], not = false, op: 'and' | 'or' = 'and'): CondSet<C> => ({ kind: 'list', op, not, conds })

export interface ItemOptions {
  readonly rule?: readonly RuleCondition[]
  readonly ruleNot?: boolean
  readonly fields?: readonly string[]
  readonly notApplied?: string
}

export function item(id: string, transformation: Transformation, o: ItemOptions = {}): ProcessingItem {
  return {
    id,
    explicitId: true,
    transformation,
    ruleConditions: list(o.rule ?? [], o.ruleNot ?? false),
    detectionItemConditions: o.notApplied ? list<DetectionItemCondition>([itemApplied({ processing_item_id: o.notApplied })], true, 'or') : list<DetectionItemCondition>([]),
    fieldNameConditions: o.fields ? list<FieldNameCondition>([includeFields({ fields: [...o.fields] })]) : list<FieldNameCondition>([]),
  }
}

export const category = (c: string): RuleCondition => logsource({ category: c })
export const tableIs = (t: string): RuleCondition => ruleState({ key: 'query_table', val: t })

/** A core transformation by its pySigma YAML type name. */
export function builtin(type: string, params: Readonly<Record<string, unknown>> = {}): Transformation {
  const f = transformationFactory(type)
  if (!f) throw new Error(`missing core transformation '${type}'`)
  return f(params, {
    fail: (m) => {
      throw new Error(`${type}: ${m}`)
    },
    compileItem: () => {
      throw new Error('nested items are not used by the Kusto pipelines')
    },
  })
}

export function pipeline(name: string, items: readonly ProcessingItem[]): Pipeline {
  return { name, priority: 10, allowedBackends: ['kusto', 'sentinel', 'defender'], vars: {}, items, postprocessing: [], finalizers: [] }
}

/** pySigma's registry-key abbreviation rewrites (the CurrentControlSet one first, as pySigma orders them). */
export function registryKeyItems(prefix: string, fieldsFirst: readonly string[], fieldsRest: readonly string[]): ProcessingItem[] {
  const r = (id: string, regex: string, replacement: string, fields: readonly string[]): ProcessingItem =>
    item(`${prefix}_registry_key_replace_${id}`, builtin('replace_string', { regex, replacement }), { fields })
  return [
    r('currentcontrolset', '(?i)(^HKLM\\\\SYSTEM\\\\CurrentControlSet)', 'HKEY_LOCAL_MACHINE\\\\SYSTEM\\\\CurrentControlSet001', fieldsFirst),
    r('hklm', '(?i)(^HKLM)', 'HKEY_LOCAL_MACHINE', fieldsRest),
    r('hku', '(?i)(^HKU)', 'HKEY_USERS', fieldsRest),
    r('hkcr', '(?i)(^HKCR)', 'HKEY_LOCAL_MACHINE\\\\CLASSES', fieldsRest),
  ]
}
