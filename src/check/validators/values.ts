/** pySigma's value, modifier and logsource validators (values.py, modifiers.py, logsources.py) and field-name conventions. */
import type { DetectionItem, SigmaRule } from '../../ir/rule.js'
import type { StrValue } from '../../ir/value.js'
import type { CheckedDoc, Issue, Validator } from '../types.js'
import { detectionItems, fieldLabel, literalParts, sigmaText, strings } from './walk.js'

const isAny = (p: StrValue['parts'][number]): boolean => typeof p !== 'string' && 'special' in p && p.special === 'any'
const hasSpecial = (parts: StrValue['parts']): boolean => parts.some((p) => typeof p !== 'string')

/** One issue per detection item whose string values `bad` flags (the first offending value names it). */
const perString = (bad: (v: StrValue) => string | undefined) => (doc: CheckedDoc): Issue[] => {
  if (doc.kind !== 'rule') return []
  return detectionItems(doc).flatMap(({ item, detection }) => {
    for (const v of strings(item.values)) {
      const m = bad(v)
      if (m !== undefined) return [issueAt(doc, item, detection, `${fieldLabel(item)}: ${m}`)]
    }
    return []
  })
}

const issueAt = (doc: SigmaRule, item: DetectionItem, detection: string, message: string): Issue =>
  ({ doc, message, ...(item.pos ? { pos: item.pos } : { path: ['detection', detection] }) })

const perItem = (check: (item: DetectionItem, rule: SigmaRule) => readonly string[]) => (doc: CheckedDoc): Issue[] =>
  doc.kind !== 'rule' ? [] : detectionItems(doc).flatMap(({ item, detection }) => check(item, doc).map((m) => issueAt(doc, item, detection, m)))

/** Modifiers that change the values: pySigma compares the values as written, which we only have without these. */
const VALUE_MODIFIERS = new Set(['contains', 'startswith', 'endswith', 'windash', 'base64', 'base64offset', 'wide', 'utf16', 'utf16le', 'utf16be', 're', 'cidr', 'expand', 'fieldref', 'exists', 'lt', 'lte', 'gt', 'gte'])

function wildcardsInsteadOfModifiers(item: DetectionItem): string[] {
  if (item.modifiers.some((m) => VALUE_MODIFIERS.has(m)) || item.values.length === 0) return []
  const strs = item.values.every((v) => v.type === 'str') ? (item.values as StrValue[]) : undefined
  if (strs === undefined || strs.some((v) => v.parts.length <= 1)) return []
  const inner = (v: StrValue, from: number, to: number): boolean => !hasSpecial(v.parts.slice(from, v.parts.length - to))
  const first = (v: StrValue): boolean => isAny(v.parts[0] as StrValue['parts'][number])
  const last = (v: StrValue): boolean => isAny(v.parts[v.parts.length - 1] as StrValue['parts'][number])
  const f = fieldLabel(item)
  if (strs.every((v) => first(v) && last(v) && inner(v, 1, 1))) return [`${f}: '*…*' values; use the contains modifier`]
  if (strs.every((v) => first(v) && inner(v, 1, 0))) return [`${f}: '*…' values; use the endswith modifier`]
  if (strs.every((v) => last(v) && inner(v, 0, 1))) return [`${f}: '…*' values; use the startswith modifier`]
  return []
}

function modifierCombinations(item: DetectionItem): string[] {
  const m = item.modifiers
  const out: string[] = []
  const f = fieldLabel(item)
  if (item.field !== null && m.includes('all') && !m.includes('contains')) out.push(`${f}: 'all' without 'contains' matches only when every value equals the field`)
  if (m.includes('base64offset') && !m.includes('contains')) out.push(`${f}: 'base64offset' needs 'contains' (the encoded values have extra characters around them)`)
  if (m.includes('windash') && m.includes('all')) out.push(`${f}: 'windash' cannot be combined with 'all'`)
  const repeated = [...new Set(m.filter((x, i) => m.indexOf(x) !== i && x !== 'base64'))]
  if (repeated.length > 0) out.push(`${f}: modifier${repeated.length > 1 ? 's' : ''} ${repeated.map((x) => `'${x}'`).join(', ')} applied more than once`)
  return out
}

/** pySigma's map of Windows event ids that have a generic log source (logsources.py). */
const SYSMON: Readonly<Record<number, string>> = {
  1: 'process_creation', 2: 'file_change', 3: 'network_connection', 4: 'sysmon_status', 5: 'process_termination', 6: 'driver_load',
  7: 'image_load', 8: 'create_remote_thread', 9: 'raw_access_thread', 10: 'process_access', 11: 'file_event', 12: 'registry_event',
  13: 'registry_event', 14: 'registry_event', 15: 'create_stream_hash', 16: 'sysmon_status', 17: 'pipe_created', 18: 'pipe_created',
  19: 'wmi_event', 20: 'wmi_event', 21: 'wmi_event', 22: 'dns_query', 23: 'file_delete', 24: 'clipboard_change', 25: 'process_tampering',
  26: 'file_delete_detected', 27: 'file_block_executable', 28: 'file_block_shredding', 29: 'file_executable_detected', 255: 'sysmon_error',
}
const SECURITY: Readonly<Record<number, string>> = { 4688: 'process_creation' }

