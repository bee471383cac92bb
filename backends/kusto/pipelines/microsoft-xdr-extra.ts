/** Extensions to pySigma's microsoft_xdr mappings (used only where pySigma finds no table or no mapping). */
import type { SigmaRule } from '../../../src/ir/rule.js'
import type { FieldMap } from './transforms.js'

export const XDR_EXTRA_CATEGORIES: Readonly<Record<string, string>> = {}
export const XDR_EXTRA_FIELDS: Readonly<Record<string, FieldMap>> = {}
export function xdrFallbackTable(rule: SigmaRule): string | undefined {
  void rule
  return undefined
}
