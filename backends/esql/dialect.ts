/** ES|QL `WHERE` expression tokens: pySigma-backend-elasticsearch ESQLBackend settings. */
import type { TextDialect } from '../../src/render/dialect.js'
import { backslashLiteral } from '../../src/render/strings.js'

export const esqlDialect: TextDialect = {
  precedence: ['not', 'and', 'or'],
  parenthesize: false,
  group: '({expr})',
  tokenSeparator: ' ',
  or: 'or',
  and: 'and',
  not: 'not',
  eqToken: '==',
  // Python's `\w` is Unicode-aware; letters, digits and `_` of any script need no backquotes.
  field: { quote: '`', quotePattern: /^[\p{L}\p{N}_.]+$/u },
  // `like` patterns take `\` as their escape character, and so do string literals: a pattern is escaped first
  // (`\` → `\\`, literal `*` → `\*`), then written as a literal (every `\` doubled again). pySigma escapes once, so
  // its `like "*\\Windows\\*"` means `*Windows*` with a literal star, and its `\*` is an escape ES|QL rejects.
  str: { quote: '"', escapeChar: '\\', wildcardMulti: '*', wildcardSingle: '?', addEscaped: '\\', filterChars: '', literal: backslashLiteral },
  match: {
    startswith: 'starts_with({field}, {value})',
    endswith: 'ends_with({field}, {value})',
    wildcard: '{field} like {value}',
  },
  bool: { true: 'true', false: 'false' },
  re: { expression: '{field} rlike "{regex}"', escapeChar: '\\', escape: ['"'], escapeEscapeChar: true, flagPrefix: true },
  cidr: 'cidr_match({field}, "{value}")',
  compare: { expression: '{field}{operator}{value}', ops: { lt: '<', lte: '<=', gt: '>', gte: '>=' } },
  fieldRef: { eq: '{field1}=={field2}', escapeAndQuote: [true, true] },
  null: '{field} is null',
  exists: '{field} is not null',
  notExists: '{field} is null',
  inList: { expression: '{field} {op} ({list})', orOp: 'in', separator: ', ', allowWildcards: false },
  queryExpression: '{query}',
  stateDefaults: { index: '*', metadata: '_id, _index, _version' },
}