function specificLogsource(item: DetectionItem, rule: SigmaRule): string[] {
  const ls = rule.logsource
  const map = ls.product === 'windows' && ls.service === 'sysmon' ? SYSMON : ls.product === 'windows' && ls.service === 'security' ? SECURITY : undefined
  if (map === undefined || item.field !== 'EventID') return []
  return item.values.flatMap((v) => (v.type === 'num' && map[v.value] !== undefined ? [`EventID ${v.value} of windows/${ls.service}: use the generic log source category '${map[v.value]}'`] : []))
}

export const VALUES: readonly Validator[] = [
  { id: 'double_wildcard', severity: 'low', origin: 'pySigma', description: 'String contains consecutive * wildcards', rule: perString((v) => (v.parts.some((p, i) => i > 0 && isAny(p) && isAny(v.parts[i - 1] as StrValue['parts'][number])) ? `'${sigmaText(v)}' has consecutive * wildcards` : undefined)) },
  { id: 'number_as_string', severity: 'low', origin: 'pySigma', description: 'A number written as a string', rule: perString((v) => (v.parts.length === 1 && typeof v.parts[0] === 'string' && /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(v.parts[0]) && !v.parts[0].includes(' ') ? `'${v.parts[0]}' is a number written as a string` : undefined)) },
  { id: 'control_character', severity: 'high', origin: 'pySigma', description: 'String contains a control character (likely a missing backslash)', rule: perString((v) => (literalParts(v).some((s) => /[\u0000-\u001f]/.test(s)) ? `'${JSON.stringify(sigmaText(v)).slice(1, -1)}' contains a control character; a backslash is probably missing` : undefined)) },
  { id: 'escaped_wildcard', severity: 'low', origin: 'pySigma', description: 'String contains an escaped wildcard', rule: perString((v) => (literalParts(v).some((s) => s.includes('*') || s.includes('?')) ? `'${sigmaText(v)}' contains an escaped wildcard; make sure it is intended` : undefined)) },
  { id: 'wildcards_instead_of_modifiers', severity: 'low', origin: 'pySigma', description: 'Wildcards where contains/startswith/endswith would do', rule: perItem(wildcardsInsteadOfModifiers) },
  { id: 'invalid_modifier_combinations', severity: 'high', origin: 'pySigma', description: 'Invalid combination of value modifiers', rule: perItem(modifierCombinations) },
  { id: 'specific_instead_of_generic_logsource', severity: 'high', origin: 'pySigma', description: 'Specific Windows event id where a generic log source exists', rule: perItem(specificLogsource) },
  {
    id: 'fieldname_logsource', severity: 'high', origin: 'pySigma', description: 'Unknown key in the log source',
    rule: (doc) => (doc.kind !== 'rule' ? [] : Object.keys(doc.logsource.custom ?? {}).map((k) => ({ doc, message: `logsource key '${k}' is not category, product, service or definition`, path: ['logsource', k], part: 'key' as const }))),
  },
  {
    id: 'field_name_space', severity: 'medium', origin: 'sigmaport', description: 'Field name with a leading/trailing space or an empty field name',
    rule: perItem((item) => (item.field !== null && (item.field.trim() !== item.field || item.field === '') ? [`field name '${item.field}' has leading or trailing spaces or is empty`] : [])),
  },
  {
    id: 'field_name_case', severity: 'low', origin: 'sigmaport', description: 'A field name written with another letter case than in most rules of the same log source',
    set: (docs) => {
      const counts = new Map<string, Map<string, number>>()
      const rules = docs.filter((d): d is SigmaRule => d.kind === 'rule')
      // Compared within one log source: field names of different products legitimately differ in case.
      const scope = (r: SigmaRule): string => `${r.logsource.product ?? ''}/${r.logsource.service ?? ''}/${r.logsource.category ?? ''}/`
      const keyOf = new Map<DetectionItem, string>()
      for (const r of rules) for (const { item } of detectionItems(r)) {
        if (item.field === null) continue
        const k = scope(r) + item.field.toLowerCase()
        keyOf.set(item, k)
        const m = counts.get(k) ?? new Map<string, number>()
        m.set(item.field, (m.get(item.field) ?? 0) + 1)
        counts.set(k, m)
      }
      const usual = (item: DetectionItem, field: string): string | undefined => {
        const m = counts.get(keyOf.get(item) ?? '')
        if (m === undefined || m.size < 2) return undefined
        const [best] = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? []
        return best !== field ? best : undefined
      }
      return rules.flatMap((r) => detectionItems(r).flatMap(({ item, detection }) => {
        const u = item.field === null ? undefined : usual(item, item.field)
        return u === undefined ? [] : [issueAt(r, item, detection, `field '${item.field}' is written '${u}' in most rules with this log source`)]
      }))
    },
  },
]
