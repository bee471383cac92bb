/** pySigma-pipeline-sysmon: generic Windows categories → Sysmon event ids and `service: sysmon`. */
import { buildPipeline } from './common.js'
import type { Pipeline } from '../types.js'

const SYSMON_EVENT_IDS: Readonly<Record<string, number | readonly number[]>> = {
  process_creation: 1,
  file_change: 2,
  network_connection: 3,
  sysmon_status: [4, 16],
  process_termination: 5,
  driver_load: 6,
  image_load: 7,
  create_remote_thread: 8,
  raw_access_thread: 9,
  process_access: 10,
  file_event: 11,
  registry_add: 12,
  registry_delete: 12,
  registry_set: 13,
  registry_rename: 14,
  registry_event: [12, 13, 14],
  create_stream_hash: 15,
  pipe_created: [17, 18],
  wmi_event: [19, 20, 21],
  dns_query: 22,
  file_delete: 23,
  clipboard_capture: 24,
  process_tampering: 25,
  file_delete_detected: 26,
  file_block_executable: 27,
  file_block_shredding: 28,
  file_executable_detected: 29,
  sysmon_error: 255,
}

export function sysmonPipeline(): Pipeline {
  const items = Object.entries(SYSMON_EVENT_IDS).flatMap(([category, eventId]) => {
    const when = [{ type: 'logsource', category, product: 'windows' }]
    return [
      { id: `sysmon_${category}_eventid`, type: 'add_condition', conditions: { EventID: eventId }, rule_conditions: when },
      { id: `sysmon_${category}_logsource`, type: 'change_logsource', product: 'windows', service: 'sysmon', category, rule_conditions: when },
    ]
  })
  return buildPipeline({ name: 'Generic Log Sources to Sysmon Transformation', priority: 10, transformations: items }, 'sysmon')
}
