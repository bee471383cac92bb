/**
 * Deployable formats of the KQL target (wired into backends/elastic-kql/backend.ts): the Kibana detection-engine
 * rule body with `language: kuery` (`siem_rule`) and the native bool-query `_search` body (`dsl`).
 */
import type { OutputFormat } from '../../../src/backend.js'
import { detectionRuleBody, settingsFrom } from '../../elastic-common/siem.js'
import { queryRuleNdjsonBody } from '../../elastic-common/alerting.js'
export { nativeDslFormat as kqlDslFormat } from '../../elastic-common/dsl/format.js'

export const kqlDetectionRuleFormat: OutputFormat = {
  description: 'Elastic Security detection rule (KQL): body of POST /api/detection_engine/rules',
  query: (q, ctx) => detectionRuleBody({ type: 'query', language: 'kuery', query: q, index: settingsFrom(ctx).indexNames }, ctx),
}

/** The NDJSON import line, shared with the Lucene target (language kuery). */
export const kqlNdjsonFormat: OutputFormat = {
  description: 'Elastic Security detection rule (KQL) in NDJSON import format',
  query: (q, ctx) => queryRuleNdjsonBody('kuery', q, ctx),
}
