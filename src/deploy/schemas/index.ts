/** zod schemas of the vendor request bodies, by target format (for tests and API consumers). */
import type { z } from 'zod'
import { alertingRuleSchema, detectionRuleSchema, ndjsonRuleSchema } from './elastic.js'
import { searchBodySchema } from './dsl.js'
import { analyticsRuleSchema, armTemplateSchema, customDetectionSchema } from './sentinel.js'
import { savedSearchSchema, searchJobSchema } from './splunk.js'

export const FORMAT_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  siem_rule: detectionRuleSchema,
  siem_rule_ndjson: ndjsonRuleSchema,
  siem_rule_alerting: alertingRuleSchema,
  dsl: searchBodySchema,
  analytics_rule: analyticsRuleSchema,
  arm: armTemplateSchema,
  custom_detection: customDetectionSchema,
  saved_search_rest: savedSearchSchema,
  search_job: searchJobSchema,
}

export * from './elastic.js'
export * from './dsl.js'
export * from './sentinel.js'
export * from './splunk.js'
