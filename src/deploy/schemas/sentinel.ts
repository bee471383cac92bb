/**
 * Microsoft Sentinel scheduled analytics rule, api-version 2024-09-01 (Azure REST spec / Bicep types for
 * Microsoft.SecurityInsights/alertRules, kind Scheduled; SIGMA-NOTES §9.3): required properties and enums, ISO-8601
 * durations, and the ARM template that deploys it. Defender XDR custom detection (Microsoft Graph beta
 * security/rules/detectionRules) is at the end.
 */
import { z } from 'zod'

export const isoDurationSchema = z.string().regex(/^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/)

export const SENTINEL_TACTICS = [
  'Reconnaissance', 'ResourceDevelopment', 'InitialAccess', 'Execution', 'Persistence', 'PrivilegeEscalation', 'DefenseEvasion',
  'CredentialAccess', 'Discovery', 'LateralMovement', 'Collection', 'Exfiltration', 'CommandAndControl', 'Impact', 'PreAttack',
  'ImpairProcessControl', 'InhibitResponseFunction',
] as const

const groupingConfiguration = z.strictObject({
  enabled: z.boolean(),
  reopenClosedIncident: z.boolean(),
  lookbackDuration: isoDurationSchema,
  matchingMethod: z.enum(['AllEntities', 'AnyAlert', 'Selected']),
  groupByEntities: z.array(z.string()).optional(),
  groupByAlertDetails: z.array(z.enum(['DisplayName', 'Severity'])).optional(),
  groupByCustomDetails: z.array(z.string()).optional(),
})

export const scheduledPropertiesSchema = z.strictObject({
  displayName: z.string().min(1),
  description: z.string().optional(),
  severity: z.enum(['High', 'Medium', 'Low', 'Informational']),
  enabled: z.boolean(),
  query: z.string().min(1),
  queryFrequency: isoDurationSchema,
  queryPeriod: isoDurationSchema,
  triggerOperator: z.enum(['GreaterThan', 'LessThan', 'Equal', 'NotEqual']),
  triggerThreshold: z.number().int().min(0).max(2147483647),
  suppressionDuration: isoDurationSchema,
  suppressionEnabled: z.boolean(),
  tactics: z.array(z.enum(SENTINEL_TACTICS)).optional(),
  techniques: z.array(z.string().regex(/^T\d{4}$/)).optional(),
  eventGroupingSettings: z.strictObject({ aggregationKind: z.enum(['SingleAlert', 'AlertPerResult']) }).optional(),
  incidentConfiguration: z.strictObject({ createIncident: z.boolean(), groupingConfiguration: groupingConfiguration.optional() }).optional(),
})

/** Body of PUT …/alertRules/{ruleId}; `name` is the resource name (read-only, ignored by the PUT). */
export const analyticsRuleSchema = z.strictObject({
  name: z.uuid(),
  etag: z.string().optional(),
  kind: z.literal('Scheduled'),
  properties: scheduledPropertiesSchema,
})

export const armTemplateSchema = z.strictObject({
  $schema: z.literal('https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#'),
  contentVersion: z.string().regex(/^\d+\.\d+\.\d+\.\d+$/),
  parameters: z.strictObject({ workspace: z.strictObject({ type: z.literal('string'), metadata: z.strictObject({ description: z.string() }) }) }),
  resources: z
    .array(
      z.strictObject({
        type: z.literal('Microsoft.OperationalInsights/workspaces/providers/alertRules'),
        apiVersion: z.literal('2024-09-01'),
        name: z.string().regex(/^\[concat\(parameters\('workspace'\), '\/Microsoft\.SecurityInsights\/[0-9a-f-]{36}'\)\]$/),
        kind: z.literal('Scheduled'),
        properties: scheduledPropertiesSchema,
      }),
    )
    .min(1),
})

export const customDetectionSchema = z.strictObject({
  displayName: z.string().min(1),
  isEnabled: z.boolean(),
  queryCondition: z.strictObject({ queryText: z.string().min(1) }),
  schedule: z.strictObject({ period: z.enum(['0', '1H', '3H', '12H', '24H']) }),
  detectionAction: z.strictObject({
    alertTemplate: z.strictObject({
      title: z.string().min(1),
      description: z.string().min(1),
      severity: z.enum(['informational', 'low', 'medium', 'high']),
      category: z.string().min(1),
      recommendedActions: z.string().nullable(),
      mitreTechniques: z.array(z.string().regex(/^T\d{4}(\.\d{3})?$/)),
      impactedAssets: z
        .array(
          z.strictObject({
            '@odata.type': z.enum(['#microsoft.graph.security.impactedDeviceAsset', '#microsoft.graph.security.impactedUserAsset', '#microsoft.graph.security.impactedMailboxAsset']),
            identifier: z.string().min(1),
          }),
        )
        .min(1),
    }),
    organizationalScope: z.null(),
    responseActions: z.array(z.unknown()),
  }),
})
