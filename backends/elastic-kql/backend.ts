/**
 * Kibana Query Language (KQL, "kuery") target: plain queries, Elastic Security rules with `language: kuery`, and
 * an Elasticsearch `kql` query body. No pySigma backend produces KQL; every query is checked against a KQL grammar
 * (grammars/kql) in the tests. What KQL cannot say (regex, `?`, fieldref, time parts…) is refused, never widened.
 */
import type { Backend } from '../../src/backend.js'
import { Renderer } from '../../src/render/text.js'
import { ecsPipelines } from '../elastic-common/pipelines/index.js'
import { SIEM_OPTIONS } from '../elastic-common/siem.js'
import { kqlDialect } from './dialect.js'
import { kqlHooks, CIDR_MODES } from './hooks.js'
import { caseInsensitive, defaultFormat, dslKqlFormat, siemRuleFormat, siemRuleNdjsonFormat } from './formats.js'

export const elasticKql: Backend = {
  id: 'elastic-kql',
  aliases: ['kql', 'kuery'],
  label: 'Kibana Query Language (KQL)',
  description: 'Kibana Query Language queries and Elastic Security detection rules (language kuery)',
  requiresPipeline: true,
  pipelines: ecsPipelines,
  options: {
    ...SIEM_OPTIONS,
    cidr_mode: {
      description: `cidr modifier: ${CIDR_MODES.join(' | ')}. term = field:"10.0.0.0/8" (needs an ip-typed field); expand = IPv4 wildcard prefixes for keyword fields; refuse = fail the rule`,
      default: 'term',
    },
    case_insensitive: {
      description: 'dsl_kql format only: the kql query\'s case_insensitive flag (true = Sigma semantics on keyword fields; rules using the cased modifier are then refused)',
      default: 'true',
    },
  },
  formats: {
    default: defaultFormat,
    siem_rule: siemRuleFormat,
    siem_rule_ndjson: siemRuleNdjsonFormat,
    dsl_kql: dslKqlFormat,
  },
  defaultFormat: 'default',
  convertCondition(expr, ctx) {
    const scratch: Record<string, unknown> = { caseInsensitive: ctx.format === 'dsl_kql' && caseInsensitive(ctx) }
    const r = new Renderer(kqlDialect, { deferred: [], pipelineState: ctx.pipelineState, options: ctx.options, scratch }, kqlHooks)
    return r.finish(r.render(expr))
  },
}
