/** pySigma-pipeline-windows: `windows-logsources` (channel conditions) and `windows-audit`. */
import { buildPipeline, windowsLogsourceItems } from './common.js'
import type { Pipeline } from '../types.js'

/** Generic Windows categories that live in a specific channel, with their event id. */
const CATEGORY_CHANNELS: Readonly<Record<string, { readonly service: string; readonly EventID: number }>> = {
  ps_module: { service: 'powershell', EventID: 4103 },
  ps_script: { service: 'powershell', EventID: 4104 },
  ps_classic_start: { service: 'powershell-classic', EventID: 400 },
  ps_classic_provider_start: { service: 'powershell-classic', EventID: 600 },
  ps_classic_script: { service: 'powershell-classic', EventID: 800 },
}

/** Generic log sources as Windows security audit events. */
const AUDIT_EVENTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  process_creation: { EventID: 4688 },
  registry_event: { EventID: 4657, OperationType: ['New registry value created', 'Existing registry value modified'] },
  registry_set: { EventID: 4657, OperationType: 'Existing registry value modified' },
  registry_add: { EventID: 4657, OperationType: 'New registry value created' },
}

const windowsCategory = (category: string) => [{ type: 'logsource', category, product: 'windows' }]

export function windowsLogsourcePipeline(): Pipeline {
  const categoryItems = Object.entries(CATEGORY_CHANNELS).flatMap(([category, info]) => [
    { id: `windows_${category}_channel`, type: 'add_condition', conditions: { EventID: info.EventID }, rule_conditions: windowsCategory(category) },
    {
      // pySigma writes this id without f-string interpolation; kept identical.
      id: 'windows_{category_name}_logsource',
      type: 'change_logsource',
      product: 'windows',
      service: info.service,
      category,
      rule_conditions: windowsCategory(category),
    },
  ])
  return buildPipeline(
    {
      name: 'Add Channel condition for Windows log sources',
      priority: 10,
      transformations: [...categoryItems, ...windowsLogsourceItems('Channel', '{source}')],
    },
    'windows-logsources',
  )
}

export function windowsAuditPipeline(): Pipeline {
  const items = Object.entries(AUDIT_EVENTS).flatMap(([category, conditions]) => [
    { id: `windows_${category}_condition`, type: 'add_condition', conditions, rule_conditions: windowsCategory(category) },
    {
      id: `windows_${category}_logsource`,
      type: 'change_logsource',
      product: 'windows',
      service: 'security',
      rule_conditions: windowsCategory(category),
    },
  ])
  return buildPipeline(
    {
      name: 'Map generic log sources to Windows audit logs',
      priority: 10,
      transformations: [
        ...items,
        {
          id: 'windows_audit_fieldmappings',
          type: 'field_name_mapping',
          mapping: { Image: 'NewProcessName', ParentImage: 'ParentProcessName', Details: 'NewValue', LogonId: 'SubjectLogonId' },
          rule_conditions: [{ type: 'logsource', product: 'windows', service: 'security' }],
        },
      ],
    },
    'windows-audit',
  )
}
