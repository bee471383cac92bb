/**
 * Issue 10, equivalence (esql, eql): for every corpus rule, boundary events drawn by fast-check get the same answer
 * from the Sigma reference evaluator and from an evaluator of the backend's query, or the difference is a documented
 * limit or a reported backend bug (docs/EQUIVALENCE.md). Prints per target: rules checked, events tried, limits,
 * disagreements.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { hasCorpus, type CorpusRule } from './corpus.js'
import { corpusRules } from './harness.js'
import { checkTarget } from './run-target.js'
import { esqlTarget, eqlTarget } from './targets.js'
import { parseEsqlWhere } from '../../grammars/esql-where/index.js'
import { parseEqlWhere } from '../../grammars/eql-where/index.js'
import { esqlMatcher } from '../../src/equivalence/esql.js'
import { eqlMatcher } from '../../src/equivalence/eql.js'
import { Unevaluable } from '../../src/equivalence/common.js'

let rules: CorpusRule[] = []

describe.skipIf(!hasCorpus)('equivalence over the corpus', () => {
  beforeAll(() => {
    rules = corpusRules()
  }, 120_000)
  it('esql', () => void checkTarget(esqlTarget, rules), 120_000)
  it('eql', () => void checkTarget(eqlTarget, rules), 120_000)
})

const esqlCases: readonly [string, unknown, boolean][] = [
  ['from logs-* metadata _id | where a == "X"', { a: 'X' }, true],
  ['a == "X"', { a: 'x' }, false],
  ['a like "*\\\\\\\\b*"', { a: 'a\\b' }, true],
  // one escaped backslash in the literal is a like escape: the backslash vanishes (the like-backslash bug)
  ['a like "*\\\\b*"', { a: 'ab' }, true],
  ['a like """x*"""', { a: 'xyz' }, true],
  ['a rlike "ab+"', { a: 'xabb' }, false],
  ['a rlike ".*ab+"', { a: 'xabb' }, true],
  ['not a == "x"', {}, false],
  ['a is null and not b in ("1", "2")', { b: '3' }, true],
  ['ends_with(a, ".exe") or cidr_match(ip, "10.0.0.0/8")', { ip: '10.1.2.3' }, true],
  ['`c-uri` like "?b"', { 'c-uri': 'ab' }, true],
]

const eqlCases: readonly [string, unknown, boolean][] = [
  ['any where a : "X*"', { a: 'xyz' }, true],
  ['a == "X"', { a: 'x' }, false],
  ['a like~ ("*.EXE", "*.dll")', { a: 'c.exe' }, true],
  ['a like ("*.EXE")', { a: 'c.exe' }, false],
  ['a regex~ """AB\\d"""', { a: 'ab1' }, true],
  ['not a : "x"', {}, true],
  ['?a == null and ?b != null', { b: 1 }, true],
  ['cs-host : "*.org" and EventID : 4', { 'cs-host': 'a.ORG', EventID: 4 }, true],
  ['cidrMatch(ip, "10.0.0.0/8", "::1/128")', { ip: '11.0.0.1' }, false],
  ['a : "\\\\x"', { a: '\\X' }, true],
  // EQL wildcard patterns have no escape character: a backslash is literal, `*`/`?` are always wildcards
  ['a : "*\\\\cmd.exe"', { a: 'C:\\Windows\\CMD.exe' }, true],
  ['a : "*\\\\cmd.exe"', { a: 'C:\\Windowscmd.exe' }, false],
  ['a like~ "x\\\\*"', { a: 'x\\anything' }, true],
  ['a like~ "x\\\\*"', { a: 'x*' }, false],
]

describe('the ES|QL and EQL evaluators, case by case', () => {
  it.each(esqlCases)('esql %s on %j → %s', (q, ev, want) => {
    const { ast, errors } = parseEsqlWhere(q)
    expect(errors).toEqual([])
    expect(esqlMatcher(ast as NonNullable<typeof ast>)(ev)).toBe(want)
  })
  it.each(eqlCases)('eql %s on %j → %s', (q, ev, want) => {
    const { ast, errors } = parseEqlWhere(q)
    expect(errors).toEqual([])
    expect(eqlMatcher(ast as NonNullable<typeof ast>)(ev)).toBe(want)
  })
  it('reports strings the languages reject as unevaluable, and syntax errors with offsets', () => {
    const bad = parseEsqlWhere('a like "\\\\*x"')
    expect(() => esqlMatcher(bad.ast as NonNullable<typeof bad.ast>)({ a: 'x' })).not.toThrow()
    const rejected = parseEsqlWhere('a like "\\*x"')
    expect(() => esqlMatcher(rejected.ast as NonNullable<typeof rejected.ast>)({ a: 'x' })).toThrow(Unevaluable)
    expect(parseEsqlWhere('a == ').errors.length).toBeGreaterThan(0)
    expect(parseEqlWhere('a : "x" and').errors.length).toBeGreaterThan(0)
    const kw = parseEqlWhere('"dump" or "drop"')
    expect(() => eqlMatcher(kw.ast as NonNullable<typeof kw.ast>)({ a: 'dump' })).toThrow(Unevaluable)
  })
})
