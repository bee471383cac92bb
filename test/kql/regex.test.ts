/**
 * Sigma regexes → KQL wildcard patterns (backends/elastic-kql/regex-expand.ts): what each construct becomes, and
 * the construct named when there is no exact finite set of patterns. Exactness itself is checked against RE2 in
 * regex-equivalence.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { regexPatterns } from '../../backends/elastic-kql/regex-expand.js'
import type { RegexFlag } from '../../src/ir/value.js'

const shown = (regex: string, flags: RegexFlag[] = [], limit = 1024): string[] | string => {
  const r = regexPatterns(regex, flags, limit)
  const one = (p: { anchored: boolean; anchoredEnd: boolean; literal: string }): string =>
    p.anchored && p.anchoredEnd ? `"${p.literal}"` : p.literal === '' ? '*' : `${p.anchored ? '' : '*'}${p.literal}${p.anchoredEnd ? '' : '*'}`
  return r.ok ? r.patterns.map(one) : `NO ${r.construct}`
}

const digits = (f: (d: string) => string): string[] => [...'0123456789'].map(f)

describe('regexes that equal a finite set of wildcard patterns', () => {
  const table: readonly [string, RegexFlag[], string[]][] = [
    ['-D', [], ['*-D*']],
    ['APT\\d', [], digits((d) => `*APT${d}*`)],
    // unanchored: a digit anywhere is enough, the longer alternatives add nothing
    ['([0-9]|[1-9][0-9]|[1-4][0-9]{2})', [], digits((d) => `*${d}*`)],
    ['\\s-k\\s', [], [...'\t\n\f\r '].flatMap((a) => [...'\t\n\f\r '].map((b) => `*${a}-k${b}*`))],
    ['^abc', [], ['abc*']],
    ['\\Aabc', [], ['abc*']],
    ['(^|/)x', [], ['x*', '*/x*']],
    ['a|ab|b', [], ['*a*', '*b*']],
    ['.*foo.*?', [], ['*foo*']],
    ['^.*', [], ['*']],
    ['a?', [], ['*']],
    ['a{2,}b', [], ['*aab*']],
    ['x{1,3}y{2,5}', [], ['*xyy*']],
    ['x^y|z', [], ['*z*']],
    ['(?:x|)\\s*foo', [], ['*foo*']],
    ['a\\*b\\.c\\\\', [], ['*a*b.c\\*']],
    ['[\\]a-]', [], ['*-*', '*]*', '*a*']],
    ['(?P<n>ab)c(?<m>d)', [], ['*abcd*']],
    ['\\x41\\u00e9😀', [], ['*Aé😀*']],
    ['(?i)-\\d', [], digits((d) => `*-${d}*`)],
    ['[0-9]', ['i', 'm', 's'], digits((d) => `*${d}*`)],
    ['\\n\\n', [], ['*\n\n*']],
    // a path with what KQL cannot say disappears when another path covers it
    ['a.b|b', [], ['*b*']],
    ['x\\s+y|y', [], ['*y*']],
    ['a$|a', [], ['*a*']],
    // `$` = end of value, as RE2 reads it (PCRE/Python would also accept a final newline before it)
    ['foo$', [], ['*foo']],
    ['^foo$', [], ['"foo"']],
    ['(a|b)c$', [], ['*ac', '*bc']],
    // anchored at the end, a longer repetition is not covered by a shorter one
    ['.*x\\d?$', [], ['*x', ...digits((d) => `*x${d}`)]],
    ['\\.(exe|dll)$', [], ['*.exe', '*.dll']],
    ['^$', [], ['""']],
    ['$', [], ['*']],
    ['a$$', [], ['*a']],
    ['^^a', [], ['a*']],
    ['a$x*', [], ['*a']],
    ['a$b|c$', [], ['*c']],
    ['(x|y$)z?', [], ['*x*', '*y']],
    ['ab$|b$', [], ['*b']],
    ['^ab$|^a', [], ['a*']],
    ['^ab$|b$', [], ['*b']],
    ['^ab$|^ab', [], ['ab*']],
    ['a$|a', ['m'], ['*a*']],
  ]
  it.each(table)('/%s/ %j', (regex, flags, expected) => {
    expect(shown(regex, flags)).toEqual(expected)
  })

  it('counts alternatives after the shrinking, then against the limit', () => {
    expect(shown('-k\\s\\w{1,64}(?:\\s?(?:-p|-s))?')).toHaveLength(5 * 63)
    expect(shown('-1[0-9]{3}\\\\Software')).toHaveLength(1000)
    expect(shown('[0-9]{3}', [], 999)).toBe('NO at least 1000 alternatives (more than the regex_alternatives limit of 999)')
    expect(shown('[0-9a-f]{32}')).toBe('NO more than a billion alternatives (more than the regex_alternatives limit of 1024)')
  })
})

