/**
 * Microsoft Defender XDR custom detection rule: the body of Microsoft Graph
 * `POST /beta/security/rules/detectionRules` (advanced hunting query, schedule, alert template).
 * Defender needs the query to return Timestamp, ReportId and the impacted-asset column; the
 * microsoft_xdr pipeline's queries return whole table rows, so they do.
 */
import type { OutputFormat, QueryContext } from '../../../src/backend.js'
import { fail } from '../../../src/diagnostics.js'
import { deployRule } from '../../../src/deploy/context.js'
import { defenderSeverity } from '../../../src/deploy/levels.js'
import { SENTINEL_OPTIONS, boolOption, enumOption, optionText } from '../../../src/deploy/options.js'
import { sentinelDescription } from './sentinel.js'
import { sentinelTactic } from './tactics.js'

export const DEFENDER_PERIODS = ['0', '1H', '3H', '12H', '24H'] as const

const ODATA = '#microsoft.graph.security.'
/** Impacted-asset identifiers by Graph asset type (documented enums, the common ones). */
export const ASSET_IDENTIFIERS = {
  impactedDeviceAsset: ['deviceId', 'deviceName', 'remoteDeviceName', 'targetDeviceName', 'destinationDeviceName'],
  impactedUserAsset: ['accountObjectId', 'accountSid', 'accountUpn', 'accountName', 'accountDomain', 'accountId', 'requestAccountSid', 'requestAccountName', 'requestAccountDomain', 'recipientObjectId', 'processAccountObjectId', 'initiatingAccountSid', 'initiatingProcessAccountUpn', 'initiatingAccountName', 'initiatingAccountDomain', 'servicePrincipalId', 'servicePrincipalName', 'targetAccountUpn'],
  impactedMailboxAsset: ['recipientEmailAddress', 'senderFromAddress', 'senderMailFromAddress', 'senderDisplayName', 'senderFromUpn', 'senderMailFromUpn', 'initiatingProcessAccountUpn'],
} as const

type AssetType = keyof typeof ASSET_IDENTIFIERS

/** The table the query reads (first token before the first pipe). */
export function queryTable(query: string, ctx: QueryContext): string {
  const t = ctx.pipelineState.query_table
  if (typeof t === 'string' && t !== '') return t
  return /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\n|\|)/.exec(query)?.[1] ?? ''
}

function autoAsset(table: string): { type: AssetType; identifier: string } {
  if (/^Email|^UrlClickEvents$/.test(table)) return { type: 'impactedMailboxAsset', identifier: 'recipientEmailAddress' }
  if (/^Identity|^CloudAppEvents$|^AADSignInEvents|^EntraId/.test(table)) return { type: 'impactedUserAsset', identifier: 'accountObjectId' }
  return { type: 'impactedDeviceAsset', identifier: 'deviceId' }
}

export function impactedAsset(option: string, table: string): { '@odata.type': string; identifier: string } {
  if (option === 'auto') {
    const a = autoAsset(table)
    return { '@odata.type': ODATA + a.type, identifier: a.identifier }
  }
  for (const [type, ids] of Object.entries(ASSET_IDENTIFIERS)) {
    const id = (ids as readonly string[]).find((x) => x.toLowerCase() === option.toLowerCase())
    if (id) return { '@odata.type': ODATA + type, identifier: id }
  }
  return fail('config.option', `option impacted_asset: '${option}' is not auto or a Defender impacted-asset identifier (${Object.values(ASSET_IDENTIFIERS).flat().join(', ')})`)
}

export const customDetectionFormat: OutputFormat = {
  description: 'Microsoft Defender XDR custom detection rule: body of Graph POST /beta/security/rules/detectionRules',
  query(q, ctx) {
    const d = deployRule(ctx)
    const o = ctx.options
    const period = enumOption('schedule_period', optionText(o, SENTINEL_OPTIONS, 'schedule_period'), DEFENDER_PERIODS)
    const first = d.attack[0]
    return {
      displayName: d.title,
      isEnabled: boolOption('enabled', optionText(o, SENTINEL_OPTIONS, 'enabled')),
      queryCondition: { queryText: q },
      schedule: { period },
      detectionAction: {
        alertTemplate: {
          title: d.title,
          description: sentinelDescription(d),
          severity: defenderSeverity(d.level),
          category: first ? sentinelTactic(first.tactic.shortname) : 'SuspiciousActivity',
          recommendedActions: null,
          mitreTechniques: d.attack.flatMap((g) => g.techniques.map((t) => t.id)),
          impactedAssets: [impactedAsset(optionText(o, SENTINEL_OPTIONS, 'impacted_asset'), queryTable(q, ctx))],
        },
        organizationalScope: null,
        responseActions: [],
      },
    }
  },
}
