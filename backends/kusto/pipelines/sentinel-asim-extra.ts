/** Extensions to pySigma's mappings (used only where pySigma finds no table or no mapping). */
import type { SigmaRule } from '../../../src/ir/rule.js'
import type { FieldMap } from './transforms.js'

export const ASIM_EXTRA_CATEGORIES: Readonly<Record<string, string>> = {}
export const ASIM_EXTRA_FIELDS: Readonly<Record<string, FieldMap>> = {}
export function asimFallbackTable(rule: SigmaRule): string | undefined {
  void rule
  return undefined
}
