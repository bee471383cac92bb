/** Backend-independent pipelines shipped with sigmaport (backends bring their own in their folder). */
import { once } from './common.js'
import { sysmonPipeline } from './sysmon.js'
import { windowsAuditPipeline, windowsLogsourcePipeline } from './windows.js'
import type { Pipeline } from '../types.js'

export interface BuiltinPipeline {
  readonly description: string
  /** Backends the pipeline is meant for; empty = any. */
  readonly backends: readonly string[]
  readonly build: () => Pipeline
}

const windowsLogsource = once(windowsLogsourcePipeline)

export const BUILTIN_PIPELINES: Readonly<Record<string, BuiltinPipeline>> = {
  'windows-logsources': {
    description: 'Windows: add a Channel condition per log source service (pySigma-pipeline-windows)',
    backends: [],
    build: windowsLogsource,
  },
  windows_logsource: { description: "Alias of 'windows-logsources'", backends: [], build: windowsLogsource },
  windows: { description: "Alias of 'windows-logsources'", backends: [], build: windowsLogsource },
  'windows-audit': {
    description: 'Windows: map generic log sources to Security audit events (4688, 4657) and their field names',
    backends: [],
    build: once(windowsAuditPipeline),
  },
  sysmon: {
    description: 'Windows: map generic log source categories to Sysmon event ids (pySigma-pipeline-sysmon)',
    backends: [],
    build: once(sysmonPipeline),
  },
}

export { WINDOWS_LOGSOURCE_MAPPING, windowsLogsourceItems, buildPipeline, once } from './common.js'
