/**
 * The targets the equivalence property checks: how to parse each backend's query, the target semantics it is
 * evaluated under, the documented limits (relaxations tried, in order, to explain a disagreement) and the backend
 * bugs this test found and reported. docs/EQUIVALENCE.md explains every entry.
 */
import lucene from 'lucene'
import { splunk } from '../../backends/splunk/backend.js'
import { lucene as luceneBackend } from '../../backends/lucene/backend.js'
import { elasticKql } from '../../backends/elastic-kql/backend.js'
import { kusto } from '../../backends/kusto/backend.js'
import { esql } from '../../backends/esql/backend.js'
import { eql } from '../../backends/eql/backend.js'
import { parseSpl } from '../../grammars/spl/index.js'
import { parseKql } from '../../grammars/kql/index.js'
import { parseKustoWhere } from '../../grammars/kusto-where/index.js'
import { parseEsqlWhere } from '../../grammars/esql-where/index.js'
import { parseEqlWhere } from '../../grammars/eql-where/index.js'
import { splMatcher, SPLUNK, type SplSemantics } from '../../src/equivalence/spl.js'
import { ES_KEYWORD, luceneMatcher, prepareLuceneQuery, type LuceneSemantics } from '../../src/equivalence/lucene.js'
import { KIBANA_KEYWORD, kqlMatcher, type KqlSemantics } from '../../src/equivalence/kql.js'
import { KUSTO, kustoMatcher, type KustoSemantics } from '../../src/equivalence/kusto.js'
import { ESQL_KEYWORD, esqlMatcher, type EsqlSemantics } from '../../src/equivalence/esql.js'
import { EQL_KEYWORD, eqlMatcher, type EqlSemantics } from '../../src/equivalence/eql.js'
import type { Target } from './harness.js'
import type { Expr } from '../../src/ir/expr.js'
import { needsRegex } from '../../backends/splunk/exact.js'

const syntax = (errors: readonly { message: string; offset: number }[]): SyntaxError =>
  new SyntaxError(errors.map((e) => `${e.message} at ${e.offset}`).join('; '))

export const splunkTarget: Target<SplSemantics> = {
  id: 'splunk',
  backend: splunk,
  compile(query, sem) {
    const { ast, errors } = parseSpl(query)
    if (!ast) throw syntax(errors)
    return splMatcher(ast, sem)
  },
  exact: SPLUNK,
  limits: [
    { id: 'term-segmentation', reason: 'a keyword matches whole index segments in Splunk, a substring in Sigma', semantics: { ...SPLUNK, segmentation: false } },
    { id: 'raw-text', reason: 'a keyword searches the whole raw event, so a wildcard or a leading/trailing space may span two values', semantics: { ...SPLUNK, segmentation: false, rawText: false } },
    { id: 'where-case', reason: "eval/where '=' compares text case-sensitively", semantics: { segmentation: false, rawText: false, whereCaseInsensitive: true } },
  ],
  // Both Splunk bugs found by this test (NOT before an expansion; regex post-filter under a NOT group) are fixed;
  // no known bug remains, so every disagreement must be a documented limit.
  knownBugs: [],
}

export const luceneTarget: Target<LuceneSemantics> = {
  id: 'lucene',
  backend: luceneBackend,
  compile(query, sem) {
    const prepared = prepareLuceneQuery(query)
    let ast
    try {
      ast = lucene.parse(prepared.query)
    } catch (e) {
      throw new SyntaxError(e instanceof Error ? e.message : String(e))
    }
    return luceneMatcher(ast, prepared.regexes, sem)
  },
  exact: ES_KEYWORD,
  limits: [{ id: 'keyword-case', reason: 'keyword fields match case-sensitively; Sigma strings are case-insensitive', semantics: { caseInsensitive: true } }],
}

export const kqlTarget: Target<KqlSemantics> = {
  id: 'elastic-kql',
  backend: elasticKql,
  compile(query, sem) {
    const { ast, errors } = parseKql(query)
    if (!ast) throw syntax(errors)
    return kqlMatcher(ast, sem)
  },
  exact: KIBANA_KEYWORD,
  limits: [
    { id: 'keyword-case', reason: 'keyword fields match case-sensitively (unless the kql query sets case_insensitive)', semantics: { ...KIBANA_KEYWORD, caseInsensitive: true } },
  ],
}

export const kustoTarget: Target<KustoSemantics> = {
  id: 'kusto',
  backend: kusto,
  compile(query, sem) {
    const { ast, errors } = parseKustoWhere(query)
    if (!ast) throw syntax(errors)
    return kustoMatcher(ast, sem)
  },
  exact: KUSTO,
  limits: [
    { id: 'string-null-empty', reason: 'Kusto strings are never null: a missing value is the empty string, which Sigma tells apart from null', semantics: { ...KUSTO, nullIsEmpty: false } },
    { id: 'has-term', reason: 'has/has_all match whole terms, Sigma contains matches substrings', semantics: { nullIsEmpty: false, hasAsContains: true } },
  ],
}

export const esqlTarget: Target<EsqlSemantics> = {
  id: 'esql',
  backend: esql,
  compile(query, sem) {
    const { ast, errors } = parseEsqlWhere(query)
    if (!ast) throw syntax(errors)
    return esqlMatcher(ast, sem)
  },
  exact: ESQL_KEYWORD,
  limits: [
    { id: 'keyword-case', reason: '==, like, rlike, starts_with and ends_with compare keyword fields case-sensitively; Sigma strings are case-insensitive', semantics: { caseInsensitive: true, threeValued: true } },
    { id: 'null-three-valued', reason: 'a test on a missing (null) field is null and so is its negation, which where drops; Sigma makes the test false and its negation true', semantics: { caseInsensitive: true, threeValued: false } },
  ],
  knownBugs: [],
}

export const eqlTarget: Target<EqlSemantics> = {
  id: 'eql',
  backend: eql,
  compile(query, sem) {
    const { ast, errors } = parseEqlWhere(query)
    if (!ast) throw syntax(errors)
    return eqlMatcher(ast, sem)
  },
  exact: EQL_KEYWORD,
  limits: [],
  knownBugs: [],
}
