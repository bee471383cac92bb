/** Splunk SPL search-command tokens (pySigma-backend-splunk's TextQueryBackend settings). */
import type { TextDialect } from '../../src/render/dialect.js'

export const splunkDialect: TextDialect = {
  // In the search command OR binds tighter than the implicit AND.
  precedence: ['not', 'or', 'and'],
  parenthesize: false,
  group: '({expr})',
  tokenSeparator: ' ',
  or: 'OR',
  and: ' ',
  not: 'NOT',
  eqToken: '=',
  field: { quote: '"', quotePattern: /^[\w.]+$/ },
  str: { quote: '"', escapeChar: '\\', wildcardMulti: '*', wildcardSingle: '*', addEscaped: '\\' },
  match: {},
  bool: { true: 'true', false: 'false' },
  re: { expression: '{regex}', escapeChar: '\\', escape: ['"'], escapeEscapeChar: true, flagPrefix: true },
  cidr: '{field}="{value}"',
  compare: { expression: '{field}{operator}{value}', ops: { lt: '<', lte: '<=', gt: '>', gte: '>=' } },
  fieldRef: { eq: '{field2}' },
  null: 'NOT {field}=*',
  exists: '{field}=*',
  notExists: 'NOT {field}=*',
  inList: { expression: '{field} {op} ({list})', orOp: 'IN', separator: ', ', allowWildcards: true },
  unbound: { str: '{value}', num: '{value}', re: '{value}' },
  deferred: { start: '\n| ', separator: '\n| ', onlyQuery: '*' },
}
