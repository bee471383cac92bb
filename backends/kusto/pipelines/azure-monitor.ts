/** `azure_monitor`: Log Analytics tables used by Microsoft Sentinel (pySigma-backend-kusto azuremonitor, plus extensions). */
import type { Pipeline } from '../../../src/pipeline/types.js'
import { SCHEMAS } from '../schema/index.js'
import { builtin, category, item, pipeline, registryKeyItems, tableIs } from './build.js'
import { hashesValues, keywordsToField, registryActionType, setQueryTable, tableFieldMapping, validateFields } from './transforms.js'
import { MONITOR_GENERIC_FIELDS, MONITOR_TABLE_FIELDS } from './azure-monitor-fields.js'
import { MONITOR_EXTRA_CATEGORIES, MONITOR_EXTRA_FIELDS, monitorFallbackTable } from './azure-monitor-extra.js'
import { eventChannelItems, eventDataFields } from './event-data.js'
import { mergeMaps, validFieldSets } from './common.js'
import { deviceFallback, forTables } from './azure-monitor-device.js'
import { microsoftXdrPipeline } from './microsoft-xdr.js'
import { XDR_DYNAMIC_FIELDS } from './microsoft-xdr-extra.js'

const CATEGORIES = [
  'process_creation', 'image_load', 'file_access', 'file_change', 'file_delete', 'file_event', 'file_rename',
  'registry_add', 'registry_delete', 'registry_event', 'registry_set', 'network_connection',
]
export const MONITOR_CATEGORY_TABLES: Readonly<Record<string, string>> = Object.fromEntries(CATEGORIES.map((c) => [c, 'SecurityEvent']))
export const MONITOR_EVENTID_TABLES: Readonly<Record<string, string>> = Object.fromEntries(
  ['process', 'logon', 'registry', 'file', 'network', 'image_load', 'pipe', 'wmi'].map((c) => [c, 'SecurityEvent']),
)

const P = 'azure_monitor'
const REGISTRY_FIELDS = ['RegistryKey', 'RegistryPreviousKey', 'ObjectName']

export function azureMonitorPipeline(): Pipeline {
  const schema = SCHEMAS.azure_monitor
  const tableFields = mergeMaps(MONITOR_TABLE_FIELDS, MONITOR_EXTRA_FIELDS, schema, Object.keys(MONITOR_GENERIC_FIELDS))
  const valid = validFieldSets(schema, tableFields, MONITOR_GENERIC_FIELDS)
  const monitorItems = [
    item(`${P}_table_fieldmappings`, tableFieldMapping(tableFields)),
    // Extension: fields of other Windows channels are read from the Event table's EventData XML (event-data.ts).
    item(`${P}_event_data_fields`, eventDataFields(new Set(Object.keys(schema.Event ?? {})))),
    // Extension: the Event table holds every channel, so a rule for one channel gets an EventLog condition.
    ...eventChannelItems(P),
    // Extension: Syslog events are one free-text message, so a keyword searches it.
    item(`${P}_syslog_keywords`, keywordsToField('SyslogMessage'), { rule: [tableIs('Syslog')] }),
    item(`${P}_drop_fields`, builtin('drop_detection_item'), { fields: ['ObjectType'] }),
    ...registryKeyItems(P, REGISTRY_FIELDS, REGISTRY_FIELDS),
    item(`${P}_registry_actiontype_value`, registryActionType(), { fields: ['EventType'] }),
    item(`${P}_securityevent_hashes_field_values`, hashesValues(['MD5', 'SHA1', 'SHA256'], 'FileHash', true), { fields: ['FileHash'], rule: [tableIs('SecurityEvent')] }),
    item(`${P}_hashes_field_values`, hashesValues(['MD5', 'SHA1', 'SHA256'], ''), { fields: ['Hashes'], rule: [tableIs('SecurityEvent')], ruleNot: true }),
    item(`${P}_network_initiated_field`, builtin('drop_detection_item'), { fields: ['Initiated'], rule: [category('network_connection')] }),
    item(`${P}_unsupported_fields`, validateFields({ valid })),
  ].map(forTables(false))
  // Extension: the Defender XDR tables in the workspace, with the microsoft_xdr items (see azure-monitor-device.ts).
  const deviceItems = microsoftXdrPipeline().items.filter((i) => !i.id.endsWith('_set_query_table')).map(forTables(true))
  const refine = deviceFallback(monitorItems, deviceItems)
  const categories = { ...MONITOR_EXTRA_CATEGORIES, ...MONITOR_CATEGORY_TABLES }
  return pipeline('Generic Log Sources to Azure Monitor tables and fields', [
    item(`${P}_set_query_table`, setQueryTable({ category: categories, eventIdCategory: MONITOR_EVENTID_TABLES, fallback: monitorFallbackTable, refine, dynamicFields: XDR_DYNAMIC_FIELDS })),
    ...monitorItems,
    ...deviceItems,
  ])
}
