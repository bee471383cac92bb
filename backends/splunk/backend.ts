/** Splunk SPL: search-command queries, savedsearches.conf and tstats data-model output. */
import type { Backend } from '../../src/backend.js'
import { Renderer } from '../../src/render/text.js'
import { splunkDialect } from './dialect.js'
import { splunkFieldHook, splunkFinish, splunkKeywordHook } from './regex.js'
import { dataModelFormat, defaultFormat, savedsearchesFormat } from './formats.js'
import { savedSearchRestFormat, searchJobFormat } from './rest-formats.js'
import { splunkPipelines } from './pipelines/index.js'
import { splunkCorrelation } from './correlation.js'
import { exactWildcards } from './exact.js'
import { SPLUNK_DEPLOY_OPTIONS } from '../../src/deploy/options.js'

export const splunk: Backend = {
  id: 'splunk',
  label: 'Splunk SPL',
  description: 'Splunk search processing language (search command), savedsearches.conf and tstats data-model queries',
  requiresPipeline: true,
  pipelines: splunkPipelines,
  options: {
    min_time: { description: 'savedsearches: dispatch.earliest_time of the [default] stanza', default: '-30d' },
    max_time: { description: 'savedsearches: dispatch.latest_time of the [default] stanza', default: 'now' },
    ...SPLUNK_DEPLOY_OPTIONS,
  },
  formats: { default: defaultFormat, savedsearches: savedsearchesFormat, data_model: dataModelFormat, saved_search_rest: savedSearchRestFormat, search_job: searchJobFormat },
  defaultFormat: 'default',
  convertCondition(expr, ctx) {
    const r = new Renderer(splunkDialect, { deferred: [], pipelineState: ctx.pipelineState, options: ctx.options, scratch: {} }, { field: splunkFieldHook, keyword: splunkKeywordHook })
    return splunkFinish(r, r.render(exactWildcards(expr)))
  },
  correlation: splunkCorrelation,
}
