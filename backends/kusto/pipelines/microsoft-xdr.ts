/** `microsoft_xdr`: Defender XDR advanced-hunting tables (pySigma-backend-kusto microsoftxdr, plus extensions). */
import type { Pipeline } from '../../../src/pipeline/types.js'
import { SCHEMAS } from '../schema/index.js'
import { builtin, category, item, pipeline, registryKeyItems, tableIs } from './build.js'
import { genericFieldMapping, hashesValues, parentImageValue, registryActionType, setQueryTable, splitDomainUser, tableFieldMapping, validateFields, type FieldMap, type TableSelection } from './transforms.js'
import { XDR_ACTION_TYPES, XDR_DYNAMIC_FIELDS, XDR_EXTRA_CATEGORIES, XDR_EXTRA_FIELDS, XDR_LOGON_EVENTS, pipeNameValue, xdrFallbackTable } from './microsoft-xdr-extra.js'
import { mergeMaps, validFieldSets } from './common.js'
import { DEFENDER_LOGON_TYPES, LOGON_STATE, logonEventIds, logonExtensionState, logonTypeValues, type LogonTable } from './windows-logon.js'
import { ruleState } from '../../../src/pipeline/conditions/rule.js'

export const XDR_CATEGORY_TABLES: Readonly<Record<string, string>> = {
  process_creation: 'DeviceProcessEvents',
  image_load: 'DeviceImageLoadEvents',
  file_access: 'DeviceFileEvents',
  file_change: 'DeviceFileEvents',
  file_delete: 'DeviceFileEvents',
  file_event: 'DeviceFileEvents',
  file_rename: 'DeviceFileEvents',
  registry_add: 'DeviceRegistryEvents',
  registry_delete: 'DeviceRegistryEvents',
  registry_event: 'DeviceRegistryEvents',
  registry_set: 'DeviceRegistryEvents',
  network_connection: 'DeviceNetworkEvents',
}

export const XDR_EVENTID_TABLES: Readonly<Record<string, string>> = {
  process: 'DeviceProcessEvents',
  logon: 'DeviceLogonEvents',
  registry: 'DeviceRegistryEvents',
  file: 'DeviceFileEvents',
  network: 'DeviceNetworkEvents',
  image_load: 'DeviceImageLoadEvents',
  pipe: 'DeviceEvents',
  wmi: 'DeviceEvents',
}

const VERSION_INFO = (prefix: string): FieldMap => ({
  FileVersion: `${prefix}VersionInfoProductVersion`,
  Description: `${prefix}VersionInfoFileDescription`,
  Product: `${prefix}VersionInfoProductName`,
  Company: `${prefix}VersionInfoCompanyName`,
  OriginalFileName: `${prefix}VersionInfoOriginalFileName`,
})

/** pySigma MICROSOFT_XDR_FIELD_MAPPINGS.table_mappings. */
export const XDR_TABLE_FIELDS: Readonly<Record<string, FieldMap>> = {
  DeviceProcessEvents: {
    ProcessId: 'ProcessId',
    Image: 'FolderPath',
    ...VERSION_INFO('Process'),
    CommandLine: 'ProcessCommandLine',
    User: 'AccountName',
    LogonId: 'LogonId',
    IntegrityLevel: 'ProcessIntegrityLevel',
    sha1: 'SHA1',
    sha256: 'SHA256',
    md5: 'MD5',
    ParentProcessId: 'InitiatingProcessId',
    ParentImage: 'InitiatingProcessFolderPath',
    ParentCommandLine: 'InitiatingProcessCommandLine',
    ParentUser: 'InitiatingProcessAccountName',
    GrandParentImage: 'InitiatingProcessParentFileName',
  },
  DeviceImageLoadEvents: {
    ProcessId: 'InitiatingProcessId',
    Image: 'InitiatingProcessFolderPath',
    ImageLoaded: 'FolderPath',
    ...VERSION_INFO('InitiatingProcess'),
    sha1: 'SHA1',
    sha256: 'SHA256',
    md5: 'MD5',
    User: 'InitiatingProcessAccountName',
  },
  DeviceFileEvents: {
    ProcessId: 'InitiatingProcessId',
    Image: 'InitiatingProcessFolderPath',
    TargetFilename: 'FolderPath',
    User: 'RequestAccountName',
    sha1: 'SHA1',
    sha256: 'SHA256',
    md5: 'MD5',
    ObjectName: 'FolderPath',
    IntegrityLevel: 'InitiatingProcessIntegrityLevel',
  },
  DeviceNetworkEvents: {
    ProcessId: 'InitiatingProcessId',
    Image: 'InitiatingProcessFolderPath',
    User: 'InitiatingProcessAccountName',
    Protocol: 'Protocol',
    SourceIp: 'LocalIP',
    SourceHostname: 'DeviceName',
    SourcePort: 'LocalPort',
    DestinationIp: 'RemoteIP',
    DestinationHostname: 'RemoteUrl',
    DestinationPort: 'RemotePort',
  },
  DeviceRegistryEvents: {
    EventType: 'ActionType',
    ProcessId: 'InitiatingProcessId',
    Image: 'InitiatingProcessFolderPath',
    TargetObject: 'RegistryKey',
    Details: 'RegistryValueData',
    User: 'InitiatingProcessAccountName',
    ObjectName: 'RegistryKey',
  },
}

