/**
 * The targets with their deployable formats and options wired exactly as the lead is asked to wire them
 * (docs/DEPLOY.md "Wiring"); once the backends carry them these spreads are no-ops.
 */
import type { Backend } from '../../src/backend.js'
import { lucene } from '../../backends/lucene/backend.js'
import { eql } from '../../backends/eql/backend.js'
import { esql } from '../../backends/esql/backend.js'
import { elasticKql } from '../../backends/elastic-kql/backend.js'
import { splunk } from '../../backends/splunk/backend.js'
import { defender, sentinel } from '../../backends/kusto/backend.js'
import { kustoDeployFormats, kustoDeployOptions } from '../../backends/kusto/deploy/index.js'
import { kqlDetectionRuleFormat, kqlDslFormat, kqlNdjsonFormat } from '../../backends/elastic-kql/deploy/formats.js'
import { siemRuleAlertingFormat as eqlAlerting } from '../../backends/eql/formats.js'
import { siemRuleAlertingFormat as esqlAlerting } from '../../backends/esql/formats.js'
import { siemRuleFormat as kqlAlerting } from '../../backends/elastic-kql/formats.js'
import { withExprFormats } from '../../src/deploy/expr-format.js'
import { ELASTIC_DEPLOY_OPTIONS, SPLUNK_DEPLOY_OPTIONS } from '../../src/deploy/options.js'

/** `formats` override the backend's own (the KQL siem formats move to their deploy versions). */
const wire = (b: Backend, formats: Backend['formats'], options: Backend['options'] = {}): Backend =>
  withExprFormats({ ...b, formats: { ...b.formats, ...formats }, options: { ...options, ...b.options } })

export const TARGETS = {
  lucene: wire(lucene, {}),
  'elastic-kql': wire(elasticKql, { siem_rule: kqlDetectionRuleFormat, siem_rule_ndjson: kqlNdjsonFormat, siem_rule_alerting: kqlAlerting, dsl: kqlDslFormat }),
  eql: wire(eql, { siem_rule_alerting: eqlAlerting }),
  esql: wire(esql, { siem_rule_alerting: esqlAlerting }, ELASTIC_DEPLOY_OPTIONS),
  sentinel: wire(sentinel, kustoDeployFormats, kustoDeployOptions),
  defender: wire(defender, kustoDeployFormats, kustoDeployOptions),
  splunk: wire(splunk, {}, SPLUNK_DEPLOY_OPTIONS),
} satisfies Record<string, Backend>

export type TargetId = keyof typeof TARGETS

/** Every deployable (target, format, pipeline) this issue adds or aligns. */
export const DEPLOY_CASES: readonly { target: TargetId; format: string; pipeline: string }[] = [
  ...(['lucene', 'elastic-kql', 'eql', 'esql'] as const).flatMap((target) =>
    ['siem_rule', 'siem_rule_ndjson'].map((format) => ({ target, format, pipeline: 'ecs_windows' })),
  ),
  { target: 'lucene', format: 'dsl', pipeline: 'ecs_windows' },
  { target: 'elastic-kql', format: 'dsl', pipeline: 'ecs_windows' },
  { target: 'sentinel', format: 'analytics_rule', pipeline: 'sentinel_asim' },
  { target: 'sentinel', format: 'arm', pipeline: 'sentinel_asim' },
  { target: 'defender', format: 'custom_detection', pipeline: 'microsoft_xdr' },
  { target: 'splunk', format: 'saved_search_rest', pipeline: 'windows' },
  { target: 'splunk', format: 'search_job', pipeline: 'windows' },
]
