/** ES|QL target: `from <index> metadata … | where <condition>`, Kibana saved searches, ES|QL rule bodies, correlations. */
import type { Backend } from '../../src/backend.js'
import { Renderer } from '../../src/render/text.js'
import { esqlDialect } from './dialect.js'
import { esqlHooks } from './hooks.js'
import { esqlCorrelation } from './correlation.js'
import { defaultFormat, kibanaNdjsonFormat, siemRuleAlertingFormat, siemRuleFormat, siemRuleNdjsonFormat } from './formats.js'
import { ELASTIC_DEPLOY_OPTIONS } from '../../src/deploy/options.js'
import { ecsPipelines } from '../elastic-common/pipelines/index.js'

export const esql: Backend = {
  id: 'esql',
  aliases: ['elastic-esql'],
  label: 'Elasticsearch ES|QL',
  description: 'Elasticsearch ES|QL queries, Kibana saved ES|QL searches and Elastic Security ES|QL rules; event_count, value_count and temporal correlations',
  requiresPipeline: true,
  pipelines: ecsPipelines,
  options: {
    schedule_interval: { description: 'siem_rule formats: rule schedule interval (number)', default: '5' },
    schedule_interval_unit: { description: 'siem_rule formats: unit of the schedule interval (s, m, h)', default: 'm' },
    keyword_fields: { description: 'comma-separated fields that keyword (field-less) values are searched in (ES|QL has no default field)' },
    keyword_qstr: { description: "'true': render keyword values as qstr() full-text queries (Elasticsearch 8.17+)", default: 'false' },
    ...ELASTIC_DEPLOY_OPTIONS,
  },
  formats: { default: defaultFormat, kibana_ndjson: kibanaNdjsonFormat, siem_rule: siemRuleFormat, siem_rule_ndjson: siemRuleNdjsonFormat, siem_rule_alerting: siemRuleAlertingFormat },
  defaultFormat: 'default',
  convertCondition(expr, ctx) {
    const r = new Renderer(esqlDialect, { deferred: [], pipelineState: ctx.pipelineState, options: ctx.options, scratch: {} }, esqlHooks)
    return r.finish(r.render(expr))
  },
  correlation: esqlCorrelation,
}
