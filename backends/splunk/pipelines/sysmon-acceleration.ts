/** `splunk_sysmon_acceleration`: characteristic keywords that let Splunk use its index for Sysmon events. */
import { buildPipeline } from '../../../src/pipeline/builtin/index.js'
import { NULL_KEY, type Pipeline } from '../../../src/pipeline/types.js'

const KEYWORDS: Readonly<Record<string, string>> = {
  process_creation: 'ParentProcessGuid',
  file_event: 'TargetFilename',
}

export function splunkSysmonAccelerationPipeline(): Pipeline {
  return buildPipeline(
    {
      name: 'Splunk Windows Sysmon search acceleration keywords',
      allowed_backends: ['splunk', 'splunk_spl2'],
      priority: 25,
      transformations: Object.entries(KEYWORDS).map(([category, keyword]) => ({
        // pySigma gives every item this same id.
        id: 'splunk_windows_sysmon_process_creation',
        type: 'add_condition',
        conditions: { [NULL_KEY]: keyword },
        rule_conditions: [{ type: 'logsource', category, product: 'windows', service: 'sysmon' }],
      })),
    },
    'splunk_sysmon_acceleration',
  )
}
