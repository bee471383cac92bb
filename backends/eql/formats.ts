/** EQL output formats: `any where …` queries, `_eql/search` bodies, Elastic Security EQL rule bodies. */
import type { OutputFormat, QueryContext } from '../../src/backend.js'
import { detectionRuleBody, settingsFrom } from '../elastic-common/siem.js'
import { alertingRuleBody, ndjsonRuleBody } from '../elastic-common/alerting.js'

// A correlation is already a whole EQL query (`sequence …`); only condition queries get `any where`.
const anyWhere = (q: string, ctx?: QueryContext): string => (ctx?.rule.kind === 'correlation' ? q : `any where ${q}`)

/** Pipeline state `index` (string or list) overrides the configured index names, as in pySigma. */
function indexNames(ctx: QueryContext): readonly string[] {
  const s = ctx.pipelineState.index
  if (typeof s === 'string' && s !== '') return [s]
  if (Array.isArray(s) && s.length > 0) return s.map(String)
  return settingsFrom(ctx).indexNames
}

export const defaultFormat: OutputFormat = { description: 'Plain Elasticsearch EQL queries.', query: anyWhere }

export const eqlapiFormat: OutputFormat = {
  description: "Plain EQL queries ready for '/_eql/search' API endpoint.",
  query: (q, ctx) => ({ query: anyWhere(q, ctx) }),
}

/** Kibana alerting-framework rule (`POST /api/alerting/rule`): pySigma's `siem_rule`, its key order. */
export const siemRuleAlertingFormat: OutputFormat = {
  description: 'Elasticsearch EQL queries as SIEM Rule.',
  query: (q, ctx) => alertingRuleBody({ type: 'eql', language: 'eql', ruleTypeId: 'siem.queryRule', index: indexNames(ctx), query: anyWhere(q, ctx), informationalZero: false, order: 'eql' }, ctx),
}

/** Detection-engine import format (one NDJSON line per rule), pySigma's key order. */
export const siemRuleNdjsonFormat: OutputFormat = {
  description: 'Elasticsearch EQL Query as SIEM Rules in NDJSON Format.',
  query: (q, ctx) => ndjsonRuleBody({ type: 'eql', language: 'eql', index: indexNames(ctx), query: anyWhere(q, ctx), informationalZero: true, order: 'eql' }, ctx),
}

/** Kibana detection-engine rule body (`POST /api/detection_engine/rules`), an EQL rule. */
export const siemRuleFormat: OutputFormat = {
  description: 'Elastic Security detection rule (EQL): body of POST /api/detection_engine/rules',
  query: (q, ctx) => detectionRuleBody({ type: 'eql', language: 'eql', query: anyWhere(q, ctx), index: indexNames(ctx) }, ctx),
}
