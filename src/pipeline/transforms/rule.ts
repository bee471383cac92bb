/** Rule-level transformations: conditions, log source, fields list, state, failures, custom attributes, nesting. */
import type { Condition } from '../../ir/condition.js'
import type { SigmaRule } from '../../ir/rule.js'
import { fail } from '../../diagnostics.js'
import { detectionFromDefinition } from '../definition.js'
import { ConfigError, checkKeys, isRecord, optBool, optStr, reqStr, reqStrList, type Params } from '../params.js'
import type { Doc, FactoryContext, ProcessingItem, TransformContext, Transformation } from '../types.js'
import { matchRule } from '../conditions/match.js'
import { DROP, markDetection, ruleItems } from '../walk.js'
import { itemTransform, markRule, ruleTransform } from './base.js'

const substitute = (s: string, ls: SigmaRule['logsource']): string =>
  // Python string.Template.safe_substitute with $category/$product/$service (None renders as "None")
  s.replace(/\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\})/g, (m, esc?: string, a?: string, b?: string) => {
    if (esc) return '$'
    const name = a ?? b ?? ''
    if (name !== 'category' && name !== 'product' && name !== 'service') return m
    return ls[name] ?? 'None'
  })

function uniqueName(base: string, taken: Readonly<Record<string, unknown>>): string {
  if (!(base in taken)) return base
  let i = 2
  while (`${base}_${i}` in taken) i++
  return `${base}_${i}`
}

export function addCondition(p: Params): Transformation {
  const what = 'add_condition'
  checkKeys(p, ['conditions', 'template', 'negated', 'name'], what)
  const conditions = p.conditions ?? {}
  if (!isRecord(conditions)) throw new ConfigError(`${what}: 'conditions' must be a mapping of fields to values`, 'conditions')
  const template = optBool(p, 'template', what, false)
  const negated = optBool(p, 'negated', what, false)
  const explicitName = optStr(p, 'name', what)
  // Constant definitions are built once, at load time, so errors surface there.
  const fixed = template ? undefined : detectionFromDefinition(conditions)
  return {
    type: what,
    apply: (doc, cx) => {
      if (doc.kind !== 'rule') return doc
      const def = template
        ? Object.fromEntries(
            Object.entries(conditions).map(([k, v]) => [
              k,
              Array.isArray(v) ? v.map((x: unknown) => (typeof x === 'string' ? substitute(x, doc.logsource) : x)) : typeof v === 'string' ? substitute(v, doc.logsource) : v,
            ]),
          )
        : conditions
      const det = markDetection(fixed ?? detectionFromDefinition(def), cx.item.id)
      const name = uniqueName(explicitName ?? `_cond_${cx.item.id.replace(/[^A-Za-z0-9_]/g, '_')}`, doc.detections)
      markRule(cx)
      const ref: Condition = { kind: 'ref', name }
      const head: Condition = negated ? { kind: 'not', arg: ref } : ref
      return {
        ...doc,
        detections: { ...doc.detections, [name]: det },
        conditions: doc.conditions.map((c): Condition => ({ kind: 'and', args: [head, c] })),
        conditionText: doc.conditionText.map((t) => `${negated ? 'not ' : ''}${name} and (${t})`),
      }
    },
  }
}

export function changeLogsource(p: Params): Transformation {
  checkKeys(p, ['category', 'product', 'service'], 'change_logsource')
  const ls = {
    ...(optStr(p, 'category', 'change_logsource') !== undefined ? { category: p.category as string } : {}),
    ...(optStr(p, 'product', 'change_logsource') !== undefined ? { product: p.product as string } : {}),
    ...(optStr(p, 'service', 'change_logsource') !== undefined ? { service: p.service as string } : {}),
  }
  return ruleTransform('change_logsource', (doc) => (doc.kind === 'rule' ? { ...doc, logsource: ls } : doc))
}

export function addField(p: Params): Transformation {
  checkKeys(p, ['field'], 'add_field')
  const fields = reqStrList(p, 'field', 'add_field')
  return ruleTransform('add_field', (doc) => ({ ...doc, fields: [...doc.fields, ...fields] }))
}

