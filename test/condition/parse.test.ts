import { describe, expect, it } from 'vitest'
import { parseCondition } from '../../grammars/condition/index.js'
import { and, not, of, or, ref, stripSpans, type Shape } from './strip-spans.js'

const shape = (s: string): Shape | undefined => {
  const r = parseCondition(s)
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return r.condition && stripSpans(r.condition)
}

describe('parseCondition: structure', () => {
  it.each<[string, Shape]>([
    // precedence: not > and > or
    ['a or b and c', or(ref('a'), and(ref('b'), ref('c')))],
    ['a and b or c', or(and(ref('a'), ref('b')), ref('c'))],
    ['not a and b', and(not(ref('a')), ref('b'))],
    ['not a or b', or(not(ref('a')), ref('b'))],
    ['not (a or b)', not(or(ref('a'), ref('b')))],
    ['(a or b) and c', and(or(ref('a'), ref('b')), ref('c'))],
    // n-ary chains
    ['a and b and c', and(ref('a'), ref('b'), ref('c'))],
    ['a or b or c or d', or(ref('a'), ref('b'), ref('c'), ref('d'))],
    ['a and b or c and d and e', or(and(ref('a'), ref('b')), and(ref('c'), ref('d'), ref('e')))],
    // parentheses keep their grouping (as in pySigma)
    ['(a and b) and c', and(and(ref('a'), ref('b')), ref('c'))],
    ['((a))', ref('a')],
    // not not
    ['not not a', not(not(ref('a')))],
    ['not not not a and b', and(not(not(not(ref('a')))), ref('b'))],
    // selectors
    ['1 of them', of('any', 'them')],
    ['any of them', of('any', 'them')],
    ['all of them', of('all', 'them')],
    ['1 of sel*', of('any', 'sel*')],
    ['all of sel_*_x', of('all', 'sel_*_x')],
    ['1 of sel-*', of('any', 'sel-*')],
    ['1 of selection', of('any', 'selection')],
    ['1 of *', of('any', '*')],
    ['1 of them* and x', and(of('any', 'them*'), ref('x'))],
    ['not 1 of filter*', not(of('any', 'filter*'))],
    // identifiers: digits, hyphens, underscores, names that start with keywords
    ['sel-1 and 1sel and _x', and(ref('sel-1'), ref('1sel'), ref('_x'))],
    ['notepad', ref('notepad')],
  ])('%s', (text, expected) => {
    expect(shape(text)).toEqual(expected)
  })

  it('keywords are whole words (pySigma reads `notepad` as `not epad`)', () => {
    expect(shape('notepad or andfilter and selection_not')).toEqual(or(ref('notepad'), and(ref('andfilter'), ref('selection_not'))))
    expect(shape('oracle and nothing and ofx and them1 and any_x and all-y and 1x')).toEqual(
      and(ref('oracle'), ref('nothing'), ref('ofx'), ref('them1'), ref('any_x'), ref('all-y'), ref('1x')))
    expect(shape('not(a)')).toEqual(not(ref('a')))
    expect(shape('(a)and(b)')).toEqual(and(ref('a'), ref('b')))
    expect(parseCondition('selection andfilter').diagnostics.map((d) => [d.code, d.column])).toEqual([['condition.syntax', 11]])
  })

  it('whitespace: tabs and newlines (YAML block scalars)', () => {
    expect(shape('a\n  and\tnot b\r\n or c ')).toEqual(or(and(ref('a'), not(ref('b'))), ref('c')))
  })

  it('spans point at the first token of each node (1-based line/column, 0-based offset)', () => {
    const c = parseCondition('sel and\n  (not 1 of f* or x)').condition
    expect(c).toEqual({
      kind: 'and', span: { offset: 0, line: 1, column: 1 }, args: [
        { kind: 'ref', name: 'sel', span: { offset: 0, line: 1, column: 1 } },
        { kind: 'or', span: { offset: 11, line: 2, column: 4 }, args: [
          { kind: 'not', span: { offset: 11, line: 2, column: 4 }, arg: { kind: 'of', quantifier: 'any', pattern: 'f*', span: { offset: 15, line: 2, column: 8 } } },
          { kind: 'ref', name: 'x', span: { offset: 26, line: 2, column: 19 } },
        ] },
      ],
    })
  })

  it('accepts UPPERCASE / Mixed keywords with a keyword_case warning each', () => {
    const r = parseCondition('Sel AND NOT 1 OF Them Or ALL of x*')
    expect(r.condition && stripSpans(r.condition)).toEqual(or(and(ref('Sel'), not(of('any', 'them'))), of('all', 'x*')))
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.column, d.key])).toEqual([
      ['warning', 'condition.keyword_case', 5, 'AND'],
      ['warning', 'condition.keyword_case', 9, 'NOT'],
      ['warning', 'condition.keyword_case', 15, 'OF'],
      ['warning', 'condition.keyword_case', 18, 'Them'],
      ['warning', 'condition.keyword_case', 23, 'Or'],
      ['warning', 'condition.keyword_case', 26, 'ALL'],
    ])
  })
})
