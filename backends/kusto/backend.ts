/** Microsoft Kusto (KQL): Sentinel / Log Analytics and Defender XDR advanced hunting. */
import type { Backend, QueryContext } from '../../src/backend.js'
import type { Expr } from '../../src/ir/expr.js'
import { KustoRenderer, type PySigmaQuirk } from './render.js'
import { defaultFormat } from './formats.js'
import { kustoPipelines } from './pipelines/index.js'
import { kustoCorrelation } from './correlation.js'
import { kustoDeployFormats, kustoDeployOptions } from './deploy/index.js'

/**
 * pySigma's kusto_prepend_query_table postprocessing: `<table>\n| where <query>` once a pipeline chose a table.
 * Extension: stages a pipeline put in state `kusto_query_prelude` (e.g. reading EventData) go between the two.
 */
function converter(quirks: ReadonlySet<PySigmaQuirk>): (expr: Expr, ctx: QueryContext) => string {
  return (expr, ctx) => convert(expr, ctx, quirks)
}

function convert(expr: Expr, ctx: QueryContext, quirks: ReadonlySet<PySigmaQuirk>): string {
  const r = new KustoRenderer({ deferred: [], pipelineState: ctx.pipelineState, options: ctx.options, scratch: {} }, quirks)
  const query = r.kustoFinish(r.render(expr))
  const table = ctx.pipelineState.query_table
  if (typeof table !== 'string' || table === '') return query
  const prelude = ctx.pipelineState.kusto_query_prelude
  const stages = Array.isArray(prelude) ? prelude.map((s) => `\n| ${String(s)}`).join('') : ''
  return `${table}${stages}\n| where ${query}`
}

const options = {
  unmapped_fields: {
    description: "'refuse' (default): a field the chosen table has no column for fails the rule, naming it; 'keep': use the raw name",
    default: 'refuse',
  },
  sentinel_tables: {
    description:
      "microsoft_xdr and sentinel_asim. 'false' (default): a rule with no Defender XDR table / ASIM parser is refused; 'true': such a rule uses the " +
      "azure_monitor table and mappings (SecurityEvent, Event, Syslog, SigninLogs, …): Sentinel's own tables, which Defender advanced hunting also queries when the workspace is connected to the Defender portal",
    default: 'false',
  },
}

const common = {
  pipelines: kustoPipelines,
  options: { ...options, ...kustoDeployOptions },
  formats: { default: defaultFormat, ...kustoDeployFormats },
  defaultFormat: 'default',
  convertCondition: converter(new Set()),
  correlation: kustoCorrelation,
} as const

export const kusto: Backend = {
  ...common,
  id: 'kusto',
  label: 'Microsoft Kusto (KQL)',
  description: 'Kusto Query Language for Microsoft Sentinel / Log Analytics and Defender XDR advanced hunting (choose a pipeline: microsoft_xdr, sentinel_asim, azure_monitor)',
}

export const sentinel: Backend = {
  ...common,
  id: 'sentinel',
  aliases: ['microsoft_sentinel'],
  label: 'Microsoft Sentinel (KQL)',
  description: 'Kusto queries over Log Analytics tables (SecurityEvent, Syslog, SigninLogs, …); default pipeline azure_monitor',
  defaultPipelines: ['azure_monitor'],
}

export const defender: Backend = {
  ...common,
  id: 'defender',
  aliases: ['microsoft_defender', 'defender_xdr'],
  label: 'Microsoft Defender XDR (KQL)',
  description: 'Kusto advanced-hunting queries over Defender XDR tables (DeviceProcessEvents, …); default pipeline microsoft_xdr',
  defaultPipelines: ['microsoft_xdr'],
}

/** The kusto target with some of pySigma's known bugs switched back on (for the conformance tests only). */
export function kustoWithPySigmaQuirks(quirks: readonly PySigmaQuirk[]): Backend {
  return { ...kusto, convertCondition: converter(new Set(quirks)) }
}
