/**
 * Kibana Query Language (KQL, "kuery") target: plain queries, Elastic Security rules with `language: kuery`, and
 * an Elasticsearch `kql` query body. No pySigma backend produces KQL; every query is checked against a KQL grammar
 * (grammars/kql) in the tests. A regex becomes the finite OR of wildcard patterns it equals when there is one
 * (regex-expand.ts). What KQL cannot say (other regexes, `?`, fieldref, time parts…) is refused, never widened.
 */
import type { Backend } from '../../src/backend.js'
import { Renderer } from '../../src/render/text.js'
import { ecsPipelines } from '../elastic-common/pipelines/index.js'
import { SIEM_OPTIONS } from '../elastic-common/siem.js'
import { kqlDialect } from './dialect.js'
import { kqlHooks, CIDR_MODES, DEFAULT_REGEX_ALTERNATIVES } from './hooks.js'
import { caseInsensitive, defaultFormat, dslKqlFormat, siemRuleFormat } from './formats.js'
import { kqlDetectionRuleFormat, kqlDslFormat, kqlNdjsonFormat } from './deploy/formats.js'
import { withExprFormats } from '../../src/deploy/expr-format.js'

export const elasticKql: Backend = withExprFormats({
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
    regex_alternatives: {
      description: 're modifier: the most wildcard patterns one regex may expand to (a regex that equals no finite set of them, or more than this, is refused)',
      default: String(DEFAULT_REGEX_ALTERNATIVES),
    },
    case_insensitive: {
      description: 'dsl_kql format only: the kql query\'s case_insensitive flag (true = Sigma semantics on keyword fields; rules using the cased modifier are then refused)',
      default: 'true',
    },
  },
  formats: {
    default: defaultFormat,
    siem_rule: kqlDetectionRuleFormat,
    siem_rule_ndjson: kqlNdjsonFormat,
    siem_rule_alerting: siemRuleFormat,
    dsl: kqlDslFormat,
    dsl_kql: dslKqlFormat,
  },
  defaultFormat: 'default',
  convertCondition(expr, ctx) {
    const scratch: Record<string, unknown> = { caseInsensitive: ctx.format === 'dsl_kql' && caseInsensitive(ctx) }
    const r = new Renderer(kqlDialect, { deferred: [], pipelineState: ctx.pipelineState, options: ctx.options, scratch }, kqlHooks)
    return r.finish(r.render(expr))
  },
})
