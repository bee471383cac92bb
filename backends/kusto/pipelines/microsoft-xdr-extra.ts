/**
 * Extensions to pySigma's microsoft_xdr mappings (used only where pySigma finds no table or no mapping).
 *
 * Sysmon categories Defender for Endpoint records in DeviceEvents, told apart by ActionType (Microsoft Learn,
 * "DeviceEvents table in the advanced hunting schema" and its ActionType reference): the acting process is the
 * InitiatingProcess*, the target process or file is FileName / FolderPath / ProcessId, and event details are in
 * the JSON column AdditionalFields. Fields Defender does not record (GrantedAccess as Sysmon's hex mask, CallTrace,
 * StartAddress/StartModule/StartFunction, Signed/Signature) have no mapping, so rules using them are refused by name.
 */
import type { SigmaRule } from '../../../src/ir/rule.js'
import type { Transformation } from '../../../src/pipeline/types.js'
import { fail } from '../../../src/diagnostics.js'
import { valueTransform } from '../../../src/pipeline/transforms/base.js'
import type { FieldMap } from './transforms.js'

export const XDR_EXTRA_CATEGORIES: Readonly<Record<string, string>> = {
  pipe_created: 'DeviceEvents',
  create_remote_thread: 'DeviceEvents',
  process_access: 'DeviceEvents',
  driver_load: 'DeviceEvents',
}

/** The DeviceEvents ActionType of each category above (added as a condition). */
export const XDR_ACTION_TYPES: Readonly<Record<string, string>> = {
  pipe_created: 'NamedPipeEvent',
  create_remote_thread: 'CreateRemoteThreadApiCall',
  process_access: 'OpenProcessApiCall',
  driver_load: 'DriverLoad',
}

/** Mapping targets inside JSON columns (rendered `tostring(parse_json(AdditionalFields).PipeName)`). */
export const XDR_DYNAMIC_FIELDS: readonly string[] = ['AdditionalFields.PipeName']

const TARGET_PROCESS: FieldMap = { TargetImage: 'FolderPath', TargetProcessId: 'ProcessId', SourceProcessId: 'InitiatingProcessId', SourceUser: 'InitiatingProcessAccountName' }

/** `<table>/<category>` keys apply to that category only (see tableFieldMapping). */
export const XDR_EXTRA_FIELDS: Readonly<Record<string, FieldMap>> = {
  'DeviceEvents/pipe_created': { PipeName: 'AdditionalFields.PipeName' },
  'DeviceEvents/create_remote_thread': TARGET_PROCESS,
  'DeviceEvents/process_access': TARGET_PROCESS,
  'DeviceEvents/driver_load': { ImageLoaded: 'FolderPath', sha1: 'SHA1', sha256: 'SHA256', md5: 'MD5' },
  // Windows logon events (4624/4625) → DeviceLogonEvents, as Microsoft's ASIM parsers pair them: Account* is the
  // account logged on (TargetUser*), Remote* the source of the logon (IpAddress, WorkstationName), InitiatingProcess*
  // the requesting account (Subject*). AuthenticationPackageName, LogonProcessName, Status, … have no documented
  // equivalent and are refused by name.
  DeviceLogonEvents: {
    TargetUserName: 'AccountName',
    TargetDomainName: 'AccountDomain',
    TargetUserSid: 'AccountSid',
    IpAddress: 'RemoteIP',
    WorkstationName: 'RemoteDeviceName',
    SubjectUserName: 'InitiatingProcessAccountName',
    SubjectDomainName: 'InitiatingProcessAccountDomain',
    SubjectUserSid: 'InitiatingProcessAccountSid',
  },
}

/** Windows EventID → DeviceLogonEvents ActionType (windows-logon.ts; other logon EventIDs are refused). */
export const XDR_LOGON_EVENTS: Readonly<Record<number, Readonly<Record<string, string>>>> = {
  4624: { ActionType: 'LogonSuccess' },
  4625: { ActionType: 'LogonFailed' },
}

export function xdrFallbackTable(rule: SigmaRule): string | undefined {
  void rule
  return undefined
}

const PIPE_PREFIX = '\\Device\\NamedPipe'

/**
 * Defender records a pipe as `\Device\NamedPipe\name`, Sysmon as `\name`: a value that starts with a literal
 * backslash (exact or startswith) gets the device prefix; values starting with a wildcard are unchanged. A regular
 * expression cannot be rewritten safely, so it is refused.
 */
export function pipeNameValue(): Transformation {
  return valueTransform('kusto_pipe_name_value', (field, v) => {
    if (v.type === 're') return fail('pipeline.kusto_field', `PipeName with a regular expression cannot be mapped to Defender's \\Device\\NamedPipe\\… names`, { key: field ?? 'PipeName' })
    if (v.type !== 'str') return null
    const first = v.parts[0]
    if (typeof first !== 'string' || !first.startsWith('\\')) return null
    return { ...v, parts: [PIPE_PREFIX + first, ...v.parts.slice(1)] }
  })
}
