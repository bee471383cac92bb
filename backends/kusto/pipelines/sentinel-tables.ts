/**
 * Backend option `sentinel_tables` (microsoft_xdr and sentinel_asim): the raw Log Analytics tables of a Microsoft
 * Sentinel workspace are there to query
 * - from Defender XDR advanced hunting when the workspace is connected to the Microsoft Defender portal (the unified
 *   security operations platform; Microsoft Learn, "Proactively hunt for threats with advanced hunting in Microsoft
 *   Defender" — applies to "Microsoft Sentinel in the Microsoft Defender portal" — and "Advanced hunting in Microsoft
 *   Defender multitenant management": SIEM data from onboarded Sentinel workspaces together with XDR data);
 * - from Sentinel itself, where the ASIM parsers run over those same tables.
 *
 * With `sentinel_tables=true`, a rule for which the pipeline finds no table (no Defender table, no ASIM parser) — and
 * only such a rule — takes the azure_monitor pipeline's table (SecurityEvent, Event, Syslog, SigninLogs, …) and
 * mappings. A rule with a table keeps the pipeline's result, a refused field included: switching tables because of a
 * field would be a surprise. With the option off (the default, also for the friendly targets) nothing changes.
 */
import type { Pipeline, ProcessingItem, RuleCondition, Transformation } from '../../../src/pipeline/types.js'
import { fail } from '../../../src/diagnostics.js'
import { matchRule } from '../../../src/pipeline/conditions/match.js'
import { item } from './build.js'
import { findTable } from './transforms.js'
import { microsoftXdrPipeline, XDR_TABLE_SELECTION } from './microsoft-xdr.js'
import { sentinelAsimPipeline, ASIM_TABLE_SELECTION } from './sentinel-asim.js'
import type { TableSelection } from './transforms.js'
import { azureMonitorPipeline } from './azure-monitor.js'

export const SENTINEL_TABLES_OPTION = 'sentinel_tables'
/** Pipeline state: true when the rule is converted on a Sentinel table (azure_monitor's items apply). */
export const SENTINEL_STATE = 'kusto_sentinel_tables'

const MONITOR_SET_TABLE = 'azure_monitor_set_query_table'

function optionOn(value: string | undefined): boolean {
  if (value === undefined || value === 'false') return false
  if (value === 'true') return true
  return fail('config.option', `option ${SENTINEL_TABLES_OPTION}=${value} is not one of: true, false`)
}

/** Before the pipeline's own table choice: when it would find none, azure_monitor's choice (or its refusal). */
function sentinelTable(own: TableSelection, monitorSetTable: Transformation): Transformation {
  return {
    type: 'kusto_sentinel_tables',
    apply: (doc, cx) => {
      if (doc.kind !== 'rule' || !optionOn(cx.run.env.options[SENTINEL_TABLES_OPTION])) return doc
      const given = cx.run.state.query_table
      // A table from an earlier pipeline is the user's choice; a table the pipeline finds keeps its conversion.
      if ((typeof given === 'string' && given !== '') || findTable(own, doc) !== undefined) return doc
      // azure_monitor's transformation sets query_table, or refuses with the same pipeline.kusto_table message.
      const out = monitorSetTable.apply(doc, cx)
      cx.run.state[SENTINEL_STATE] = true
      return out
    },
  }
}

/** The item applies only in one mode: on the Sentinel table (`sentinel`) or on microsoft_xdr's own (`!sentinel`). */
function onlyWhen(sentinel: boolean): (it: ProcessingItem) => ProcessingItem {
  return (it) => {
    const gate: RuleCondition = {
      type: 'kusto_sentinel_tables_mode',
      // matchRule keeps the item's own conditions exactly (an empty set always applies, rule_cond_not, …).
      match: (doc, run) => (run.state[SENTINEL_STATE] === true) === sentinel && matchRule(it, doc, run),
    }
    return { ...it, ruleConditions: { kind: 'list', op: 'and', not: false, conds: [gate] } }
  }
}

/** A pipeline with the `sentinel_tables` fallback to azure_monitor's tables and mappings. */
function withSentinelTables(base: Pipeline, own: TableSelection, prefix: string): Pipeline {
  const monitor = azureMonitorPipeline()
  const setTable = monitor.items.find((i) => i.id === MONITOR_SET_TABLE)
  if (!setTable) throw new Error(`azure_monitor has no ${MONITOR_SET_TABLE} item`)
  // azure_monitor's copies of the microsoft_xdr items serve the Defender tables it uses for Sysmon categories. A rule
  // microsoft_xdr has no table for is never such a rule (and the copies share microsoft_xdr's item ids), so it gets
  // azure_monitor's own items only; a rule with no ASIM parser may be one (image_load, process_access, …).
  const monitorItems = monitor.items.filter((i) => i.id !== MONITOR_SET_TABLE && (prefix !== 'microsoft_xdr' || i.id.startsWith('azure_monitor_')))
  return {
    ...base,
    items: [item(`${prefix}_sentinel_tables`, sentinelTable(own, setTable.transformation)), ...base.items.map(onlyWhen(false)), ...monitorItems.map(onlyWhen(true))],
  }
}

/** microsoft_xdr with the `sentinel_tables` fallback. */
export const microsoftXdrSentinelPipeline = (): Pipeline => withSentinelTables(microsoftXdrPipeline(), XDR_TABLE_SELECTION, 'microsoft_xdr')

/** sentinel_asim with the `sentinel_tables` fallback. */
export const sentinelAsimSentinelPipeline = (): Pipeline => withSentinelTables(sentinelAsimPipeline(), ASIM_TABLE_SELECTION, 'sentinel_asim')
