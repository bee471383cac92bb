/** Elasticsearch query_string (Lucene) tokens: pySigma-backend-elasticsearch LuceneBackend settings. */
import type { TextDialect } from '../../src/render/dialect.js'

export const luceneDialect: TextDialect = {
  precedence: ['not', 'or', 'and'],
  // pySigma groups every non-leaf child; Lucene's boolean parser has no real precedence, so this is also the safe choice.
  parenthesize: true,
  group: '({expr})',
  tokenSeparator: ' ',
  or: 'OR',
  and: 'AND',
  not: 'NOT',
  eqToken: ':',
  field: { escape: '\\', escapePattern: /[\s*]/ },
  // Values are unquoted (everything reserved is escaped) except the empty string, which must be `""`.
  str: {
    quote: '"',
    quotePattern: /^$/,
    quotePatternNegation: false,
    escapeChar: '\\',
    wildcardMulti: '*',
    wildcardSingle: '?',
    // pySigma's set plus every whitespace character: a raw tab or newline would end the term (query injection).
    addEscaped: '+-=&|!(){}[]<>^"~*?:\\/ \t\r\n\f\v\u3000',
    reservedWords: ['AND', 'OR', 'NOT'],
  },
  match: {},
  bool: { true: 'true', false: 'false' },
  re: { expression: '{field}:/{regex}/', escapeChar: '\\', escape: ['/'], escapeEscapeChar: false, flagPrefix: true },
  cidr: '{field}:{network}\\/{prefixlen}',
  compare: { expression: '{field}:{operator}{value}', ops: { lt: '<', lte: '<=', gt: '>', gte: '>=' } },
  null: 'NOT _exists_:{field}',
  exists: '_exists_:{field}',
  notExists: 'NOT _exists_:{field}',
  inList: { expression: '{field}{op}({list})', orOp: ':', separator: ' OR ', allowWildcards: true },
  unbound: { str: '*{value}*', num: '{value}' },
}
