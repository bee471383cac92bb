/** Field-name transformations (pySigma FieldMappingTransformationBase and transformations/fields.py). */
import type { Detection, DetectionItem, SigmaCorrelation } from '../../ir/rule.js'
import { ANY, type Value } from '../../ir/value.js'
import { fail } from '../../diagnostics.js'
import { matchFieldInValue, matchFieldName } from '../conditions/match.js'
import { ConfigError, checkKeys, isRecord, optBool, reqStr, type Params } from '../params.js'
import { addMapping, trackFieldProcessing } from '../run-state.js'
import { NULL_KEY, type Doc, type TransformContext, type Transformation } from '../types.js'
import { markItem } from '../walk.js'
import { applyToItems, markRule } from './base.js'

/** A field-name function: a new name, several names (OR), or undefined to leave the field alone. */
export type FieldNameFn = (field: string | null) => string | readonly string[] | undefined

const asList = (r: string | readonly string[]): readonly string[] => (typeof r === 'string' ? [r] : r)

function wrapKeyword(v: Value): Value {
  if (v.type !== 'str') return v
  const parts = [...v.parts]
  const first = parts[0]
  if (!(first !== undefined && typeof first !== 'string' && 'special' in first && first.special === 'any')) parts.unshift(ANY)
  const end = parts[parts.length - 1]
  if (!(end !== undefined && typeof end !== 'string' && 'special' in end && end.special === 'any')) parts.push(ANY)
  return { ...v, parts }
}

/** pySigma FieldMappingTransformationBase: fields list, correlation fields, detection items, field refs. */
export function fieldMappingTransform(type: string, fn: FieldNameFn): Transformation {
  const applyName = (field: string, cx: TransformContext): readonly string[] => {
    const r = fn(field)
    if (r === undefined || !matchFieldName(cx.item, field, cx.run)) return [field]
    const list = asList(r)
    trackFieldProcessing(cx.run, field, list, cx.item.id)
    return list
  }
  const single = (field: string, cx: TransformContext, where: string): string => {
    const r = applyName(field, cx)
    if (r.length !== 1)
      fail('pipeline.field_mapping', `Field name mapping transformation can't be applied to correlation rule ${where} because it results in multiple field names.`, { key: field })
    return r[0] as string
  }
  const mapCorrelation = (c: SigmaCorrelation, cx: TransformContext): SigmaCorrelation => {
    const aliasNames = new Set(Object.keys(c.aliases))
    const aliases = Object.fromEntries(
      Object.entries(c.aliases).map(([alias, m]) => [
        alias,
        Object.fromEntries(Object.entries(m).map(([ref, f]) => [ref, single(f, cx, 'alias mapping')])),
      ]),
    )
    const groupBy = c.groupBy.flatMap((f) => (aliasNames.has(f) ? [f] : applyName(f, cx)))
    let condition = c.condition
    if (condition && 'ops' in condition && condition.field !== undefined) {
      const f = condition.field
      const where = 'condition field reference'
      condition = { ...condition, field: typeof f === 'string' ? single(f, cx, where) : f.map((x) => single(x, cx, where)) }
    }
    return { ...c, aliases, groupBy, condition }
  }
  const mapItem = (di: DetectionItem, cx: TransformContext): DetectionItem | Detection | null => {
    let item = di
    let result: DetectionItem | Detection | null = null
    let refMatch = false
    if (di.values.some((v) => matchFieldInValue(cx.item, v, cx.run))) {
      const values = di.values.flatMap((v): Value[] =>
        v.type === 'fieldref' && matchFieldInValue(cx.item, v, cx.run) ? applyName(v.field, cx).map((f) => ({ ...v, field: f })) : [v],
      )
      refMatch = true
      item = { ...item, values }
      result = item
    }
    const field = item.field
    const mapping = fn(field)
    let fieldMatch = false
    if (mapping !== undefined && matchFieldName(cx.item, field, cx.run)) {
      fieldMatch = true
      if (field === null) item = { ...item, values: item.values.map(wrapKeyword) }
      if (typeof mapping === 'string') result = markItem({ ...item, field: mapping }, cx.item.id)
      else result = { kind: 'detection', link: 'or', items: mapping.map((f) => ({ ...item, field: f, applied: [] })) }
    }
    if (!fieldMatch && !refMatch) return null
    if (mapping !== undefined) addMapping(cx.run.mappings, field, asList(mapping))
    return result
  }
  return {
    type,
    apply: (doc, cx) => {
      const fields = doc.fields.flatMap((f) => applyName(f, cx))
      const d: Doc = doc.kind === 'correlation' ? mapCorrelation({ ...doc, fields }, cx) : { ...doc, fields }
      markRule(cx)
      return applyToItems(d, cx, (di) => mapItem(di, cx))
    },
  }
}

