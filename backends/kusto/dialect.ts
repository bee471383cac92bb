/** Kusto (KQL) tokens: pySigma-backend-kusto's TextQueryBackend settings, with its invalid-KQL outputs fixed. */
import type { TextDialect } from '../../src/render/dialect.js'

export const kustoDialect: TextDialect = {
  precedence: ['not', 'and', 'or'],
  // pySigma's Kusto backend groups every non-leaf child.
  parenthesize: true,
  group: '({expr})',
  tokenSeparator: ' ',
  or: 'or',
  and: 'and',
  not: 'not',
  eqToken: ' =~ ',
  // Field quoting is done by KustoRenderer.fieldName (`['name']`); pySigma's `'name'` is not valid KQL.
  field: {},
  str: { quote: '"', escapeChar: '\\', wildcardMulti: '*', wildcardSingle: '*', addEscaped: '\\' },
  match: {
    startswith: '{field} startswith {value}',
    endswith: '{field} endswith {value}',
    contains: '{field} contains {value}',
    wildcard: '{field} matches regex "{regex}"',
  },
  // Extension (pySigma refuses `cased`): Kusto's case-sensitive operators.
  casedMatch: {
    startswith: '{field} startswith_cs {value}',
    endswith: '{field} endswith_cs {value}',
    contains: '{field} contains_cs {value}',
    wildcard: '{field} matches regex "{regex}"',
    match: '{field} == {value}',
  },
  bool: { true: 'true', false: 'false' },
  re: { expression: '{field} matches regex "{regex}"', escapeChar: '\\', escape: ['"'], escapeEscapeChar: true, flagPrefix: true },
  cidr: 'ipv4_is_in_range({field}, "{value}")',
  compare: { expression: '{field} {operator} {value}', ops: { lt: '<', lte: '<=', gt: '>', gte: '>=' } },
  // Extension (pySigma refuses field references): column-to-column comparisons.
  fieldRef: { eq: '{field1} =~ {field2}', startswith: '{field1} startswith {field2}', endswith: '{field1} endswith {field2}', contains: '{field1} contains {field2}' },
  // pySigma writes isnull(), which is never true for a string column; isempty() is true for null and ''.
  null: 'isempty({field})',
  exists: 'isnotempty({field})',
  notExists: 'isempty({field})',
  inList: { expression: '{field} {op} ({list})', orOp: 'in~', andOp: 'has_all', separator: ', ', allowWildcards: true },
  // pySigma's forms (a bare value is not a KQL predicate); KustoRenderer.kustoKeyword renders valid ones.
  unbound: { str: '{value}', num: '{value}', re: '_=~{value}' },
  deferred: { start: '\n| ', separator: '\n| ', onlyQuery: '*' },
}

/** Words the Kusto parser does not accept as bare column names (found with @kusto/language-service-next). */
export const KQL_KEYWORDS: ReadonlySet<string> = new Set([
  'and', 'or', 'not', 'in', 'has', 'contains', 'where', 'project', 'by', 'of', 'set', 'to', 'title', 'like', 'between', 'as',
  'asc', 'desc', 'print', 'datatable', 'materialize', 'toscalar', 'union', 'search', 'find', 'true', 'false', 'null', 'let',
  'with', 'on', 'kind', 'extend', 'join', 'range', 'render', 'view', 'alias', 'access', 'restrict', 'declare', 'pattern',
  'typeof', 'startswith', 'endswith', 'matches', 'regex', 'has_all', 'has_any', 'hasprefix', 'hassuffix',
])
