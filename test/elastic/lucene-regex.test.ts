import { describe, expect, it } from 'vitest'
import { luceneRegex } from '../../backends/elastic-common/lucene-regex.js'
import { SigmaError } from '../../src/diagnostics.js'
import type { RegexFlag } from '../../src/ir/value.js'

const slash = { escapeSlash: true }

describe('Sigma regex → Lucene regex', () => {
  it.each([
    // [sigma regex, flags, lucene]
    ['foo.*bar', [], '.*foo.*bar.*'],
    ['^foo', [], 'foo.*'],
    ['foo$', [], '.*foo'],
    ['^foo$', [], 'foo'],
    ['foo|^bar$', [], '.*foo.*|bar'],
    ['(?:a|b)c', [], '.*(a|b)c.*'],
    ['(?P<x>a)+b', [], '.*(a)+b.*'],
    ['(^|\\/)\\.[^.\\\\/]', [], '(|.*\\/)\\.[^.\\\\\\/].*'],
    ['a\\S+?b', [], '.*a\\S+b.*'],
    ['x{,3}', [], '.*x{0,3}.*'],
    ['a"<b>@c&d~e#', [], '.*a\\"\\<b\\>\\@c\\&d\\~e\\#.*'],
    ['\\x41\\n', [], '.*A\n.*'],
    ['abc', ['i'], '.*[aA][bB][cC].*'],
    ['(?i)^a[b-c]$', [], '[aA][b-cB-C]'],
    ['a/b', [], '.*a\\/b.*'],
  ] as const)('%s (%j) → %s', (re, flags, out) => {
    expect(luceneRegex(re, flags as readonly RegexFlag[], slash)).toBe(out)
  })

  it('keeps `/` unescaped and case as written when asked', () => {
    expect(luceneRegex('(?i)a/b', [], { escapeSlash: false, foldCase: false })).toBe('.*a/b.*')
  })

  it.each([
    ['(?=a)b', 'lookaround'],
    ['(a)\\1', 'backreference'],
    ['\\bword\\b', 'anchor \\b'],
    ['a(^b|c)', 'anchors'],
    ['a*+', 'possessive'],
    ['(a', 'unbalanced'],
  ])('refuses %s (%s)', (re, what) => {
    expect(() => luceneRegex(re, [], slash)).toThrow(SigmaError)
    expect(() => luceneRegex(re, [], slash)).toThrow(what)
  })
})

describe('escaped anchors stay literal', () => {
  it.each([
    ['\\$\\{env\\}', '.*\\$\\{env\\}.*'],
    ['a\\^b$', '.*a\\^b'],
  ])('%s → %s', (re, out) => {
    expect(luceneRegex(re, [], { escapeSlash: true })).toBe(out)
  })
})
