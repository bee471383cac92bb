/**
 * Extensions to pySigma's sentinel_asim pipeline (only where pySigma finds no table or no mapping).
 * Columns: schema/sentinel_asim.json (ASIM schema references).
 */
import type { SigmaRule } from '../../../src/ir/rule.js'
import type { FieldMap } from './transforms.js'

export const ASIM_EXTRA_CATEGORIES: Readonly<Record<string, string>> = {
  dns_query: '_Im_Dns',
  dns: '_Im_Dns',
}

export function asimFallbackTable(rule: SigmaRule): string | undefined {
  void rule
  return undefined
}

export const ASIM_EXTRA_FIELDS: Readonly<Record<string, FieldMap>> = {
  _Im_Dns: { query: 'DnsQuery', answer: 'DnsResponseName', record_type: 'DnsQueryTypeName', 'c-ip': 'SrcIpAddr' },
  // Microsoft's ASIM Windows logon parsers store the Windows logon type's name in EventSubType (windows-logon.ts
  // converts the number).
  imAuthentication: { LogonType: 'EventSubType' },
}

/**
 * Windows EventID → imAuthentication conditions, as Microsoft's ASIM Windows parsers set them (EventType Logon for
 * 4624/4625, Logoff for 4634/4647; EventResult Failure only for 4625). The two logoff events share EventType Logoff.
 * EventOriginalType holds the id too, but typed int by the SecurityEvent parser and string by others, so a comparison
 * on it is not portable across the unifying parser.
 */
export const ASIM_LOGON_EVENTS: Readonly<Record<number, Readonly<Record<string, string>>>> = {
  4624: { EventType: 'Logon', EventResult: 'Success' },
  4625: { EventType: 'Logon', EventResult: 'Failure' },
  4634: { EventType: 'Logoff' },
  4647: { EventType: 'Logoff' },
}
