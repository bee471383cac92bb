/** The transformation types a pipeline YAML can name (pySigma `transformations` registry). */
import type { TransformFactory } from '../types.js'
import { fieldNameMapping, fieldNamePrefix, fieldNamePrefixMapping, fieldNameSuffix, fieldNameTransform } from './fields.js'
import { externalPlaceholders, queryExpressionPlaceholders, valuePlaceholders, wildcardPlaceholders } from './placeholders.js'
import {
  addCondition,
  addField,
  changeLogsource,
  detectionItemFailure,
  dropDetectionItem,
  nest,
  removeField,
  ruleFailure,
  setCustomAttribute,
  setField,
  setState,
  strictFieldMappingFailure,
} from './rule.js'
import { extractFields, hashesFields } from './split.js'
import { caseTransform, convertType, mapString, regex, replaceString, setValue } from './values.js'

const BUILTIN: Readonly<Record<string, TransformFactory>> = {
  field_name_mapping: fieldNameMapping,
  field_name_prefix_mapping: fieldNamePrefixMapping,
  field_name_transform: fieldNameTransform,
  drop_detection_item: dropDetectionItem,
  hashes_fields: hashesFields,
  extract_fields: extractFields,
  field_name_suffix: fieldNameSuffix,
  field_name_prefix: fieldNamePrefix,
  wildcard_placeholders: wildcardPlaceholders,
  value_placeholders: valuePlaceholders,
  query_expression_placeholders: queryExpressionPlaceholders,
  file_placeholders: externalPlaceholders('file_placeholders'),
  http_placeholders: externalPlaceholders('http_placeholders'),
  command_placeholders: externalPlaceholders('command_placeholders'),
  add_condition: addCondition,
  change_logsource: changeLogsource,
  add_field: addField,
  remove_field: removeField,
  set_field: setField,
  replace_string: replaceString,
  map_string: mapString,
  set_state: setState,
  regex,
  set_value: setValue,
  convert_type: convertType,
  rule_failure: ruleFailure,
  detection_item_failure: detectionItemFailure,
  strict_field_mapping_failure: strictFieldMappingFailure,
  set_custom_attribute: setCustomAttribute,
  nest,
  case: caseTransform,
}

/** External-source types are accepted but can never fetch; loading them yields a warning. */
export const EXTERNAL_TYPES: ReadonlySet<string> = new Set(['file_placeholders', 'http_placeholders', 'command_placeholders'])

const registry = new Map<string, TransformFactory>(Object.entries(BUILTIN))

export function registerTransformation(type: string, factory: TransformFactory): void {
  registry.set(type, factory)
}

export const transformationFactory = (type: string): TransformFactory | undefined => registry.get(type)
