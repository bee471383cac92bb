/** `sentinel_asim`: Microsoft Sentinel ASIM parser functions (pySigma-backend-kusto sentinelasim, plus extensions). */
import type { Pipeline } from '../../../src/pipeline/types.js'
import { SCHEMAS } from '../schema/index.js'
import { builtin, category, item, pipeline, registryKeyItems, tableIs } from './build.js'
import { genericFieldMapping, hashesValues, registryActionType, setQueryTable, tableFieldMapping, validateFields, type TableSelection } from './transforms.js'
import { ASIM_GENERIC_FIELDS, ASIM_TABLE_FIELDS } from './sentinel-asim-fields.js'
import { ASIM_EXTRA_CATEGORIES, ASIM_EXTRA_FIELDS, ASIM_LOGON_EVENTS, asimFallbackTable } from './sentinel-asim-extra.js'
import { mergeMaps, validFieldSets } from './common.js'
import { LOGON_STATE, WINDOWS_LOGON_TYPES, logonEventIds, logonExtensionState, logonTypeValues, type LogonTable } from './windows-logon.js'
import { ruleState } from '../../../src/pipeline/conditions/rule.js'

export const ASIM_CATEGORY_TABLES: Readonly<Record<string, string>> = {
  process_creation: 'imProcessCreate',
  file_access: 'imFileEvent',
  file_change: 'imFileEvent',
  file_delete: 'imFileEvent',
  file_event: 'imFileEvent',
  file_rename: 'imFileEvent',
  registry_add: 'imRegistry',
  registry_delete: 'imRegistry',
  registry_event: 'imRegistry',
  registry_set: 'imRegistry',
  network_connection: 'imNetworkSession',
  proxy: 'imWebSession',
  webserver: 'imWebSession',
}

export const ASIM_EVENTID_TABLES: Readonly<Record<string, string>> = {
  process: 'imProcessCreate',
  logon: 'imAuthentication',
  registry: 'imRegistry',
  file: 'imFileEvent',
  network: 'imNetworkSession',
  image_load: 'imProcessCreate',
  pipe: 'imFileEvent',
  wmi: 'imProcessCreate',
}

const P = 'sentinel_asim'

/** How sentinel_asim picks a parser (exported for the sentinel_tables fallback, sentinel-tables.ts). */
export const ASIM_TABLE_SELECTION: TableSelection = { category: { ...ASIM_EXTRA_CATEGORIES, ...ASIM_CATEGORY_TABLES }, eventIdCategory: ASIM_EVENTID_TABLES, fallback: asimFallbackTable }

export function sentinelAsimPipeline(): Pipeline {
  const schema = SCHEMAS.sentinel_asim
  const tableFields = mergeMaps(ASIM_TABLE_FIELDS, ASIM_EXTRA_FIELDS, schema, Object.keys(ASIM_GENERIC_FIELDS))
  const valid = validFieldSets(schema, tableFields, ASIM_GENERIC_FIELDS)
  const logon: LogonTable = {
    table: 'imAuthentication',
    events: ASIM_LOGON_EVENTS,
    logonTypes: WINDOWS_LOGON_TYPES,
    pySigmaValid: validFieldSets(schema, ASIM_TABLE_FIELDS, ASIM_GENERIC_FIELDS)('imAuthentication') ?? new Set(),
  }
  const logonOn = [ruleState({ key: LOGON_STATE, val: true })]
  return pipeline('Generic Log Sources to Sentinel ASIM tables and fields', [
    item(`${P}_set_query_table`, setQueryTable(ASIM_TABLE_SELECTION)),
    // Extension (windows-logon.ts): logon rules pySigma refuses get EventType/EventResult and EventSubType names.
    item(`${P}_logon_extension_state`, logonExtensionState(logon)),
    item(`${P}_logon_event_id`, logonEventIds(logon), { fields: ['EventID', 'EventCode'], rule: logonOn }),
    item(`${P}_logon_type_value`, logonTypeValues(logon), { fields: ['LogonType'], rule: logonOn }),
    item(`${P}_drop_eventid`, builtin('drop_detection_item'), { fields: ['EventID', 'EventCode', 'ObjectType'] }),
    item(`${P}_table_fieldmappings`, tableFieldMapping(tableFields)),
    item(`${P}_generic_fieldmappings`, genericFieldMapping(ASIM_GENERIC_FIELDS), { notApplied: `${P}_table_fieldmappings` }),
    // pySigma lists PreviousRegistryKey for the first rewrite and RegistryPreviousKey for the others.
    ...registryKeyItems(P, ['RegistryKey', 'PreviousRegistryKey'], ['RegistryKey', 'RegistryPreviousKey']),
    item(`${P}_registry_actiontype_value`, registryActionType(), { fields: ['EventType'] }),
    item(`${P}_processcreate_hashes_field_values`, hashesValues(['MD5', 'SHA1', 'SHA256', 'SHA512', 'IMPHASH'], 'TargetProcess'), { fields: ['Hashes'], rule: [tableIs('imProcessCreate')] }),
    item(`${P}_fileevent_hashes_field_values`, hashesValues(['MD5', 'SHA1', 'SHA256', 'SHA512'], 'TargetFile'), { fields: ['Hashes'], rule: [tableIs('imFileEvent')] }),
    item(`${P}_webrequest_hashes_field_values`, hashesValues(['MD5', 'SHA1', 'SHA256', 'SHA512'], 'File'), { fields: ['Hashes'], rule: [tableIs('imWebSession')] }),
    item(`${P}_network_initiated_field`, builtin('drop_detection_item'), { fields: ['Initiated'], rule: [category('network_connection')] }),
    item(`${P}_unsupported_fields`, validateFields({ valid })),
  ])
}
