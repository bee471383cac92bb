/**
 * Microsoft Sentinel scheduled analytics rule (api-version 2024-09-01): the body of
 * `PUT …/providers/Microsoft.SecurityInsights/alertRules/{ruleId}` (`analytics_rule`) and the same rule as an
 * ARM template resource (`arm`). `{ruleId}` is the stable deploy id, also sent as the resource `name`
 * (read-only in ARM, ignored on PUT, there so a script can build the URL from the body).
 */
import type { OutputFormat, QueryContext } from '../../../src/backend.js'
import { deployRule, metadataText, type DeployRule } from '../../../src/deploy/context.js'
import { sentinelSeverity } from '../../../src/deploy/levels.js'
import { isoDuration } from '../../../src/deploy/duration.js'
import { SENTINEL_OPTIONS, boolOption, enumOption, intOption, optionText, rangedDuration } from '../../../src/deploy/options.js'
import { sentinelTactic } from './tactics.js'

export const SENTINEL_API_VERSION = '2024-09-01'
const MIN = 300
const DAY = 86400
const TRIGGERS = ['GreaterThan', 'LessThan', 'Equal', 'NotEqual'] as const

export interface SentinelSettings {
  readonly frequency: number
  readonly period: number
  readonly triggerOperator: (typeof TRIGGERS)[number]
  readonly triggerThreshold: number
  readonly suppressionEnabled: boolean
  readonly suppression: number
  readonly createIncident: boolean
  readonly enabled: boolean
}

export function sentinelSettings(ctx: QueryContext, d: DeployRule): SentinelSettings {
  const o = ctx.options
  const text = (n: keyof typeof SENTINEL_OPTIONS): string => optionText(o, SENTINEL_OPTIONS, n)
  const frequency = rangedDuration('query_frequency', text('query_frequency'), MIN, 14 * DAY)
  // A correlation looks back over its timespan at least; an explicit query_period below it is the user's choice.
  const periodDefault = o.query_period === undefined && d.timespan !== undefined ? Math.max(d.timespan, MIN) : undefined
  const period = periodDefault !== undefined ? Math.min(periodDefault, 14 * DAY) : rangedDuration('query_period', text('query_period'), MIN, 14 * DAY)
  return {
    frequency,
    period,
    triggerOperator: enumOption('trigger_operator', text('trigger_operator'), TRIGGERS),
    triggerThreshold: intOption('trigger_threshold', text('trigger_threshold'), 0, 10000),
    suppressionEnabled: boolOption('suppression_enabled', text('suppression_enabled')),
    suppression: rangedDuration('suppression_duration', text('suppression_duration'), MIN, DAY),
    createIncident: boolOption('create_incident', text('create_incident')),
    enabled: boolOption('enabled', text('enabled')),
  }
}

export function sentinelDescription(d: DeployRule): string {
  const meta = metadataText(d)
  return meta ? `${d.description}\n\n${meta}` : d.description
}

/** `properties` of the scheduled rule, in the order the Sentinel docs list them. */
export function scheduledRuleProperties(query: string, ctx: QueryContext): { d: DeployRule; properties: Record<string, unknown> } {
  const d = deployRule(ctx)
  const s = sentinelSettings(ctx, d)
  const tactics = [...new Set(d.attack.map((g) => sentinelTactic(g.tactic.shortname)))]
  const techniques = [...new Set(d.attack.flatMap((g) => g.techniques.map((t) => t.parent ?? t.id)))]
  return {
    d,
    properties: {
      displayName: d.title,
      description: sentinelDescription(d),
      severity: sentinelSeverity(d.level),
      enabled: s.enabled,
      query,
      queryFrequency: isoDuration(s.frequency),
      queryPeriod: isoDuration(s.period),
      triggerOperator: s.triggerOperator,
      triggerThreshold: s.triggerThreshold,
      suppressionDuration: isoDuration(s.suppression),
      suppressionEnabled: s.suppressionEnabled,
      tactics,
      techniques,
      eventGroupingSettings: { aggregationKind: 'SingleAlert' },
      incidentConfiguration: {
        createIncident: s.createIncident,
        groupingConfiguration: {
          enabled: false,
          reopenClosedIncident: false,
          lookbackDuration: 'PT5H',
          matchingMethod: 'AllEntities',
          groupByEntities: [],
          groupByAlertDetails: [],
          groupByCustomDetails: [],
        },
      },
    },
  }
}

export const analyticsRuleFormat: OutputFormat = {
  description: `Microsoft Sentinel scheduled analytics rule: body of PUT …/alertRules/{name} (api-version ${SENTINEL_API_VERSION})`,
  query(q, ctx) {
    const { d, properties } = scheduledRuleProperties(q, ctx)
    return { name: d.identity.id, kind: 'Scheduled', properties }
  },
}

/** ARM treats a string that starts with `[` and ends with `]` as an expression; `[[` makes it literal. */
export function armLiteral(v: unknown): unknown {
  if (typeof v === 'string') return v.startsWith('[') && v.endsWith(']') ? '[' + v : v
  if (Array.isArray(v)) return v.map(armLiteral)
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, armLiteral(x)]))
  return v
}

export const ARM_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#'

const armTemplate = (resources: readonly unknown[]): Record<string, unknown> => ({
  $schema: ARM_SCHEMA,
  contentVersion: '1.0.0.0',
  parameters: { workspace: { type: 'string', metadata: { description: 'Name of the Log Analytics workspace Microsoft Sentinel runs on' } } },
  resources,
})

export const armFormat: OutputFormat = {
  description: `Microsoft Sentinel scheduled analytics rule as an ARM template (parameter: workspace; api-version ${SENTINEL_API_VERSION}); plain output merges all rules into one template`,
  query(q, ctx) {
    const { d, properties } = scheduledRuleProperties(q, ctx)
    return armTemplate([
      {
        type: 'Microsoft.OperationalInsights/workspaces/providers/alertRules',
        apiVersion: SENTINEL_API_VERSION,
        name: `[concat(parameters('workspace'), '/Microsoft.SecurityInsights/${d.identity.id}')]`,
        kind: 'Scheduled',
        properties: armLiteral(properties),
      },
    ])
  },
  output(items) {
    const resources = items.flatMap((t) => (typeof t === 'object' && 'resources' in t && Array.isArray(t.resources) ? t.resources : []))
    return [armTemplate(resources)]
  },
}
