/**
 * KQL output formats: plain queries, Elastic Security detection rules (`language: kuery`) and an Elasticsearch
 * `kql` query body, the one place Elastic lets a KQL query match keyword fields case-insensitively.
 * The rule bodies use the shared pieces of elastic-common/siem.ts with the key order of the Lucene target's
 * bodies (backends/lucene/formats.ts), which hard-codes `language: 'lucene'`, so the two builders are kept here.
 */
import type { OutputFormat, QueryContext } from '../../src/backend.js'
import { settingsFrom } from '../elastic-common/siem.js'
import { alertingRuleBody } from '../elastic-common/alerting.js'

export const defaultFormat: OutputFormat = { description: 'Plain Kibana Query Language (KQL) queries' }

/** `case_insensitive` option: true unless the user says false (Sigma's default semantics). */
export const caseInsensitive = (ctx: Pick<QueryContext, 'options'>): boolean => (ctx.options.case_insensitive ?? 'true') !== 'false'

export const dslKqlFormat: OutputFormat = {
  description: 'Elasticsearch query DSL with the kql query (case_insensitive per the case_insensitive option)',
  query: (q, ctx) => ({ query: { kql: { query: q, case_insensitive: caseInsensitive(ctx) } } }),
}

/** Kibana alerting-framework rule (`POST /api/alerting/rule`). */
export const siemRuleFormat: OutputFormat = {
  description: 'Elastic Security detection rule (KQL) in JSON format',
  query: (q, ctx) => alertingRuleBody({ type: 'query', language: 'kuery', ruleTypeId: 'siem.queryRule', index: settingsFrom(ctx).indexNames, query: q, informationalZero: true, order: 'query' }, ctx),
}