export function removeField(p: Params): Transformation {
  checkKeys(p, ['field'], 'remove_field')
  const fields = reqStrList(p, 'field', 'remove_field')
  return ruleTransform('remove_field', (doc) => {
    const out = [...doc.fields]
    for (const f of fields) {
      const i = out.indexOf(f)
      if (i >= 0) out.splice(i, 1)
    }
    return { ...doc, fields: out }
  })
}

export function setField(p: Params): Transformation {
  checkKeys(p, ['fields'], 'set_field')
  const fields = reqStrList(p, 'fields', 'set_field')
  return ruleTransform('set_field', (doc) => ({ ...doc, fields }))
}

export function setState(p: Params): Transformation {
  checkKeys(p, ['key', 'val'], 'set_state')
  const key = reqStr(p, 'key', 'set_state')
  if (!('val' in p)) throw new ConfigError("set_state requires parameter 'val'", 'val')
  const val = p.val
  return ruleTransform('set_state', (doc, cx) => {
    cx.run.state[key] = val
    return doc
  })
}

const where = (doc: Doc) => ({ ...(doc.source.file ? { file: doc.source.file } : {}) })

export function ruleFailure(p: Params): Transformation {
  checkKeys(p, ['message'], 'rule_failure')
  const message = reqStr(p, 'message', 'rule_failure')
  return { type: 'rule_failure', apply: (doc) => fail('pipeline.rule_failure', message, { ...where(doc), key: doc.id ?? doc.title }) }
}

export function detectionItemFailure(p: Params): Transformation {
  checkKeys(p, ['message'], 'detection_item_failure')
  const message = reqStr(p, 'message', 'detection_item_failure')
  return itemTransform('detection_item_failure', (di) =>
    fail('pipeline.detection_item_failure', message, {
      ...(di.pos ? { line: di.pos.line, column: di.pos.column } : {}),
      key: di.field ?? '(keyword)',
    }),
  )
}

export function strictFieldMappingFailure(p: Params): Transformation {
  checkKeys(p, [], 'strict_field_mapping_failure')
  return ruleTransform('strict_field_mapping_failure', (doc, cx) => {
    if (doc.kind !== 'rule') return doc
    const m = cx.run.mappings
    const unmapped = [...new Set([...ruleItems(doc)].map((i) => i.field).filter((f): f is string => f !== null))].filter(
      (f) => !m.forward.has(f) && !m.targets.has(f),
    )
    if (unmapped.length)
      fail('pipeline.strict_field_mapping_failure', `The following fields are not mapped: ${unmapped.join(', ')}`, { ...where(doc), key: unmapped.join(', ') })
    return doc
  })
}

export function setCustomAttribute(p: Params): Transformation {
  checkKeys(p, ['attribute', 'value'], 'set_custom_attribute')
  const attribute = reqStr(p, 'attribute', 'set_custom_attribute')
  if (!('value' in p)) throw new ConfigError("set_custom_attribute requires parameter 'value'", 'value')
  const value = p.value
  return ruleTransform('set_custom_attribute', (doc) => ({ ...doc, custom: { ...doc.custom, [attribute]: value } }))
}

export function dropDetectionItem(p: Params): Transformation {
  checkKeys(p, [], 'drop_detection_item')
  return itemTransform('drop_detection_item', () => DROP)
}

/** Runs processing items in order against one document (shared by pipelines and `nest`). */
export function runItems(doc: Doc, items: readonly ProcessingItem[], run: TransformContext['run']): Doc {
  let d = doc
  for (const item of items) if (matchRule(item, d, run)) d = item.transformation.apply(d, { item, run })
  return d
}

export function nest(p: Params, cx: FactoryContext): Transformation {
  checkKeys(p, ['items'], 'nest')
  if (!Array.isArray(p.items)) throw new ConfigError("Nested processing transformation requires an 'items' key.", 'items')
  const items = p.items.map((def: unknown, i: number) => cx.compileItem(def, i))
  return ruleTransform('nest', (doc, tcx) => runItems(doc, items, tcx.run))
}

