/** Shared by the three Kusto pipelines: merging extension mappings safely, and the valid-field sets. */
import type { Schema } from '../schema/index.js'
import type { FieldMap } from './transforms.js'

/**
 * Adds extension mappings without changing anything pySigma converts: a key is only added to a table when
 * pySigma has no mapping for it there, it is not a column of that table (pySigma keeps such names raw) and it is
 * not handled by a later generic step (`reserved`).
 */
export function mergeMaps(
  base: Readonly<Record<string, FieldMap>>,
  extra: Readonly<Record<string, FieldMap>>,
  schema: Schema,
  reserved: readonly string[] = [],
): Readonly<Record<string, FieldMap>> {
  const out: Record<string, Record<string, string | readonly string[]>> = {}
  for (const [t, m] of Object.entries(base)) out[t] = existingTargets(m, schema[t])
  for (const [t, m] of Object.entries(extra)) {
    const cols = schema[t] ?? {}
    const target = (out[t] ??= {})
    // `<table>/<category>` keys serve categories pySigma has no table for, so they cannot change its output.
    const perCategory = t.includes('/')
    for (const [k, v] of Object.entries(m)) {
      if (Object.hasOwn(target, k) || (!perCategory && (Object.hasOwn(cols, k) || reserved.includes(k))) || k === 'Hashes') continue
      target[k] = v
    }
  }
  return out
}

/**
 * pySigma maps some fields to columns the table does not have (SecurityEvent `DestinationIp`, imProcessCreate
 * `TargetProcessFilename`, …), which makes Kusto reject the whole query. Such targets are dropped, so the field is
 * refused by name instead (deviation `nonexistent-column`).
 */
function existingTargets(m: FieldMap, cols: Readonly<Record<string, string>> | undefined): Record<string, string | readonly string[]> {
  if (!cols) return { ...m }
  const out: Record<string, string | readonly string[]> = {}
  for (const [k, v] of Object.entries(m)) {
    const targets = (typeof v === 'string' ? [v] : v).filter((t) => Object.hasOwn(cols, t))
    if (targets.length === 0) continue
    out[k] = typeof v === 'string' ? v : targets.length === 1 ? (targets[0] as string) : targets
  }
  return out
}

/**
 * pySigma `_get_valid_fields`: the table's columns, its mapping keys, the generic mapping keys and `Hashes`;
 * plus our mapping targets that are properties inside one of the table's JSON columns (`AdditionalFields.PipeName`).
 */
export function validFieldSets(
  schema: Schema,
  tableFields: Readonly<Record<string, FieldMap>>,
  generic: Readonly<Record<string, string>>,
  dynamicFields: readonly string[] = [],
): (table: string) => ReadonlySet<string> | undefined {
  const cache = new Map<string, ReadonlySet<string>>()
  return (table) => {
    const cols = schema[table]
    if (!cols) return undefined
    let s = cache.get(table)
    if (!s) {
      const dynamic = dynamicFields.filter((f) => Object.hasOwn(cols, f.split('.')[0] as string))
      s = new Set([...Object.keys(cols), ...Object.keys(tableFields[table] ?? {}), ...Object.keys(generic), 'Hashes', ...dynamic])
      cache.set(table, s)
    }
    return s
  }
}
