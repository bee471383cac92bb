/**
 * A Windows event export (evtx_dump JSON, the SigmaHQ regression format) flattened the way Windows log
 * agents expose it to Sigma rules (Splunk's XmlWinEventLog, NXLog, Winlogbeat's `winlog.*`):
 *   System:   `EventID`, `Channel`, `Computer`, `Level`, … as they are; an element's attributes as
 *             `<Element>_<Attribute>` (`Provider_Name`, `Provider_Guid`, `TimeCreated_SystemTime`,
 *             `Execution_ProcessID`, `Security_UserID`); an element's text (`#text`) under its own name.
 *   EventData: each named datum by its name (`Image`, `CommandLine`, …); `<Data Name="x">` lists too.
 *   UserData:  the fields of its one child element by name (e.g. WMI `Operation`), nested ones too.
 * System names win over data names. Winlogbeat's raw names (`winlog.channel`, `winlog.event_id`,
 * `winlog.provider_name`, `winlog.computer_name`, `winlog.event_data.X`, `winlog.user_data.X`) are aliases.
 */
import { isRecord } from './record.js'

export interface WindowsFields {
  /** Flattened field → value (arrays are kept; the lookup flattens them). */
  readonly fields: ReadonlyMap<string, unknown>
  /** Winlogbeat name → flattened field name. */
  readonly aliases: ReadonlyMap<string, string>
}

const ATTRS = '#attributes'
const TEXT = '#text'

/** An element's value: its text when it has attributes or children, else itself. */
const text = (v: unknown): unknown => (isRecord(v) && Object.hasOwn(v, TEXT) ? v[TEXT] : v)

function flattenSystem(sys: Record<string, unknown>, set: (k: string, v: unknown) => void): void {
  for (const [name, v] of Object.entries(sys)) {
    if (!isRecord(v)) {
      set(name, v)
      continue
    }
    if (Object.hasOwn(v, TEXT)) set(name, v[TEXT])
    const attrs = v[ATTRS]
    if (isRecord(attrs)) for (const [a, av] of Object.entries(attrs)) set(`${name}_${a}`, av)
  }
}

function flattenEventData(data: unknown, set: (k: string, v: unknown) => void): string[] {
  if (!isRecord(data)) return []
  const names: string[] = []
  for (const [name, v] of Object.entries(data)) {
    if (name === ATTRS) continue
    if (name === 'Data' && Array.isArray(v)) {
      // Unrolled `<Data Name="x">y</Data>` elements; unnamed ones stay together under `Data`.
      const unnamed: unknown[] = []
      for (const d of v) {
        const n = isRecord(d) && isRecord(d[ATTRS]) ? d[ATTRS].Name : undefined
        if (typeof n === 'string') {
          set(n, text(d))
          names.push(n)
        } else unnamed.push(text(d))
      }
      if (unnamed.length > 0) set('Data', unnamed)
      continue
    }
    set(name, text(v))
    names.push(name)
  }
  return names
}

/** UserData holds one element whose children are the fields; nested elements are flattened by leaf name. */
function flattenUserData(data: unknown, set: (k: string, v: unknown) => void): string[] {
  if (!isRecord(data)) return []
  const names: string[] = []
  const walk = (node: Record<string, unknown>, depth: number): void => {
    for (const [name, v] of Object.entries(node)) {
      if (name === ATTRS) continue
      if (isRecord(v) && !Object.hasOwn(v, TEXT) && depth < 8) walk(v, depth + 1)
      else {
        set(name, text(v))
        names.push(name)
      }
    }
  }
  for (const [name, child] of Object.entries(data)) if (name !== ATTRS && isRecord(child)) walk(child, 0)
  return names
}

export function windowsFields(event: Record<string, unknown>): WindowsFields {
  const ev = event.Event
  const fields = new Map<string, unknown>()
  const aliases = new Map<string, string>()
  if (!isRecord(ev)) return { fields, aliases }
  const set = (k: string, v: unknown): void => {
    if (!fields.has(k)) fields.set(k, v)
  }
  if (isRecord(ev.System)) flattenSystem(ev.System, set)
  for (const n of flattenEventData(ev.EventData, set)) aliases.set(`winlog.event_data.${n}`, n)
  for (const n of flattenUserData(ev.UserData, set)) aliases.set(`winlog.user_data.${n}`, n)
  const system: readonly [string, string][] = [
    ['winlog.channel', 'Channel'],
    ['winlog.event_id', 'EventID'],
    ['winlog.provider_name', 'Provider_Name'],
    ['winlog.computer_name', 'Computer'],
    ['winlog.record_id', 'EventRecordID'],
  ]
  for (const [alias, name] of system) if (fields.has(name)) aliases.set(alias, name)
  return { fields, aliases }
}
