/**
 * Extension of azure_monitor: Windows event-log channels other than Security/Sysmon on the Log Analytics `Event`
 * table. The table holds every channel (`EventLog`), the System-section values as columns (EventID, Source, Computer,
 * EventLevel, …) and the event's own fields in `EventData`, an XML string
 * `<DataItem …><EventData …><Data Name="X">value</Data>…</EventData></DataItem>`.
 *
 * A field that is not an Event column is read from EventData the way Microsoft's Sentinel parsers do
 * (Azure/Azure-Sentinel Parsers/Sysmon: `parse_xml(EventData).DataItem.EventData.Data`, then `['@Name']` / `['#text']`):
 * one `mv-apply` stage before the `where` folds the Data elements into a property bag `EventDataFields`
 * (parse_xml: attributes become `@name` keys, element text `#text`, repeated elements an array and a single one an
 * object — hence the `pack_array` for events with one Data element; make_bag/bag_pack build the bag). The stages are
 * the pipeline state `kusto_query_prelude`, which backend.ts inserts between the table and the `| where`; fields are
 * renamed `EventDataFields.<Name>` and listed in state `kusto_bag_fields` (render.ts writes `tostring(…)`).
 *
 * Refused, naming the field: `Data`/`Binary` (unnamed Data strings and the Binary element are not named Data
 * elements), any EventData field of channels whose Data elements have no Sigma names (classic "Windows PowerShell",
 * MSExchange Management: unnamed strings) or other names (Windows Defender writes `New Value`, `Process Name`, …
 * where Sigma uses the manifest names `NewValue`, `ProcessName`); keywords on channels this extension adds, and on
 * any rule that needs the prelude (they would search the raw XML). `unmapped_fields=keep` keeps raw names instead.
 */
import type { Detection, DetectionItem, SigmaRule } from '../../../src/ir/rule.js'
import { fail } from '../../../src/diagnostics.js'
import type { ProcessingItem, RuleCondition, Transformation } from '../../../src/pipeline/types.js'
import { mapRuleDetections } from '../../../src/pipeline/walk.js'
import { builtin, item } from './build.js'
import { WINDOWS_LOGSOURCE_MAPPING } from '../../../src/pipeline/builtin/common.js'

/** How a channel's EventData can be read: named Data elements with Sigma's names, or not. */
type DataNames = 'named' | 'unnamed' | 'spaced'

export interface EventChannel {
  /** The channel(s) as Windows writes them (the Event table's EventLog). */
  readonly logs: readonly string[]
  /** Categories that stand for one event (pySigma windows pipeline: ps_script → 4104, …). */
  readonly eventId?: number
  readonly names: DataNames
  /** True for channels azure_monitor already mapped before this extension (keywords keep their old rendering). */
  readonly legacy?: boolean
}

/** Channels whose Data elements cannot be read by Sigma's field names; every other channel has named Data elements. */
const DATA_NAMES: Readonly<Record<string, DataNames>> = { 'powershell-classic': 'unnamed', 'msexchange-management': 'unnamed', windefend: 'spaced' }
/** Channels azure_monitor mapped before this extension. */
const LEGACY = new Set(['system', 'application'])
const logsOf = (service: string): readonly string[] => [WINDOWS_LOGSOURCE_MAPPING[service] ?? []].flat()
const POWERSHELL = logsOf('powershell')
const CLASSIC = logsOf('powershell-classic')

/** Sigma service → channel: the shared Windows channel table (pySigma common.py), without security and sysmon. */
export const EVENT_SERVICES: Readonly<Record<string, EventChannel>> = Object.fromEntries(
  Object.keys(WINDOWS_LOGSOURCE_MAPPING)
    .filter((service) => service !== 'security' && service !== 'sysmon')
    .map((service) => [service, { logs: logsOf(service), names: DATA_NAMES[service] ?? 'named', ...(LEGACY.has(service) ? { legacy: true } : {}) }]),
)

/** Category → channel and event: pySigma-pipeline-windows windows_generic_category_channel_mapping. */
export const EVENT_CATEGORIES: Readonly<Record<string, EventChannel>> = {
  ps_module: { logs: POWERSHELL, eventId: 4103, names: 'named' },
  ps_script: { logs: POWERSHELL, eventId: 4104, names: 'named' },
  ps_classic_start: { logs: CLASSIC, eventId: 400, names: 'unnamed' },
  ps_classic_provider_start: { logs: CLASSIC, eventId: 600, names: 'unnamed' },
  ps_classic_script: { logs: CLASSIC, eventId: 800, names: 'unnamed' },
}

export function eventChannel(rule: SigmaRule): EventChannel | undefined {
  const { product, category, service } = rule.logsource
  if (product !== 'windows') return undefined
  if (category !== undefined && category !== '') return Object.hasOwn(EVENT_CATEGORIES, category) ? EVENT_CATEGORIES[category] : undefined
  return service !== undefined && Object.hasOwn(EVENT_SERVICES, service) ? EVENT_SERVICES[service] : undefined
}

export const BAG = 'EventDataFields'
export const PRELUDE_STATE = 'kusto_query_prelude'
export const BAG_STATE = 'kusto_bag_fields'

