/** The Kusto pipelines selectable with -p (pySigma names; microsoft_365_defender is pySigma's deprecated alias). */
import type { PipelineProvider } from '../../../src/backend.js'
import { microsoftXdrSentinelPipeline, sentinelAsimSentinelPipeline } from './sentinel-tables.js'
import { azureMonitorPipeline } from './azure-monitor.js'

export const kustoPipelines: Readonly<Record<string, PipelineProvider>> = {
  // -O sentinel_tables=true: rules with no Defender table / ASIM parser use the Sentinel workspace's tables (sentinel-tables.ts).
  microsoft_xdr: { description: 'Defender XDR advanced hunting: Device* tables and columns', build: () => microsoftXdrSentinelPipeline() },
  microsoft_365_defender: { description: 'Deprecated alias of microsoft_xdr', build: () => microsoftXdrSentinelPipeline() },
  sentinel_asim: { description: 'Microsoft Sentinel ASIM parsers (imProcessCreate, imFileEvent, …)', build: () => sentinelAsimSentinelPipeline() },
  azure_monitor: { description: 'Log Analytics / Sentinel tables (SecurityEvent, SigninLogs, Syslog, …)', build: () => azureMonitorPipeline() },
}
