/** The pipelines the Splunk backend brings (pySigma-backend-splunk `sigma.pipelines.splunk`). */
import type { PipelineProvider } from '../../../src/backend.js'
import { once } from '../../../src/pipeline/builtin/index.js'
import { splunkCimPipeline } from './cim.js'
import { splunkSysmonAccelerationPipeline } from './sysmon-acceleration.js'
import { splunkWindowsPipeline } from './windows.js'

export const splunkPipelines: Readonly<Record<string, PipelineProvider>> = {
  splunk_windows: {
    description: 'Splunk: source="WinEventLog:<channel>" per Windows log source service, EventID → EventCode',
    build: once(splunkWindowsPipeline),
  },
  splunk_sysmon_acceleration: {
    description: 'Splunk: add characteristic Sysmon keywords (index-time term acceleration)',
    build: once(splunkSysmonAccelerationPipeline),
  },
  splunk_cim: {
    description: 'Splunk: map to CIM data models for the data_model (tstats) output format',
    build: once(splunkCimPipeline),
  },
}

export { splunkCimPipeline, splunkSysmonAccelerationPipeline, splunkWindowsPipeline }
