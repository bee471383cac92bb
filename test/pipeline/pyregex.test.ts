/** Python `re` syntax on JavaScript: patterns, re.match anchoring, re.sub templates, re.escape. */
import { describe, expect, it } from 'vitest'
import { compilePy, pyEscape, pyMatch, pySub, pyToJs } from '../../src/pipeline/pyregex.js'

describe('pattern translation', () => {
  const T: readonly [string, string, string][] = [
    ['(?P<name>a+)', '(?<name>a+)', ''],
    ['(?P<a>x)(?P=a)', '(?<a>x)\\k<a>', ''],
    ['(?i)abc', 'abc', 'i'],
    ['(?im)^a', '^a', 'im'],
    ['\\Aabc\\Z', '^abc$(?![\\s\\S])', ''],
    ['[]a]', '[\\]a]', ''],
    ['[^]a]', '[^\\]a]', ''],
    ['[(?P<x>]', '[(?P<x>]', ''],
    ['a\\(?P<b>', 'a\\(?P<b>', ''],
  ]
  it.each(T)('%s', (py, source, flags) => expect(pyToJs(py)).toEqual({ source, flags }))
  it('rejects what JavaScript cannot do', () => {
    expect(() => pyToJs('(?x)a b')).toThrow(/not supported/)
    expect(() => pyToJs('a(?i:b)')).toThrow(/not supported/)
  })
})

describe('re.match / re.sub / re.escape', () => {
  it('match is anchored at the start only', () => {
    const re = compilePy('b+')
    expect([pyMatch(re, 'bbc')?.[0], pyMatch(re, 'abb')]).toEqual(['bb', null])
  })
  const SUB: readonly [string, string, string, string][] = [
    ['(?P<x>o+)', '0\\g<x>-\\1', 'foo', 'f0oo-oo'],
    ['a', '\\\\', 'banana', 'b\\n\\n\\'],
    ['a', '\\n', 'ab', '\nb'],
    ['(a)|b', '[\\1]', 'ab', '[a][]'],
    ['x*', '-', 'abc', '-a-b-c-'],
    ['a', '\\*', 'a', '\\*'],
    ['(?i)A', 'b', 'aA', 'bb'],
  ]
  it.each(SUB)('re.sub(%j, %j, %j)', (p, t, s, want) => expect(pySub(compilePy(p), t, s)).toBe(want))
  it('rejects unknown letter escapes in templates', () => expect(() => pySub(compilePy('a'), '\\q', 'a')).toThrow(/bad escape/))
  it('escape matches Python re.escape', () =>
    expect(pyEscape(' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~aZ9')).toBe('\\ !"\\#\\$%\\&\'\\(\\)\\*\\+,\\-\\./:;<=>\\?@\\[\\\\\\]\\^_`\\{\\|\\}\\~aZ9'))
})