describe('regexes refused, naming the construct', () => {
  const table: readonly [string, RegexFlag[], RegExp][] = [
    ['a.b', [], /^NO `\.` \(any character\)$/],
    ['a.b', ['s'], /^NO `\.` \(any character\)$/],
    ['.+x', [], /^NO `\.`/],
    ['net\\s+view', [], /^NO unbounded repetition/],
    ['^a+b', [], /^NO unbounded repetition/],
    [':[^\\\\]', [], /^NO a negated character class/],
    ['a\\S', [], /^NO the negated class \\S/],
    ['a$b', [], /^NO a pattern that can never match$/],
    ['a$', ['m'], /^NO `\$` with the m flag$/],
    ['(?m)a$', [], /^NO `\$` with the m flag$/],
    ['x^y|z', ['m'], /^NO `\^` with the m flag$/],
    ['a\\s*$', [], /^NO unbounded repetition/],
    ['^\\s*^a', [], /^NO unbounded repetition/],
    ['a$\\s*$', [], /^NO `\$` inside the pattern$/],
    ['a\\Z', [], /^NO an end-of-text anchor/],
    ['\\bfoo', [], /^NO a word boundary/],
    ['(?=a)b', [], /^NO a lookaround assertion$/],
    ['(?<!a)b', [], /^NO a lookaround assertion$/],
    ['(a)\\1', [], /^NO a backreference$/],
    ['(?P<n>a)(?P=n)', [], /^NO a named backreference$/],
    ['(?>a)', [], /^NO an atomic group$/],
    ['a++', [], /^NO a possessive quantifier$/],
    ['a**', [], /^NO a repeated quantifier$/],
    ['*a', [], /^NO a quantifier with nothing to repeat$/],
    ['(?i)abc', [], /^NO the i flag on letters/],
    ['abc', ['i'], /^NO the i flag on letters/],
    ['^a', ['m'], /^NO `\^` with the m flag$/],
    ['(?x)a', [], /^NO the inline flag \(\?x\)$/],
    ['a(?i)b', [], /^NO inline flags inside the pattern$/],
    ['(?i:a)', [], /^NO inline flags inside the pattern$/],
    ['x^', [], /^NO a pattern that can never match$/],
    ['[[:alpha:]]', [], /^NO a POSIX class/],
    ['[\\x00-\\uffff]', [], /^NO a character class with more than 4096 characters$/],
    ['[z-a]', [], /^NO a reversed class range$/],
    ['a{2,1}', [], /^NO a repetition \{n,m\} with m < n$/],
    ['a{1001}', [], /^NO a repetition count above 1000$/],
    ['a{', [], /^NO an unescaped `\{`$/],
    ['(a', [], /^NO an unbalanced `\(`$/],
    ['a)', [], /^NO an unbalanced `\)`$/],
    ['[ab', [], /^NO an unterminated character class$/],
    ['a\\', [], /^NO a trailing backslash$/],
    ['\\p{L}', [], /^NO a Unicode property class/],
    ['\\q', [], /^NO the escape \\q$/],
    ['(a|b){30}', [], /^NO more than 20000 alternative shapes$/],
  ]
  it.each(table)('/%s/ %j', (regex, flags, expected) => {
    expect(shown(regex, flags)).toMatch(expected)
  })
})