/** `{src: dst | [dst…]}` with NULL_KEY for the keyword pseudo-field. */
export function parseMapping(p: Params, what: string): Map<string | null, string | readonly string[]> {
  const m = p.mapping
  if (!isRecord(m)) throw new ConfigError(`${what} requires a 'mapping' dictionary`, 'mapping')
  const out = new Map<string | null, string | readonly string[]>()
  for (const [k, v] of Object.entries(m)) {
    if (typeof v === 'string') out.set(k === NULL_KEY ? null : k, v)
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out.set(k === NULL_KEY ? null : k, v as string[])
    else throw new ConfigError(`${what}: mapping of '${k === NULL_KEY ? 'null' : k}' must be a string or a list of strings`, 'mapping')
  }
  return out
}

export function fieldNameMapping(p: Params): Transformation {
  checkKeys(p, ['mapping'], 'field_name_mapping')
  const m = parseMapping(p, 'field_name_mapping')
  return fieldMappingTransform('field_name_mapping', (f) => m.get(f))
}

export function fieldNamePrefixMapping(p: Params): Transformation {
  checkKeys(p, ['mapping'], 'field_name_prefix_mapping')
  const m = parseMapping(p, 'field_name_prefix_mapping')
  return fieldMappingTransform('field_name_prefix_mapping', (f) => {
    if (f === null) return undefined
    for (const [src, dest] of m) {
      if (src === null) return fail('pipeline.config', 'FieldPrefixMappingTransformation: None is not a valid prefix.')
      if (f.startsWith(src)) {
        const rest = f.slice(src.length)
        return typeof dest === 'string' ? dest + rest : dest.map((x) => x + rest)
      }
    }
    return undefined
  })
}

export function fieldNameTransform(p: Params): Transformation {
  if ('transform_func' in p)
    throw new ConfigError('field_name_transform: transform_func is a Python function and cannot be used here; use mapping, or a transformation registered by a backend', 'transform_func')
  checkKeys(p, ['mapping', 'apply_keyword'], 'field_name_transform')
  const m = p.mapping === undefined ? new Map<string | null, string | readonly string[]>() : parseMapping(p, 'field_name_transform')
  const applyKeyword = optBool(p, 'apply_keyword', 'field_name_transform', false)
  return fieldMappingTransform('field_name_transform', (f) => (f === null && !applyKeyword ? undefined : m.get(f)))
}

export function fieldNamePrefix(p: Params): Transformation {
  checkKeys(p, ['prefix'], 'field_name_prefix')
  const prefix = reqStr(p, 'prefix', 'field_name_prefix')
  return fieldMappingTransform('field_name_prefix', (f) => (f === null ? undefined : prefix + f))
}

export function fieldNameSuffix(p: Params): Transformation {
  checkKeys(p, ['suffix'], 'field_name_suffix')
  const suffix = reqStr(p, 'suffix', 'field_name_suffix')
  return fieldMappingTransform('field_name_suffix', (f) => (f === null ? undefined : f + suffix))
}
