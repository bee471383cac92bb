/**
 * Kibana Query Language tokens (SIGMA-NOTES §8.4). There is no pySigma KQL backend: the renderings are ours.
 * KQL has real precedence (not > and > or) but every non-leaf child is grouped anyway, as in the Lucene target,
 * so analysts can read the query without knowing it. String values, IN lists, keywords and the refusals are
 * in hooks.ts / values.ts; this file holds only what the shared renderer can do from data.
 */
import type { TextDialect } from '../../src/render/dialect.js'

export const kqlDialect: TextDialect = {
  precedence: ['not', 'and', 'or'],
  parenthesize: true,
  group: '({expr})',
  tokenSeparator: ' ',
  or: 'or',
  and: 'and',
  not: 'not',
  eqToken: ':',
  // Plain ECS-like names stay bare; anything else (spaces, `*`, `:`, `null`…) becomes a quoted literal, where only
  // `\` and `"` need escaping. A quoted field name is a literal name in Kibana, so `*` in it is not a pattern.
  field: { quote: '"', quotePattern: /^(?!(?:null|true|false)$)[A-Za-z0-9_.@-]+$/, escape: '\\', escapePattern: /\\/ },
  // Unused (hooks render every string), kept safe: a quoted phrase with `\` and `"` escaped.
  str: { quote: '"', escapeChar: '\\', addEscaped: '\\' },
  match: {},
  bool: { true: 'true', false: 'false' },
  compare: { expression: '{field} {operator} {value}', ops: { lt: '<', lte: '<=', gt: '>', gte: '>=' } },
  null: 'not {field}:*',
  exists: '{field}:*',
  notExists: 'not {field}:*',
  inList: { expression: '{field}:({list})', orOp: 'or', separator: ' or ', allowWildcards: true },
  // Field-less numbers stay bare (Kibana: multi_match, lenient); field-less strings are rendered by hooks.ts.
  unbound: { num: '{value}' },
}
