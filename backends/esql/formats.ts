/** ES|QL output formats: plain queries, Kibana saved ES|QL search, and Elastic Security ES|QL rule bodies. */
import type { OutputFormat, QueryContext } from '../../src/backend.js'
import { detectionRuleBody, pyJson } from '../elastic-common/siem.js'
import { fromClause, indexExpression } from './index-state.js'
import { alertingRuleBody, ndjsonRuleBody } from '../elastic-common/alerting.js'

/** Rules get their FROM clause here; correlation queries come complete from the correlation renderer. */
function fullQuery(q: string, ctx: QueryContext): { query: string; index: string } {
  if (ctx.rule.kind === 'correlation') return { query: q, index: /^from (\S+)/.exec(q)?.[1] ?? '*' }
  const index = indexExpression(ctx.pipelineState.index)
  return { query: fromClause(ctx.pipelineState, index) + q, index }
}

export const defaultFormat: OutputFormat = {
  description: 'Plain ES|QL queries',
  query: (q, ctx) => fullQuery(q, ctx).query,
}

export const kibanaNdjsonFormat: OutputFormat = {
  description: 'Kibana ES|QL queries in NDJSON Format.',
  query(q, ctx) {
    const { query, index } = fullQuery(q, ctx)
    const source = {
      query: { esql: query },
      index: { title: index, timeFieldName: '@timestamp', sourceFilters: [], type: 'esql', fieldFormats: {}, runtimeFieldMap: {}, allowNoIndex: false, name: index, allowHidden: false },
      filter: [],
    }
    return {
      attributes: {
        columns: [],
        description: ctx.rule.description ?? 'No description',
        grid: {},
        hideChart: false,
        isTextBasedQuery: true,
        kibanaSavedObjectMeta: { searchSourceJSON: pyJson(source) },
        sort: [['@timestamp', 'desc']],
        timeRestore: false,
        title: `SIGMA - ${ctx.rule.title}`,
        usesAdHocDataView: false,
      },
      id: ctx.rule.id ?? 'None',
      managed: false,
      references: [],
      type: 'search',
      typeMigrationVersion: '10.2.0',
    }
  },
}

/** Kibana alerting-framework rule (`POST /api/alerting/rule`): pySigma's `siem_rule`, its key order. */
export const siemRuleAlertingFormat: OutputFormat = {
  description: 'Elastic Security ES|QL queries as SIEM Rules in JSON Format.',
  query: (q, ctx) => alertingRuleBody({ type: 'esql', language: 'esql', ruleTypeId: 'siem.esqlRule', query: fullQuery(q, ctx).query, informationalZero: false, order: 'esql' }, ctx),
}

/** Detection-engine import format (one NDJSON line per rule), pySigma's key order. */
export const siemRuleNdjsonFormat: OutputFormat = {
  description: 'Elastic Security ES|QL queries as SIEM Rules in NDJSON Format.',
  query: (q, ctx) => ndjsonRuleBody({ type: 'esql', language: 'esql', query: fullQuery(q, ctx).query, informationalZero: true, order: 'esql' }, ctx),
}

/** Kibana detection-engine rule body (`POST /api/detection_engine/rules`), an ES|QL rule (no index: FROM names it). */
export const siemRuleFormat: OutputFormat = {
  description: 'Elastic Security detection rule (ES|QL): body of POST /api/detection_engine/rules',
  query: (q, ctx) => detectionRuleBody({ type: 'esql', language: 'esql', query: fullQuery(q, ctx).query }, ctx),
}
