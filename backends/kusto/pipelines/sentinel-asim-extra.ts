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
}
