/** Elasticsearch Lucene (query_string) target: plain queries, query DSL, Kibana saved searches, SIEM rule bodies. */
import type { Backend } from '../../src/backend.js'
import { Renderer } from '../../src/render/text.js'
import { luceneDialect } from './dialect.js'
import { luceneHooks } from './hooks.js'
import { defaultFormat, dslLuceneFormat, kibanaNdjsonFormat, siemRuleAlertingFormat, siemRuleFormat, siemRuleNdjsonFormat } from './formats.js'
import { dslFormat } from './dsl.js'
import { withExprFormats } from '../../src/deploy/expr-format.js'
import { ecsPipelines } from '../elastic-common/pipelines/index.js'
import { SIEM_OPTIONS } from '../elastic-common/siem.js'

export const lucene: Backend = withExprFormats({
  id: 'lucene',
  aliases: ['elastic-lucene'],
  label: 'Elasticsearch Lucene',
  description: 'Elasticsearch query_string (Lucene) queries, query DSL, Kibana saved searches and Elastic Security rules',
  requiresPipeline: true,
  pipelines: ecsPipelines,
  options: SIEM_OPTIONS,
  formats: {
    default: defaultFormat,
    kibana_ndjson: kibanaNdjsonFormat,
    dsl_lucene: dslLuceneFormat,
    siem_rule: siemRuleFormat,
    siem_rule_ndjson: siemRuleNdjsonFormat,
    siem_rule_alerting: siemRuleAlertingFormat,
    dsl: dslFormat,
  },
  defaultFormat: 'default',
  convertCondition(expr, ctx) {
    const r = new Renderer(luceneDialect, { deferred: [], pipelineState: ctx.pipelineState, options: ctx.options, scratch: {} }, luceneHooks)
    return r.finish(r.render(expr))
  },
})
