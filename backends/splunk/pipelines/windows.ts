/** `splunk_windows`: `source="WinEventLog:<channel>"` per Windows service, EventID → EventCode. */
import { buildPipeline, windowsLogsourceItems } from '../../../src/pipeline/builtin/index.js'
import type { Pipeline } from '../../../src/pipeline/types.js'

export function splunkWindowsPipeline(): Pipeline {
  return buildPipeline(
    {
      name: 'Splunk Windows log source conditions',
      allowed_backends: ['splunk', 'splunk_spl2'],
      priority: 20,
      transformations: [
        ...windowsLogsourceItems('source', 'WinEventLog:{source}'),
        { id: 'splunk_windows_field_mapping', type: 'field_name_mapping', mapping: { EventID: 'EventCode' } },
      ],
    },
    'splunk_windows',
  )
}
