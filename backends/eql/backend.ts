/** Elasticsearch EQL target: `any where <condition>`, `_eql/search` bodies and Elastic Security EQL rules. */
import type { Backend } from '../../src/backend.js'
import { Renderer } from '../../src/render/text.js'
import { eqlDialect } from './dialect.js'
import { eqlHooks } from './hooks.js'
import { eqlCorrelation } from './correlation.js'
import { defaultFormat, eqlapiFormat, siemRuleAlertingFormat, siemRuleFormat, siemRuleNdjsonFormat } from './formats.js'
import { ecsPipelines } from '../elastic-common/pipelines/index.js'
import { SIEM_OPTIONS } from '../elastic-common/siem.js'

export const eql: Backend = {
  id: 'eql',
  aliases: ['elastic-eql'],
  label: 'Elasticsearch EQL',
  description: 'Elasticsearch Event Query Language queries, _eql/search request bodies and Elastic Security EQL rules',
  requiresPipeline: true,
  pipelines: ecsPipelines,
  options: SIEM_OPTIONS,
  formats: { default: defaultFormat, eqlapi: eqlapiFormat, siem_rule: siemRuleFormat, siem_rule_ndjson: siemRuleNdjsonFormat, siem_rule_alerting: siemRuleAlertingFormat },
  defaultFormat: 'default',
  correlation: eqlCorrelation,
  convertCondition(expr, ctx) {
    const r = new Renderer(eqlDialect, { deferred: [], pipelineState: ctx.pipelineState, options: ctx.options, scratch: {} }, eqlHooks)
    return r.finish(r.render(expr))
  },
}
