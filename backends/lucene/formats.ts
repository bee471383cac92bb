/** Lucene output formats: plain queries, query DSL, Kibana saved search, and detection-engine rule bodies. */
import type { OutputFormat } from '../../src/backend.js'
import { detectionRuleBody, pyJson, settingsFrom } from '../elastic-common/siem.js'
import { alertingRuleBody, queryRuleNdjsonBody } from '../elastic-common/alerting.js'

export const defaultFormat: OutputFormat = { description: 'Plain Elasticsearch Lucene queries' }

export const dslLuceneFormat: OutputFormat = {
  description: 'Elasticsearch query DSL with embedded Lucene queries',
  query: (q) => ({ query: { bool: { must: [{ query_string: { query: q, analyze_wildcard: true } }] } } }),
}

export const kibanaNdjsonFormat: OutputFormat = {
  description: 'Kibana NDJSON import file with Lucene queries',
  query(q, ctx) {
    const index = 'beats-*'
    const source = {
      index,
      filter: [],
      highlight: {
        pre_tags: ['@kibana-highlighted-field@'],
        post_tags: ['@/kibana-highlighted-field@'],
        fields: { '*': {} },
        require_field_match: false,
        fragment_size: 2147483647,
      },
      query: { query_string: { query: q, analyze_wildcard: true } },
    }
    return {
      id: String(ctx.rule.id ?? 'None'),
      type: 'search',
      attributes: {
        title: `SIGMA - ${ctx.rule.title}`,
        description: ctx.rule.description ?? null,
        hits: 0,
        columns: [],
        sort: ['@timestamp', 'desc'],
        version: 1,
        kibanaSavedObjectMeta: { searchSourceJSON: pyJson(source) },
      },
      references: [{ id: index, name: 'kibanaSavedObjectMeta.searchSourceJSON.index', type: 'index-pattern' }],
    }
  },
}

/** Kibana alerting-framework rule (`POST /api/alerting/rule`): pySigma's `siem_rule`, its key order. */
export const siemRuleAlertingFormat: OutputFormat = {
  description: 'Elasticsearch query DSL as SIEM Rules in JSON Format',
  query: (q, ctx) => alertingRuleBody({ type: 'query', language: 'lucene', ruleTypeId: 'siem.queryRule', index: settingsFrom(ctx).indexNames, query: q, informationalZero: true, order: 'query' }, ctx),
}

/** Detection-engine import format (one NDJSON line per rule), pySigma's key order. */
export const siemRuleNdjsonFormat: OutputFormat = {
  description: 'Elasticsearch query DSL as SIEM Rules in NDJSON Format',
  query: (q, ctx) => queryRuleNdjsonBody('lucene', q, ctx),
}

/** Kibana detection-engine rule body (`POST /api/detection_engine/rules`), language lucene. */
export const siemRuleFormat: OutputFormat = {
  description: 'Elastic Security detection rule (Lucene): body of POST /api/detection_engine/rules',
  query: (q, ctx) => detectionRuleBody({ type: 'query', language: 'lucene', query: q, index: settingsFrom(ctx).indexNames }, ctx),
}
