/**
 * KQL output formats: plain queries, Elastic Security detection rules (`language: kuery`) and an Elasticsearch
 * `kql` query body, the one place Elastic lets a KQL query match keyword fields case-insensitively.
 * The rule bodies use the shared pieces of elastic-common/siem.ts with the key order of the Lucene target's
 * bodies (backends/lucene/formats.ts), which hard-codes `language: 'lucene'`, so the two builders are kept here.
 */
import type { OutputFormat, QueryContext } from '../../src/backend.js'
import { riskScore, ruleInfo, settingsFrom, severity } from '../elastic-common/siem.js'

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
  query(q, ctx) {
    const r = ruleInfo(ctx)
    const s = settingsFrom(ctx)
    return {
      name: r.name,
      consumer: 'siem',
      enabled: true,
      throttle: null,
      schedule: { interval: s.interval },
      params: {
        author: r.author,
        description: r.description,
        ruleId: r.id,
        falsePositives: r.falsePositives,
        from: `now-${s.interval}`,
        immutable: false,
        license: r.license,
        outputIndex: '',
        meta: { from: '1m' },
        maxSignals: 100,
        riskScore: riskScore(r.level, true),
        riskScoreMapping: [],
        severity: severity(r.level),
        severityMapping: [],
        threat: r.threat,
        to: 'now',
        references: r.references,
        version: 1,
        exceptionsList: [],
        relatedIntegrations: [],
        requiredFields: [],
        setup: '',
        type: 'query',
        language: 'kuery',
        index: s.indexNames,
        query: q,
        filters: [],
      },
      rule_type_id: 'siem.queryRule',
      tags: r.tags,
      notify_when: 'onActiveAlert',
      actions: [],
    }
  },
}

