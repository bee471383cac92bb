/**
 * The query evaluators, case by case, with each vendor's documented semantics (docs/EQUIVALENCE.md), and the
 * harness on small rules: the real backends agree, deliberately broken ones are caught.
 */
import { describe, expect, it } from 'vitest'
import type { Backend } from '../../src/backend.js'
import { loadSigma } from '../../src/sigma/load.js'
import { Unevaluable } from '../../src/equivalence/common.js'
import { SPLUNK } from '../../src/equivalence/spl.js'
import { KUSTO } from '../../src/equivalence/kusto.js'
import { KIBANA_KEYWORD } from '../../src/equivalence/kql.js'
import { ES_KEYWORD, luceneRegexToRe2 } from '../../src/equivalence/lucene.js'
import type { CorpusRule } from './corpus.js'
import { runEquivalence, type Target } from './harness.js'
import { kqlTarget, kustoTarget, luceneTarget, splunkTarget } from './targets.js'

type Case = readonly [query: string, event: Record<string, unknown>, expected: boolean]

function table<S>(t: Target<S>, sem: S, cases: readonly Case[]): void {
  it.each(cases.map(([q, e, x]) => ({ q, e, x })))('$q  on $e → $x', ({ q, e, x }) => {
    expect(t.compile(q, sem)(e)).toBe(x)
  })
}

describe('SPL (Splunk search semantics)', () => {
  table(splunkTarget, SPLUNK, [
    ['Image="*\\\\regsvr32.exe"', { Image: 'C:\\Windows\\REGSVR32.EXE' }, true],
    ['Image="*\\\\regsvr32.exe"', { image: 'C:\\Windows\\regsvr32.exe' }, false],
    ['Image="*\\\\regsvr32.exe"', { Image: 'C:\\Windows\\\\regsvr32.exe.bak' }, false],
    ['a="x\\"y"', { a: 'X"Y' }, true],
    ['a=1 b=2 OR c=3', { a: '1', c: '3' }, true],
    ['a=1 b=2 OR c=3', { b: '2', c: '3' }, false],
    ['NOT a=1 OR b=2', { a: '1', b: '2' }, true],
    ['NOT a=1 OR b=2', { a: '1' }, false],
    ['NOT (a=1 OR b=2)', { b: '2' }, false],
    ['a IN ("x*", "y")', { a: 'Xylophone' }, true],
    ['dst_ip="10.0.0.0/8"', { dst_ip: '10.1.2.3' }, true],
    ['dst_ip="10.0.0.0/8"', { dst_ip: '11.0.0.1' }, false],
    ['dst_ip="fe80::/10"', { dst_ip: 'fe80::1' }, true],
    ['x>5', { x: '6' }, true],
    ['x>5', { x: '5' }, false],
    ['a=*', { a: 'v' }, true],
    ['NOT a=*', { a: null }, true],
    ['"dump"', { x: 'mysql dump' }, true],
    ['"dump"', { x: 'mysqldump' }, false],
    ['"dump"', { x: 'c:\\dump.exe' }, true],
    ['"*dump*"', { x: 'mysqldumpx' }, true],
    ['*', {}, true],
    ['a=1\n| regex b="^x\\\\d$"', { a: 1, b: 'x1' }, true],
    ['a=1\n| regex b="^x\\\\d$"', { a: 1, b: 'X1' }, false],
    ['a=1\n| regex b!="x"', { a: 1, b: 'y' }, true],
    ['a=1\n| regex b="(?i)^x\\\\d$"', { a: 1, b: 'X1' }, true],
    ['\n| rex field=b "(?<bMatch>x\\\\d)"\n| eval bCondition=if(isnotnull(bMatch), "true", "false")\n| search bCondition="true" OR c="1"', { b: 'ax1' }, true],
    ['\n| rex field=b "(?<bMatch>x\\\\d)"\n| eval bCondition=if(isnotnull(bMatch), "true", "false")\n| search bCondition="true" OR c="1"', { b: 'a' }, false],
    ['\n| rex field=b "(?<bMatch>x\\\\d)"\n| eval bCondition=if(isnotnull(bMatch), "true", "false")\n| search bCondition="true" OR c="1"', { c: '1' }, true],
    ["a=*\n| where 'a'='b'", { a: 'X', b: 'X' }, true],
    ["a=*\n| where 'a'='b'", { a: 'X', b: 'x' }, false],
    ["a=*\n| where NOT 'a'='b'", { a: 'X', b: 'Y' }, true],
  ])
  it('reports what it cannot parse', () => {
    expect(() => splunkTarget.compile('a=1 | stats count', SPLUNK)).toThrow(SyntaxError)
    expect(() => splunkTarget.compile('a="unterminated', SPLUNK)).toThrow(SyntaxError)
  })
})

