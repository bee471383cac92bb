/**
 * pySigma-backend-kusto's custom Python transformations (kusto_common, microsoftxdr, sentinelasim, azuremonitor),
 * re-expressed in TypeScript on the core's transformation building blocks.
 */
import type { Detection, DetectionItem, SigmaRule } from '../../../src/ir/rule.js'
import { ANY, type Value } from '../../../src/ir/value.js'
import { fail } from '../../../src/diagnostics.js'
import type { Doc, Transformation, TransformContext } from '../../../src/pipeline/types.js'
import { itemTransform, markRule, valueTransform } from '../../../src/pipeline/transforms/base.js'
import { fieldMappingTransform } from '../../../src/pipeline/transforms/fields.js'
import { plain, sigmaStr } from '../../../src/pipeline/values.js'

export type FieldMap = Readonly<Record<string, string | readonly string[]>>

/** How a pipeline picks the query table (pySigma SetQueryTableStateTransformation + our extensions). */
export interface TableSelection {
  readonly category: Readonly<Record<string, string>>
  readonly eventIdCategory: Readonly<Record<string, string>>
  /** Extension, used only where pySigma finds no table: logsource product/service → table. */
  readonly fallback?: (rule: SigmaRule) => string | undefined
  /** Extension: may replace the chosen table (e.g. when pySigma's table cannot hold the rule's fields). */
  readonly refine?: (rule: SigmaRule, table: string | undefined, cx: TransformContext) => string | undefined
  /** Mapping targets that are properties of dynamic columns (rendered `tostring(…)`, see render.ts). */
  readonly dynamicFields?: readonly string[]
}

/** kusto_common/mappings.py EVENTID_CATEGORIES, in its order (the first category listing an id wins). */
const EVENTID_CATEGORIES: readonly (readonly [string, readonly number[]])[] = [
  ['process', [1, 5, 10, 25, 4688, 4689, 4696]],
  ['logon', [4624, 4625, 4634, 4647, 4648, 4778, 4779, 4800, 4801, 4802, 4803]],
  ['registry', [4656, 4657, 4658, 4659, 4660, 4661, 4662, 4663, 12, 13, 14]],
  ['file', [2, 11, 15, 23, 26, 27, 28, 29, 4656, 4658, 4660, 4663]],
  ['network', [3, 22, 5140, 5145, 5156, 5157, 5158, 5159]],
  ['image_load', [7]],
  ['pipe', [17, 18]],
  ['wmi', [19, 20, 21]],
  ['service', [4697, 4698, 4699, 4700, 4701, 4702]],
  ['account', [4720, 4722, 4723, 4724, 4725, 4726, 4738, 4740, 4767]],
]

/** Python `int(str)` for the EventID values pySigma reads. */
function pyInt(v: Value): number {
  const text = v.type === 'num' ? String(v.value) : v.type === 'str' ? plain(v) : ''
  if (v.type === 'num' && Number.isInteger(v.value)) return v.value
  if (!/^\s*[+-]?\d+(_\d+)*\s*$/.test(text)) return fail('pipeline.kusto_table', `invalid literal for int() with base 10: '${text}'`)
  return Number(text.replace(/_/g, ''))
}

function tableFromEventIds(rule: SigmaRule, byCategory: Readonly<Record<string, string>>): string | undefined {
  for (const [name, d] of Object.entries(rule.detections)) {
    if (!/^sel/.test(name.toLowerCase())) continue
    // pySigma looks at the top-level items only (its recursion into sub-detections discards the result).
    for (const x of d.items) {
      if (x.kind !== 'item' || (x.field !== 'EventID' && x.field !== 'EventCode')) continue
      for (const v of x.values) {
        const id = pyInt(v)
        const cat = EVENTID_CATEGORIES.find(([, ids]) => ids.includes(id))?.[0]
        const table = cat === undefined ? '' : (byCategory[cat] ?? '')
        if (table) return table
      }
    }
  }
  return undefined
}

const NO_TABLE =
  'Unable to determine table name from rule.  The query table is determined in the following order of priority:\n' +
  "  1) The value provided to processing pipeline's query_table parameter, if using a Python script.\n" +
  '  2) If the query_table is already set in the pipeline state, such as from a custom user-defined pipeline if using sigma-cli.\n' +
  "  3) If the rule's logsource category is present in the pipeline's category_to_table_mappings dictionary in mappings.py, use that value.\n" +
  "  4) If the rule has an EventID, use the table name from the pipeline's eventid_to_table_mappings dictionary in mappings.py."

/** The table a selection finds for a rule by itself: category, EventIDs, then the extension fallback (no refine). */
export function findTable(sel: TableSelection, doc: SigmaRule): string | undefined {
  const table = doc.logsource.category ? sel.category[doc.logsource.category] : tableFromEventIds(doc, sel.eventIdCategory)
  return table ?? sel.fallback?.(doc)
}

