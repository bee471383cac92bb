/**
 * The `dsl` output format: a complete Elasticsearch `POST <index>/_search` body whose query is the native
 * bool tree of dsl/build.ts (not a query_string wrapper). Needs the Expr: see src/deploy/expr-format.ts.
 */
import type { QueryContext } from '../../../src/backend.js'
import { fail } from '../../../src/diagnostics.js'
import type { ExprOutputFormat } from '../../../src/deploy/expr-format.js'
import { durationOption, elasticDuration } from '../../../src/deploy/duration.js'
import { ELASTIC_DEPLOY_OPTIONS, intOption, optionText } from '../../../src/deploy/options.js'
import { exprToDsl } from './build.js'
import type { Dsl } from './leaves.js'

function searchBody(query: Dsl, ctx: QueryContext): Dsl {
  const o = ctx.options
  const size = intOption('dsl_size', optionText(o, ELASTIC_DEPLOY_OPTIONS, 'dsl_size'), 0, 10000)
  const range = optionText(o, ELASTIC_DEPLOY_OPTIONS, 'dsl_time_range')
  const timed =
    range.toLowerCase() === 'none'
      ? query
      : { bool: { filter: [query, { range: { '@timestamp': { gte: `now-${elasticDuration(durationOption('dsl_time_range', range))}`, lte: 'now' } } }] } }
  const fields = ctx.rule.kind === 'rule' ? ctx.rule.fields : []
  return { query: timed, size, sort: [{ '@timestamp': { order: 'desc' } }], ...(fields.length > 0 ? { _source: [...fields] } : {}) }
}

export const nativeDslFormat: ExprOutputFormat = {
  description: 'Elasticsearch _search body with a native bool query (term/wildcard/regexp/range, case_insensitive)',
  fromExpr: (expr) => JSON.stringify(exprToDsl(expr)),
  query(q, ctx) {
    if (ctx.rule.kind === 'correlation') return fail('backend.unsupported', 'the dsl format has no correlation queries')
    return searchBody(JSON.parse(q) as Dsl, ctx)
  },
}