export const XDR_GENERIC_FIELDS: Readonly<Record<string, string>> = {
  EventType: 'ActionType',
  User: 'InitiatingProcessAccountName',
  CommandLine: 'InitiatingProcessCommandLine',
  Image: 'InitiatingProcessFolderPath',
  ProcessName: 'InitiatingProcessFolderPath',
  SourceImage: 'InitiatingProcessFolderPath',
  ProcessId: 'InitiatingProcessId',
  md5: 'InitiatingProcessMD5',
  sha1: 'InitiatingProcessSHA1',
  sha256: 'InitiatingProcessSHA256',
  ParentProcessId: 'InitiatingProcessParentId',
  ParentCommandLine: 'InitiatingProcessParentCommandLine',
  Company: 'InitiatingProcessVersionInfoCompanyName',
  Description: 'InitiatingProcessVersionInfoFileDescription',
  OriginalFileName: 'InitiatingProcessVersionInfoOriginalFileName',
  Product: 'InitiatingProcessVersionInfoProductName',
}

const P = 'microsoft_xdr'

/** How microsoft_xdr picks its table (also asked by the `sentinel_tables` option, see sentinel-tables.ts). */
export const XDR_TABLE_SELECTION: TableSelection = {
  category: { ...XDR_EXTRA_CATEGORIES, ...XDR_CATEGORY_TABLES },
  eventIdCategory: XDR_EVENTID_TABLES,
  fallback: xdrFallbackTable,
  dynamicFields: XDR_DYNAMIC_FIELDS,
}

export function microsoftXdrPipeline(opts: { readonly transformParentImage?: boolean } = {}): Pipeline {
  const schema = SCHEMAS.microsoft_xdr
  const tableFields = mergeMaps(XDR_TABLE_FIELDS, XDR_EXTRA_FIELDS, schema, [...Object.keys(XDR_GENERIC_FIELDS), 'ParentImage'])
  // pySigma's valid names: columns + the table's mapping keys + generic keys + Hashes (its own mappings only).
  const valid = validFieldSets(schema, tableFields, XDR_GENERIC_FIELDS, XDR_DYNAMIC_FIELDS)
  const parentImage = opts.transformParentImage ?? true
  const notProcessCreation = { rule: [category('process_creation')], ruleNot: true }
  const logon: LogonTable = {
    table: 'DeviceLogonEvents',
    events: XDR_LOGON_EVENTS,
    logonTypes: DEFENDER_LOGON_TYPES,
    pySigmaValid: new Set([...(validFieldSets(schema, XDR_TABLE_FIELDS, XDR_GENERIC_FIELDS)('DeviceLogonEvents') ?? []), 'ParentImage']),
  }
  const logonOn = [ruleState({ key: LOGON_STATE, val: true })]
  return pipeline('Generic Log Sources to Windows XDR tables and fields', [
    item(`${P}_set_query_table`, setQueryTable(XDR_TABLE_SELECTION)),
    // Extension (windows-logon.ts): logon rules pySigma refuses get the event's ActionType and Defender's LogonType names.
    item(`${P}_logon_extension_state`, logonExtensionState(logon)),
    item(`${P}_logon_event_id`, logonEventIds(logon), { fields: ['EventID', 'EventCode'], rule: logonOn }),
    item(`${P}_logon_type_value`, logonTypeValues(logon), { fields: ['LogonType'], rule: logonOn }),
    item(`${P}_drop_eventid`, builtin('drop_detection_item'), { fields: ['EventID', 'EventCode', 'ObjectType'] }),
    // Extension: DeviceEvents holds many kinds of events; the category's ActionType selects one.
    ...Object.entries(XDR_ACTION_TYPES).map(([c, actionType]) =>
      item(`${P}_action_type_${c}`, builtin('add_condition', { conditions: { ActionType: actionType } }), { rule: [category(c), tableIs('DeviceEvents')] }),
    ),
    item(`${P}_pipe_name_value`, pipeNameValue(), { fields: ['PipeName'], rule: [category('pipe_created'), tableIs('DeviceEvents')] }),
    item(`${P}_table_fieldmappings`, tableFieldMapping(tableFields)),
    item(`${P}_generic_fieldmappings`, genericFieldMapping(XDR_GENERIC_FIELDS), { notApplied: `${P}_table_fieldmappings` }),
    ...(parentImage
      ? [
          item(`${P}_parent_image_fieldmapping`, builtin('field_name_mapping', { mapping: { ParentImage: 'InitiatingProcessParentFileName' } }), notProcessCreation),
          item(`${P}_parent_image_name_value`, parentImageValue(), { ...notProcessCreation, fields: ['InitiatingProcessParentFileName'] }),
        ]
      : []),
    ...registryKeyItems(P, ['RegistryKey', 'PreviousRegistryKey'], ['RegistryKey', 'PreviousRegistryKey']),
    item(`${P}_registry_actiontype_value`, registryActionType(), { fields: ['ActionType'] }),
    item(`${P}_domain_username_extract`, splitDomainUser(), { fields: ['AccountName', 'InitiatingProcessAccountName'] }),
    item(`${P}_hashes_field_values`, hashesValues(['MD5', 'SHA1', 'SHA256'], ''), { fields: ['Hashes'] }),
    item(`${P}_network_initiated_field`, builtin('drop_detection_item'), { fields: ['Initiated'], rule: [category('network_connection')] }),
    item(`${P}_unsupported_fields`, validateFields({ valid })),
  ])
}
