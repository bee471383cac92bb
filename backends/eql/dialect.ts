/** Elasticsearch EQL condition tokens: pySigma-backend-elasticsearch EqlBackend settings. */
import type { TextDialect } from '../../src/render/dialect.js'
import { backslashLiteral } from '../../src/render/strings.js'

export const eqlDialect: TextDialect = {
  precedence: ['not', 'or', 'and'],
  parenthesize: true,
  group: '({expr})',
  tokenSeparator: ' ',
  or: 'or',
  and: 'and',
  not: 'not',
  eqToken: ':',
  // Backquote names that start with a digit or a dash or contain whitespace (pySigma's pattern, matched at the start).
  field: { quote: '`', quotePattern: /^\d.*|.*\s.*|-/, quotePatternNegation: false },
  // EQL wildcard patterns have no escape character (a backslash is literal), so values are only string-escaped;
  // a value with a literal `*`/`?` never gets here (hooks.ts writes it as a regex).
  str: { quote: '"', wildcardMulti: '*', wildcardSingle: '?', addEscaped: '', literal: backslashLiteral },
  match: {},
  casedMatch: { match: '{field} == {value}' },
  bool: { true: 'true', false: 'false' },
  re: { expression: '{field} regex~ "{regex}"', escapeChar: '\\', escape: ['/'], escapeEscapeChar: false, flagPrefix: true },
  cidr: 'cidrMatch({field}, "{network}/{prefixlen}")',
  compare: { expression: '{field} {operator} {value}', ops: { lt: '<', lte: '<=', gt: '>', gte: '>=' } },
  null: '?{field} == null',
  // pySigma has no existence test for EQL; `?field` tolerates a field missing from the mapping.
  exists: '?{field} != null',
  notExists: '?{field} == null',
  inList: { expression: '{field}{op}({list})', orOp: ' like~ ', separator: ', ', allowWildcards: true },
  unbound: { str: '{value}', num: '{value}' },
}