/** SetQueryTableStateTransformation: state `query_table` from a previous pipeline, the category, or EventIDs. */
export function setQueryTable(sel: TableSelection): Transformation {
  return {
    type: 'kusto_set_query_table',
    apply: (doc, cx) => {
      if (doc.kind !== 'rule') return doc
      const state = cx.run.state
      let table: string | undefined
      const given = typeof state.query_table === 'string' && state.query_table !== ''
      if (given) table = state.query_table as string
      else table = findTable(sel, doc)
      // A table set by an earlier pipeline is the user's choice and is never replaced.
      if (sel.refine && !given) table = sel.refine(doc, table, cx)
      if (!table) return fail('pipeline.kusto_table', NO_TABLE, { ...(doc.source.file ? { file: doc.source.file } : {}), key: 'logsource' })
      state.query_table = table
      if (sel.dynamicFields && sel.dynamicFields.length > 0) state.kusto_dynamic_fields = sel.dynamicFields
      markRule(cx)
      return doc
    },
  }
}

/**
 * DynamicFieldMappingTransformation: the field mapping of the table chosen for this rule. Extension: a key
 * `<table>/<category>` adds mappings for one log category only (DeviceEvents holds many kinds of events).
 */
export function tableFieldMapping(tables: Readonly<Record<string, FieldMap>>): Transformation {
  const cache = new Map<string, Transformation>()
  return {
    type: 'kusto_table_field_mapping',
    apply: (doc, cx) => {
      const table = String(cx.run.state.query_table ?? '')
      const key = `${table}/${doc.kind === 'rule' ? (doc.logsource.category ?? '') : ''}`
      let t = cache.get(key)
      if (!t) {
        const m = { ...(tables[table] ?? {}), ...(tables[key] ?? {}) }
        t = fieldMappingTransform('kusto_table_field_mapping', (f) => (f === null || !Object.hasOwn(m, f) ? undefined : m[f]))
        cache.set(key, t)
      }
      return t.apply(doc, cx)
    },
  }
}

/** GenericFieldMappingTransformation: renames the detection item's field only (no field references). */
export function genericFieldMapping(m: Readonly<Record<string, string>>): Transformation {
  return itemTransform('kusto_generic_field_mapping', (di) => (di.field !== null && Object.hasOwn(m, di.field) ? { ...di, field: m[di.field] as string } : null))
}

const newItem = (from: DetectionItem, field: string, values: readonly Value[], modifiers: readonly string[] = []): DetectionItem => ({
  kind: 'item',
  field,
  modifiers,
  values,
  link: 'or',
  negated: false,
  applied: [],
  originalField: from.originalField,
  ...(from.pos ? { pos: from.pos } : {}),
})

const detection = (items: readonly (DetectionItem | Detection)[], link: 'and' | 'or'): Detection => ({ kind: 'detection', items, link })

/** RegistryActionTypeValueTransformation: Sysmon EventType values → DeviceRegistryEvents ActionType values. */
export function registryActionType(): Transformation {
  const map: Readonly<Record<string, string | readonly string[]>> = {
    CreateKey: 'RegistryKeyCreated',
    DeleteKey: ['RegistryKeyDeleted', 'RegistryValueDeleted'],
    SetValue: 'RegistryValueSet',
    RenameKey: ['RegistryValueSet', 'RegistryKeyCreated'],
  }
  return valueTransform('kusto_registry_action_type', (_f, v) => {
    if (v.type !== 'str') return null
    const key = plain(v)
    const m = Object.hasOwn(map, key) ? map[key] : key
    return typeof m === 'string' ? sigmaStr(m) : (m as readonly string[]).map((x) => sigmaStr(x))
  })
}

/** ParentImageValueTransformation: keep the file name of a parent image path. */
export function parentImageValue(): Transformation {
  return valueTransform('kusto_parent_image_value', (_f, v) => {
    if (v.type !== 'str') return null
    return sigmaStr(plain(v).split('\\').pop()?.split('/').pop() ?? '')
  })
}

/** SplitDomainUserTransformation: `DOMAIN\user` → user AND domain (in the table's domain column). */
export function splitDomainUser(): Transformation {
  const domainField: Readonly<Record<string, string>> = {
    AccountName: 'AccountDomain',
    RequestAccountName: 'RequestAccountDomain',
    InitiatingProcessAccountName: 'InitiatingProcessAccountDomain',
  }
  return itemTransform('kusto_split_domain_user', (di) => {
    if (di.field === null) return null
    const field = di.field
    const out = di.values.map((v): Detection => {
      const parts = (v.type === 'str' ? plain(v) : String(v.type === 'num' ? v.value : '')).split('\\')
      if (parts.length === 2) {
        const user = newItem(di, field, [sigmaStr(parts[1] as string)])
        const domain = newItem(di, domainField[field] ?? 'InitiatingProcessAccountDomain', [sigmaStr(parts[0] as string)])
        return detection([user, domain], 'and')
      }
      return detection([newItem(di, field, parts.map((p) => sigmaStr(p)), di.modifiers)], 'and')
    })
    return detection(out, 'or')
  })
}

const HASH_BY_LENGTH: Readonly<Record<number, string>> = { 32: 'MD5', 40: 'SHA1', 64: 'SHA256', 128: 'SHA512' }

