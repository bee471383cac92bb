/**
 * Extension: Windows Security logon events (4624/4625/…) on the logon table pySigma already picks by EventID
 * (`DeviceLogonEvents` in microsoft_xdr, `imAuthentication` in sentinel_asim).
 *
 * pySigma drops the EventID there and keeps LogonType's Windows number, so it converts only rules whose other fields
 * are columns (and then matches every logon event). For the rules pySigma refuses, the extension converts faithfully:
 * the EventID becomes the table's event-kind condition, LogonType numbers become the names the table stores, and the
 * pipelines' extra field maps (microsoft-xdr-extra.ts, sentinel-asim-extra.ts) name the columns. Rules pySigma
 * converts keep its output (conformance), which is why the extension is switched on per rule (`kusto_logon_extension`).
 *
 * Sources: Microsoft Learn "DeviceLogonEvents" (LogonType values) and Microsoft's own ASIM Authentication parsers for
 * Defender (ASimAuthenticationM365Defender: ActionType LogonSuccess/LogonFailed, RemoteIP/RemoteDeviceName = source,
 * AccountSid/AccountName = target) and for Windows events (ASimAuthenticationMicrosoftWindowsEvent: EventType
 * Logon/Logoff, EventResult Failure for 4625, EventSubType = the Windows LogonType name).
 */
import type { Detection, DetectionItem, SigmaRule } from '../../../src/ir/rule.js'
import type { Value } from '../../../src/ir/value.js'
import { fail } from '../../../src/diagnostics.js'
import type { Transformation } from '../../../src/pipeline/types.js'
import { itemTransform, markRule, valueTransform } from '../../../src/pipeline/transforms/base.js'
import { plain, sigmaStr } from '../../../src/pipeline/values.js'

export const LOGON_STATE = 'kusto_logon_extension'

/** Column conditions (and-ed) that select one Windows event in the logon table. */
export type EventCondition = Readonly<Record<string, string>>

export interface LogonTable {
  readonly table: string
  readonly events: Readonly<Record<number, EventCondition>>
  /** Windows LogonType number → the value(s) the table stores. */
  readonly logonTypes: Readonly<Record<number, readonly string[]>>
  /** Names pySigma accepts on the table (columns, its mapping keys, generic keys, Hashes). */
  readonly pySigmaValid: ReadonlySet<string>
}

const DROPPED = new Set(['EventID', 'EventCode', 'ObjectType'])

/** Whether pySigma refuses the rule on this table (a field it cannot name, a field reference or a `cased` value). */
function pySigmaRefuses(d: Detection, valid: ReadonlySet<string>): boolean {
  return d.items.some((x) => {
    if (x.kind === 'detection') return pySigmaRefuses(x, valid)
    if (x.values.some((v) => v.type === 'fieldref' || (v.type === 'str' && v.cased))) return true
    return x.field !== null && !DROPPED.has(x.field) && !valid.has(x.field)
  })
}

/** Sets state `kusto_logon_extension` for Windows rules on the logon table that pySigma would refuse. */
export function logonExtensionState(t: LogonTable): Transformation {
  return {
    type: 'kusto_logon_extension_state',
    apply: (doc, cx) => {
      if (doc.kind !== 'rule') return doc
      const rule: SigmaRule = doc
      const on = cx.run.state.query_table === t.table && rule.logsource.product === 'windows' && Object.values(rule.detections).some((d) => pySigmaRefuses(d, t.pySigmaValid))
      if (on) {
        cx.run.state[LOGON_STATE] = true
        markRule(cx)
      }
      return doc
    },
  }
}

function numberOf(v: Value): number | undefined {
  const text = v.type === 'num' ? String(v.value) : v.type === 'str' ? plain(v) : ''
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined
}

const item = (from: DetectionItem, field: string, value: string): DetectionItem => ({
  kind: 'item',
  field,
  modifiers: [],
  values: [sigmaStr(value)],
  link: 'or',
  negated: false,
  applied: [],
  originalField: from.originalField,
  ...(from.pos ? { pos: from.pos } : {}),
})

/** EventID values → the table's event conditions (or-ed); an event the table does not record is refused by value. */
export function logonEventIds(t: LogonTable): Transformation {
  return itemTransform('kusto_logon_event_id', (di) => {
    const where = { ...(di.pos ? { line: di.pos.line, column: di.pos.column } : {}), key: di.field ?? 'EventID' }
    if (di.negated || di.modifiers.length > 0) return fail('pipeline.kusto_field', `${di.field ?? 'EventID'} with modifiers cannot be mapped to ${t.table} events`, where)
    const alternatives = di.values.map((v): Detection => {
      const id = numberOf(v)
      const cond = id === undefined ? undefined : t.events[id]
      if (!cond) {
        const known = Object.keys(t.events).join(', ')
        return fail('pipeline.kusto_field', `${t.table} has no documented event for Windows EventID ${id ?? JSON.stringify(v)} (it maps EventID ${known}); the rule cannot be converted faithfully.`, where)
      }
      return { kind: 'detection', link: 'and', items: Object.entries(cond).map(([f, val]) => item(di, f, val)) }
    })
    return { kind: 'detection', link: 'or', items: alternatives }
  })
}

/** Windows LogonType numbers → the table's names; an undocumented type is refused by value. */
export function logonTypeValues(t: LogonTable): Transformation {
  return valueTransform('kusto_logon_type_value', (field, v) => {
    const n = numberOf(v)
    const names = n === undefined ? undefined : t.logonTypes[n]
    if (!names) {
      const known = Object.keys(t.logonTypes).join(', ')
      return fail('pipeline.kusto_field', `LogonType ${n ?? JSON.stringify(v)} has no documented ${t.table} value (documented: ${known}).`, { key: field ?? 'LogonType' })
    }
    return names.map((s) => sigmaStr(s))
  })
}

/** Windows logon type names (event 4624 documentation; Microsoft's ASIM Windows parsers use the same names). */
export const WINDOWS_LOGON_TYPES: Readonly<Record<number, readonly string[]>> = {
  2: ['Interactive'],
  3: ['Network'],
  4: ['Batch'],
  5: ['Service'],
  7: ['Unlock'],
  8: ['NetworkCleartext'],
  9: ['NewCredentials'],
  10: ['RemoteInteractive'],
  11: ['CachedInteractive'],
}

/**
 * Defender documents five LogonType values (Interactive, Remote interactive (RDP) logons, Network, Batch, Service);
 * Microsoft's Defender ASIM parser reads RemoteInteractive from either spelling. Other Windows types are refused.
 */
export const DEFENDER_LOGON_TYPES: Readonly<Record<number, readonly string[]>> = {
  2: ['Interactive'],
  3: ['Network'],
  4: ['Batch'],
  5: ['Service'],
  10: ['RemoteInteractive', 'Remote interactive (RDP) logons'],
}