describe('Kusto where (case rules per operator)', () => {
  table(kustoTarget, KUSTO, [
    ['a =~ "ABC"', { a: 'abc' }, true],
    ['a == "ABC"', { a: 'abc' }, false],
    ['a != "ABC"', { a: 'abc' }, true],
    ['a contains "bc"', { a: 'ABCD' }, true],
    ['a contains_cs "bc"', { a: 'ABCD' }, false],
    ['a !contains "bc"', { a: 'ABCD' }, false],
    ['a has "bc"', { a: 'abcd' }, false],
    ['a has "bc"', { a: 'x BC.y' }, true],
    ['a startswith "x" and b endswith "Y"', { a: 'Xa', b: 'ay' }, true],
    ['a == "1" or b == "1" and c == "1"', { a: '1' }, true],
    ['(a == "1" or b == "1") and c == "1"', { a: '1' }, false],
    ['not(a in~ ("x", "y"))', { a: 'X' }, false],
    ['a in ("x", "y")', { a: 'X' }, false],
    ['a has_all ("x", "y")', { a: 'y-x' }, true],
    ['isempty(a)', {}, true],
    ['isempty(a)', { a: '' }, true],
    ['isnotempty(a)', { a: 'x' }, true],
    ['isnull(a)', {}, false],
    ['ipv4_is_in_range(ip, "10.0.0.0/8")', { ip: '10.2.3.4' }, true],
    ['ipv4_is_in_range(ip, "10.0.0.0/8")', { ip: '11.2.3.4' }, false],
    ['ipv6_is_in_range(ip, "fe80::/10")', { ip: 'fe80::1' }, true],
    ["['c-uri'] matches regex \"(?i)^a.c$\"", { 'c-uri': 'AbC' }, true],
    ["['c-uri'] matches regex \"^a.c$\"", { 'c-uri': 'AbC' }, false],
    ['* contains "drop"', { x: 'DROP table' }, true],
    ['a == "x\\"y\\\\z"', { a: 'x"y\\z' }, true],
    ['a == @"C:\\W"', { a: 'C:\\W' }, true],
    ['a == @"say ""hi"""', { a: 'say "hi"' }, true],
    ['T\n| where a > 5', { a: '6' }, true],
    ['EventID == 4624', { EventID: 4624 }, true],
  ])
})

describe('Kibana KQL (keyword fields)', () => {
  table(kqlTarget, KIBANA_KEYWORD, [
    ['a:abc', { a: 'abc' }, true],
    ['a:abc', { a: 'ABC' }, false],
    ['a:*bc', { a: 'xbc' }, true],
    ['a:"x*"', { a: 'x*' }, true],
    ['a:"x*"', { a: 'xy' }, false],
    ['a:x\\*', { a: 'x*' }, true],
    ['not a:*', {}, true],
    ['a:(x or y*)', { a: 'yes' }, true],
    ['dst:"10.0.0.0/8"', { dst: '10.1.1.1' }, true],
    ['dst:"10.0.0.0/8"', { dst: '10.0.0.0/8' }, false],
    ['"drop"', { x: 'drop' }, true],
    ['"drop"', { x: 'mysqldump' }, false],
    ['a >= " M" and a < " N"', { a: ' Mozilla' }, true],
    ['a >= " M" and a < " N"', { a: 'Mozilla' }, false],
    ['n > 5', { n: '10' }, true],
  ])
  it('case_insensitive and full-text relaxations', () => {
    expect(kqlTarget.compile('a:abc', { caseInsensitive: true, fieldlessSubstring: false })({ a: 'ABC' })).toBe(true)
    expect(kqlTarget.compile('"dump"', { caseInsensitive: true, fieldlessSubstring: true })({ x: 'mysqldumpx' })).toBe(true)
  })
})