/** BaseHashesValuesTransformation: `ALGO=value` / `ALGO|value` / bare hashes → one field per algorithm. */
export function hashesValues(validAlgos: readonly string[], prefix: string, dropAlgoPrefix = false): Transformation {
  return itemTransform('kusto_hashes_values', (di) => {
    const byField = new Map<string, string[]>()
    let anyValid = false
    for (const v of di.values) {
      const text = v.type === 'str' ? plain(v) : v.type === 'num' ? String(v.value) : ''
      let parts = text.split('|')
      if (parts.length === 1) parts = (parts[0] as string).split('=')
      let algo: string
      let hash: string
      if (parts.length === 2) {
        const a = (parts[0] as string).replace(/^\*+/, '').toUpperCase()
        algo = validAlgos.includes(a) ? a : ''
        hash = parts[1] as string
      } else {
        hash = parts[0] as string
        algo = HASH_BY_LENGTH[hash.length] ?? ''
      }
      if (algo) anyValid = true
      const field = prefix + (dropAlgoPrefix ? '' : algo)
      byField.set(field, [...(byField.get(field) ?? []), hash])
    }
    if (!anyValid)
      return fail('pipeline.kusto_hashes', `No valid hash algo found in Hashes field. Please use one of the following: ${validAlgos.join(', ')}`, di.pos ? { line: di.pos.line, column: di.pos.column, key: di.field ?? '' } : { key: di.field ?? '' })
    const items = [...byField].filter(([f]) => f !== '').map(([f, hs]) => newItem(di, f, hs.map((h) => sigmaStr(h))))
    return detection(items, 'or')
  })
}

export interface FieldValidation {
  /** Columns (and pySigma's extra accepted names) per table; tables not listed are not checked. */
  readonly valid: (table: string) => ReadonlySet<string> | undefined
}

/**
 * InvalidFieldTransformation: a field the table does not have is refused, naming it, unless the backend option
 * `unmapped_fields=keep` asks to keep raw names.
 */
export function validateFields(v: FieldValidation): Transformation {
  return {
    type: 'kusto_validate_fields',
    apply: (doc: Doc, cx) => {
      if (doc.kind !== 'rule') return doc
      const table = String(cx.run.state.query_table ?? '')
      const valid = v.valid(table)
      if (!valid || cx.run.env.options.unmapped_fields === 'keep') return doc
      // Fields an earlier step moved into a computed property bag (event-data.ts) are valid too.
      const bag = cx.run.state.kusto_bag_fields
      const all = Array.isArray(bag) && bag.length > 0 ? new Set([...valid, ...(bag as string[])]) : valid
      for (const d of Object.values(doc.detections)) checkDetection(d, all, table)
      return doc
    },
  }
}

function checkDetection(d: Detection, valid: ReadonlySet<string>, table: string): void {
  for (const x of d.items) {
    if (x.kind === 'detection') {
      checkDetection(x, valid, table)
      continue
    }
    const where = x.pos ? { line: x.pos.line, column: x.pos.column } : {}
    // Field references (our extension; pySigma refuses them) must name existing columns too.
    for (const v of x.values)
      if (v.type === 'fieldref' && !valid.has(v.field))
        fail('pipeline.kusto_field', `Invalid field reference: ${v.field}. The ${table} table has no such column and the pipeline has no mapping for it.`, { ...where, key: v.field })
    if (x.field === null || valid.has(x.field)) continue
    const original = x.originalField !== null && x.originalField !== x.field ? ` (from the rule's '${x.originalField}')` : ''
    fail(
      'pipeline.kusto_field',
      `Invalid SigmaDetectionItem field name encountered: ${x.field}${original}. The ${table} table has no such column and the pipeline has no mapping for it; ` +
        'map it with a pipeline of your own, or pass the backend option unmapped_fields=keep to keep the raw name.',
      { ...where, key: x.field },
    )
  }
}

/**
 * Extension: keywords (field-less values) of a table whose events are one free-text column (Syslog's
 * SyslogMessage) search that column, as Sigma's "anywhere in the event" means there. Strings and numbers become
 * `*value*`; a regular expression stays one (Kusto `matches regex` is unanchored). Other values are left as they are.
 */
export function keywordsToField(field: string): Transformation {
  const anywhere = (v: Value): Value => {
    if (v.type === 'num') return { type: 'str', parts: [ANY, String(v.value), ANY], cased: false }
    if (v.type !== 'str') return v
    const first = v.parts[0]
    const last = v.parts[v.parts.length - 1]
    const isAny = (p: typeof first): boolean => p !== undefined && typeof p !== 'string' && 'special' in p && p.special === 'any'
    return { ...v, parts: [...(isAny(first) ? [] : [ANY]), ...v.parts, ...(isAny(last) && v.parts.length > 0 ? [] : [ANY])] }
  }
  return itemTransform('kusto_keywords_to_field', (di) => (di.field !== null ? null : { ...di, field, values: di.values.map(anywhere) }))
}