/** The stages between `Event` and `| where`: the channel (and event) filter first, then the bag of Data elements. */
export function eventDataPrelude(ch: EventChannel): string[] {
  const logs = ch.logs.map((l) => JSON.stringify(l))
  const where = [logs.length === 1 ? `EventLog == ${logs[0] as string}` : `EventLog in (${logs.join(', ')})`, ...(ch.eventId === undefined ? [] : [`EventID == ${ch.eventId}`])]
  return [
    `where ${where.join(' and ')}`,
    'extend EventDataItems = parse_xml(EventData).DataItem.EventData.Data',
    `mv-apply EventDataItem = iff(gettype(EventDataItems) == "array", EventDataItems, pack_array(EventDataItems)) on (summarize ${BAG} = make_bag(bag_pack(tostring(EventDataItem["@Name"]), tostring(EventDataItem["#text"]))))`,
  ]
}

/** Sigma names that are not Data elements of EventData. */
const NOT_DATA: Readonly<Record<string, string>> = {
  Data: "the unnamed EventData strings (Sigma's 'Data') have no name to read them by",
  Binary: 'the Binary element of EventData is not a Data element',
}

/**
 * Event columns a Sigma field keeps. `UserName` is left out: in the channels Sigma uses it for (TaskScheduler,
 * SmbClient) it is a Data element, while the column is the account that logged the event.
 */
const columnsKept = (columns: ReadonlySet<string>): ReadonlySet<string> => new Set([...columns].filter((c) => c !== 'UserName'))

function items(d: Detection): DetectionItem[] {
  return d.items.flatMap((x) => (x.kind === 'detection' ? items(x) : [x]))
}

function refuse(x: DetectionItem, why: string): never {
  const at = x.pos ? { line: x.pos.line, column: x.pos.column } : {}
  const name = x.field ?? ''
  return fail('pipeline.kusto_field', `Invalid SigmaDetectionItem field name encountered: ${name}. The Event table has no such column and ${why}.`, { ...at, key: name })
}

/** Moves fields that are not Event columns into EventData (state prelude + bag fields), or refuses them. */
export function eventDataFields(eventColumns: ReadonlySet<string>): Transformation {
  const keep = columnsKept(eventColumns)
  return {
    type: 'kusto_event_data_fields',
    apply: (doc, cx) => {
      if (doc.kind !== 'rule' || cx.run.state.query_table !== 'Event' || cx.run.env.options.unmapped_fields === 'keep') return doc
      const ch = eventChannel(doc)
      if (!ch) return doc
      const all = Object.values(doc.detections).flatMap(items)
      const data = all.filter((x) => x.field !== null && !keep.has(x.field))
      for (const x of data) {
        const f = x.field as string
        if (Object.hasOwn(NOT_DATA, f)) refuse(x, NOT_DATA[f] as string)
        if (ch.names === 'unnamed') refuse(x, `the ${ch.logs.join('/')} events keep their data as unnamed strings`)
        if (ch.names === 'spaced') refuse(x, `the ${ch.logs.join('/')} events name their Data elements differently from Sigma (e.g. 'New Value' for NewValue)`)
      }
      const keyword = all.find((x) => x.field === null)
      if (keyword && (!ch.legacy || data.length > 0))
        fail('pipeline.kusto_keyword', `keywords (values without a field) on the Event table would search the raw EventData XML; name the field instead`, keyword.pos ? { line: keyword.pos.line, column: keyword.pos.column } : {})
      if (data.length === 0) return doc
      const names = new Set<string>()
      const out = mapRuleDetections(doc, (di) => {
        if (di.field === null || keep.has(di.field)) return null
        const field = `${BAG}.${di.field}`
        names.add(field)
        return { ...di, field }
      })
      cx.run.state[PRELUDE_STATE] = eventDataPrelude(ch)
      cx.run.state[BAG_STATE] = [...names]
      return out
    },
  }
}

const noPrelude: RuleCondition = { type: 'kusto_no_event_data_prelude', match: (_doc, run) => run.state[PRELUDE_STATE] === undefined }
const isEvent: RuleCondition = { type: 'kusto_table_event', match: (_doc, run) => run.state.query_table === 'Event' }
const ruleIs = (ch: EventChannel): RuleCondition => ({ type: 'kusto_event_channel', match: (doc) => doc.kind === 'rule' && eventChannel(doc) === ch })

/**
 * A rule without EventData fields gets the channel (and category event) as a condition, as before; with the prelude,
 * the channel filter is its first stage instead.
 */
export function eventChannelItems(prefix: string): ProcessingItem[] {
  const entries = [...Object.entries(EVENT_SERVICES), ...Object.entries(EVENT_CATEGORIES)]
  return entries.map(([name, ch]) => {
    const log = ch.logs.length === 1 ? ch.logs[0] : ch.logs
    const conditions = ch.eventId === undefined ? { EventLog: log } : { EventLog: log, EventID: ch.eventId }
    return item(`${prefix}_event_channel_${name}`, builtin('add_condition', { conditions }), { rule: [isEvent, ruleIs(ch), noPrelude] })
  })
}