describe('Lucene query_string (keyword fields)', () => {
  table(luceneTarget, ES_KEYWORD, [
    ['a:abc', { a: 'abc' }, true],
    ['a:abc', { a: 'ABC' }, false],
    ['a:*\\ b*', { a: 'x by' }, true],
    ['a:x\\*y', { a: 'x*y' }, true],
    ['a:x\\*y', { a: 'xzy' }, false],
    ['a:x?y', { a: 'xzy' }, true],
    ['a:/ab.*/', { a: 'abc' }, true],
    ['a:/ab.*/', { a: 'xabc' }, false],
    ['a:/.*\\s-[FTd]\\s.*/', { a: 'curl -F x' }, true],
    ['a:/.*\\@x.*/', { a: 'me@x.org' }, true],
    ['_exists_:a', { a: 'x' }, true],
    ['NOT _exists_:a', {}, true],
    ['a:(x OR y)', { a: 'y' }, true],
    ['a:1 AND (NOT b:2)', { a: '1', b: '2' }, false],
    ['dst:10.0.0.0\\/8', { dst: '10.2.2.2' }, true],
    ['dst:10.0.0.0\\/8', { dst: '10.0.0.0/8' }, false],
    ['a:>5', { a: '6' }, true],
    ['*dump*', { x: 'mysqldumpx' }, true],
    ['a:x\\\ty', { a: 'x\ty' }, true],
    ['c\\-uri:x', { 'c-uri': 'x' }, true],
  ])
  it('refuses to guess an unparenthesised mix of operators', () => {
    expect(() => luceneTarget.compile('a:1 OR b:2 AND c:3', ES_KEYWORD)({ a: '1' })).toThrow(Unevaluable)
  })
  it('translates Lucene regexes to anchored RE2', () => {
    expect(luceneRegexToRe2('a\\@b$')).toBe('^(?:a@b\\$)$')
    expect(() => luceneRegexToRe2('a@b')).toThrow(Unevaluable)
  })
})

const RULE = `title: equivalence sample
status: test
logsource: {product: windows, category: process_creation}
detection:
  sel:
    Image|endswith: '\\evil.exe'
    CommandLine|contains: 'a\\*b'
  kw:
    - 'Mimikatz'
  filter:
    User: SYSTEM
    ParentImage|contains|windash: ' -x '
  condition: (sel or kw) and not filter
`

const rules: CorpusRule[] = loadSigma(RULE, { file: 'sample.yml' }).documents.flatMap((d) => (d.kind === 'rule' ? [{ path: 'sample.yml', rule: d }] : []))

const broken = (b: Backend, edit: (q: string) => string): Backend => ({ ...b, convertCondition: (e, ctx) => edit(b.convertCondition(e, ctx)) })

describe('the harness', () => {
  it.each([
    ['splunk', splunkTarget],
    ['lucene', luceneTarget],
    ['elastic-kql', kqlTarget],
    ['kusto', kustoTarget],
  ] as const)('%s: the real backend agrees on the sample rule', (_, t) => {
    const r = runEquivalence(t as Target<unknown>, rules, 64)
    expect(r.parseErrors).toEqual([])
    expect(r.eventsTried).toBeGreaterThan(20)
    expect(r.disagreements).toBe(0)
  })
  it.each([
    ['splunk writes OR as AND', { ...splunkTarget, backend: broken(splunkTarget.backend, (q) => q.replace(/ OR /g, ' ')) }],
    ['splunk widens endswith', { ...splunkTarget, backend: broken(splunkTarget.backend, (q) => q.replace('.exe"', '.exe*"')) }],
    ['lucene un-escapes *', { ...luceneTarget, backend: broken(luceneTarget.backend, (q) => q.replace(/\\\*/g, '*')) }],
    ['kusto compares case-sensitively', { ...kustoTarget, backend: broken(kustoTarget.backend, (q) => q.replace(/ =~ /g, ' == ').replace(/ endswith /g, ' endswith_cs ')) }],
    ['kql drops the grouping after not', { ...kqlTarget, backend: broken(kqlTarget.backend, (q) => q.replace(/not \((.*)\)$/, 'not $1')) }],
  ] as const)('a broken backend is caught: %s', (_, t) => {
    const r = runEquivalence(t as Target<unknown>, rules, 256)
    expect(r.disagreements + r.parseErrors.length).toBeGreaterThan(0)
  })
})
