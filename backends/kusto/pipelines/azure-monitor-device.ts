/**
 * Extension of azure_monitor: Sysmon-category rules that pySigma's SecurityEvent mapping cannot hold (Sysmon-only
 * fields such as OriginalFileName, Details, ImageLoaded) use the Defender XDR tables instead. Sentinel stores them in
 * the workspace (Microsoft Defender XDR connector; learn.microsoft.com/azure/azure-monitor/reference/tables/
 * deviceprocessevents etc.) with the advanced-hunting columns, so the microsoft_xdr mappings apply unchanged.
 *
 * The switch happens only when converting on SecurityEvent would refuse a field and the Defender table takes every
 * field, so every rule pySigma converts keeps its SecurityEvent query. With `unmapped_fields=keep` nothing switches.
 */
import type { SigmaRule } from '../../../src/ir/rule.js'
import type { PipelineEnv, ProcessingItem, Transformation, TransformContext } from '../../../src/pipeline/types.js'
import { applyPipelines } from '../../../src/pipeline/apply.js'
import { SigmaError } from '../../../src/diagnostics.js'
import { markRule } from '../../../src/pipeline/transforms/base.js'
import { item, pipeline } from './build.js'
import { XDR_CATEGORY_TABLES } from './microsoft-xdr.js'
import { XDR_EXTRA_CATEGORIES } from './microsoft-xdr-extra.js'

/** Defender tables the azure_monitor pipeline may choose (also listed in schema/azure_monitor.json). */
export const DEVICE_TABLES: ReadonlySet<string> = new Set([...Object.values(XDR_CATEGORY_TABLES), ...Object.values(XDR_EXTRA_CATEGORIES)])

const isDevice = (cx: TransformContext): boolean => DEVICE_TABLES.has(String(cx.run.state.query_table ?? ''))

/** The item's transformation runs only for Defender tables (`device`) or only for the others. */
export function forTables(device: boolean): (it: ProcessingItem) => ProcessingItem {
  return (it) => {
    const t = it.transformation
    const wrapped: Transformation = { type: t.type, apply: (doc, cx) => (isDevice(cx) === device ? t.apply(doc, cx) : doc) }
    return { ...it, transformation: wrapped }
  }
}

function fixedTable(table: string): Transformation {
  return {
    type: 'kusto_probe_table',
    apply: (doc, cx) => {
      cx.run.state.query_table = table
      markRule(cx)
      return doc
    },
  }
}

/** True when the items convert the rule on `table` without refusing a field. */
function fits(doc: SigmaRule, table: string, items: readonly ProcessingItem[], env: PipelineEnv): boolean {
  try {
    applyPipelines(doc, [pipeline('kusto table probe', [item('kusto_probe_table', fixedTable(table)), ...items])], env)
    return true
  } catch (e) {
    if (e instanceof SigmaError && e.diagnostic.code === 'pipeline.kusto_field') return false
    // Other refusals (e.g. no valid hash algorithm) happen on every table: keep pySigma's choice and its error.
    return true
  }
}

/**
 * SetQueryTable `refine`: pySigma's table unless it is SecurityEvent and cannot hold the rule while the Defender
 * table can; categories pySigma has no table for (pipe_created, …) go to the Defender table.
 */
export function deviceFallback(
  monitorItems: readonly ProcessingItem[],
  deviceItems: readonly ProcessingItem[],
): (doc: SigmaRule, table: string | undefined, cx: TransformContext) => string | undefined {
  return (doc, table, cx) => {
    const env = cx.run.env
    if (env.options.unmapped_fields === 'keep') return table
    const c = doc.logsource.category ?? ''
    const device = Object.hasOwn(XDR_CATEGORY_TABLES, c) ? XDR_CATEGORY_TABLES[c] : Object.hasOwn(XDR_EXTRA_CATEGORIES, c) ? XDR_EXTRA_CATEGORIES[c] : undefined
    if (device === undefined) return table
    if (table === undefined) return device
    if (table !== 'SecurityEvent' || fits(doc, table, monitorItems, env)) return table
    return fits(doc, device, deviceItems, env) ? device : table
  }
}
