/**
 * `splunk_cim`: Sigma fields → Splunk CIM data-model fields for the `data_model` output format.
 * Sets state `data_model_set` and `fields`; rejects unsupported fields and log sources.
 */
import { buildPipeline } from '../../../src/pipeline/builtin/index.js'
import type { Pipeline } from '../../../src/pipeline/types.js'

const PROCESS_CREATION: Readonly<Record<string, string>> = {
  CommandLine: 'Processes.process',
  Computer: 'Processes.dest',
  CurrentDirectory: 'Processes.process_current_directory',
  Image: 'Processes.process_path',
  IntegrityLevel: 'Processes.process_integrity_level',
  OriginalFileName: 'Processes.original_file_name',
  ParentCommandLine: 'Processes.parent_process',
  ParentImage: 'Processes.parent_process_path',
  ParentProcessGuid: 'Processes.parent_process_guid',
  ParentProcessId: 'Processes.parent_process_id',
  ProcessGuid: 'Processes.process_guid',
  ProcessId: 'Processes.process_id',
  User: 'Processes.user',
}

const REGISTRY: Readonly<Record<string, string>> = {
  Computer: 'Registry.dest',
  Details: 'Registry.registry_value_data',
  EventType: 'Registry.action',
  Image: 'Registry.process_path',
  ProcessGuid: 'Registry.process_guid',
  ProcessId: 'Registry.process_id',
  TargetObject: 'Registry.registry_key_name',
}

const FILE_EVENT: Readonly<Record<string, string>> = {
  Computer: 'Filesystem.dest',
  CreationUtcTime: 'Filesystem.file_create_time',
  Image: 'Filesystem.process_path',
  ProcessGuid: 'Filesystem.process_guid',
  ProcessId: 'Filesystem.process_id',
  TargetFilename: 'Filesystem.file_path',
}

const WEB_PROXY: Readonly<Record<string, string>> = {
  'c-uri': 'Web.url',
  'c-uri-query': 'Web.uri_query',
  'c-uri-stem': 'Web.uri_path',
  'c-useragent': 'Web.http_user_agent',
  'cs-method': 'Web.http_method',
  'cs-host': 'Web.dest',
  'cs-referrer': 'Web.http_referrer',
  src_ip: 'Web.src',
  dst_ip: 'Web.dest_ip',
}

const DNS: Readonly<Record<string, string>> = {
  'destination.ip': 'DNS.dest',
  'destination.port': 'DNS.dest_port',
  'dns.answers.name': 'DNS.answer',
  'dns.answers.ttl': 'DNS.ttl',
  'dns.answers.type': 'DNS.record_type',
  'dns.id': 'DNS.transaction_id',
  'dns.question.name': 'DNS.query',
  'dns.question.type': 'DNS.query_type',
  'dns.response.code': 'DNS.reply_code_id',
  'source.ip': 'DNS.src',
  'source.port': 'DNS.src_port',
}

const windows = (category: string) => ({ type: 'logsource', category, product: 'windows' })

interface Model {
  readonly ids: { readonly failure: string; readonly mapping: string; readonly fields: string; readonly dataModel: string }
  readonly label: string
  readonly mapping: Readonly<Record<string, string>>
  readonly dataModel: string
  readonly when: readonly object[]
}

const MODELS: readonly Model[] = [
  {
    ids: {
      failure: 'splunk_dm_mapping_sysmon_process_creation_unsupported_fields',
      mapping: 'splunk_dm_mapping_sysmon_process_creation',
      fields: 'splunk_dm_fields_sysmon_process_creation',
      dataModel: 'splunk_dm_sysmon_process_creation_data_model_set',
    },
    label: 'process_creation',
    mapping: PROCESS_CREATION,
    dataModel: 'Endpoint.Processes',
    when: [windows('process_creation'), { type: 'logsource', category: 'process_creation', product: 'linux' }],
  },
  {
    ids: {
      failure: 'splunk_dm_mapping_sysmon_registry_unsupported_fields',
      mapping: 'splunk_dm_mapping_sysmon_registry',
      fields: 'splunk_dm_fields_sysmon_registry',
      dataModel: 'splunk_dm_sysmon_registry_data_model_set',
    },
    label: 'registry',
    mapping: REGISTRY,
    dataModel: 'Endpoint.Registry',
    when: [windows('registry_add'), windows('registry_delete'), windows('registry_event'), windows('registry_set')],
  },
  {
    ids: {
      failure: 'splunk_dm_mapping_sysmon_file_event_unsupported_fields',
      mapping: 'splunk_dm_mapping_sysmon_file_event',
      fields: 'splunk_dm_fields_sysmon_file_event',
      dataModel: 'splunk_dm_mapping_sysmon_file_event_data_model_set',
    },
    label: 'file_event',
    mapping: FILE_EVENT,
    dataModel: 'Endpoint.Filesystem',
    when: [windows('file_event')],
  },
  {
    ids: {
      failure: 'splunk_dm_mapping_web_proxy_unsupported_fields',
      mapping: 'splunk_dm_mapping_web_proxy',
      fields: 'splunk_dm_fields_web_proxy',
      dataModel: 'splunk_dm_mapping_web_proxy_data_model_set',
    },
    label: 'web proxy',
    mapping: WEB_PROXY,
    dataModel: 'Web.Proxy',
    when: [{ type: 'logsource', category: 'proxy' }],
  },
  {
    ids: {
      failure: 'splunk_dm_mapping_dns_unsupported_fields',
      mapping: 'splunk_dm_mapping_dns',
      fields: 'splunk_dm_fields_dns',
      dataModel: 'splunk_dm_mapping_dns_data_model_set',
    },
    label: 'DNS',
    mapping: DNS,
    dataModel: 'Network_Resolution.DNS',
    when: [{ type: 'logsource', category: 'network', service: 'dns' }],
  },
]

function modelItems(m: Model): object[] {
  const guard = { rule_conditions: m.when, ...(m.when.length > 1 ? { rule_cond_op: 'or' } : {}) }
  return [
    {
      id: m.ids.failure,
      type: 'detection_item_failure',
      message: `The Splunk Data Model Sigma backend supports only the following fields for ${m.label} log source: ${Object.keys(m.mapping).join(',')}`,
      ...guard,
      field_name_conditions: [{ type: 'exclude_fields', fields: Object.keys(m.mapping) }],
    },
    { id: m.ids.mapping, type: 'field_name_mapping', mapping: m.mapping, ...guard },
    { id: m.ids.fields, type: 'set_state', key: 'fields', val: Object.values(m.mapping), ...guard },
    { id: m.ids.dataModel, type: 'set_state', key: 'data_model_set', val: m.dataModel, ...guard },
  ]
}

export function splunkCimPipeline(): Pipeline {
  return buildPipeline(
    {
      name: 'Splunk CIM Data Model Mapping',
      allowed_backends: ['splunk', 'splunk_spl2'],
      priority: 20,
      transformations: [
        ...MODELS.flatMap(modelItems),
        {
          id: 'splunk_dm_mapping_log_source_not_supported',
          type: 'rule_failure',
          message: 'Rule type not yet supported by the Splunk data model CIM pipeline!',
          rule_cond_op: 'or',
          rule_cond_not: true,
          rule_conditions: MODELS.map((m) => ({ type: 'processing_item_applied', processing_item_id: m.ids.mapping })),
        },
      ],
    },
    'splunk_cim',
  )
}
