import { describe, expect, it } from 'vitest'
import { expandSelector } from '../../grammars/condition/index.js'

// Identifiers as a rule (plus a filter pipeline, which adds `_filt_…` / `_cond_…` names) might have them.
const ids = ['selection_img', 'selection_cli', 'filter_main_x', 'filter_optional_y', 'sel', '_filt_ab_sel', '_cond_1', 'a.b', 'Selection_Upper']

describe('expandSelector (pySigma semantics)', () => {
  it.each<[string, string[]]>([
    ['them', ['selection_img', 'selection_cli', 'filter_main_x', 'filter_optional_y', 'sel', 'a.b', 'Selection_Upper']],
    ['selection_*', ['selection_img', 'selection_cli']],
    ['sel*', ['selection_img', 'selection_cli', 'sel']],
    ['filter_*', ['filter_main_x', 'filter_optional_y']],
    ['*_x', ['filter_main_x']],
    ['*', ['selection_img', 'selection_cli', 'filter_main_x', 'filter_optional_y', 'sel', 'a.b', 'Selection_Upper']],
    ['sel', ['sel']], // full match, not prefix
    ['election*', []], // full match, not search
    ['_filt_ab_*', ['_filt_ab_sel']], // `_` patterns reach `_` identifiers
    ['_*', ['_filt_ab_sel', '_cond_1']],
    ['a*b', ['a.b']], // only `*` is special: `.` in identifiers is literal text
    ['selection_upper', []], // case-sensitive
  ])('%s', (pattern, expected) => {
    expect(expandSelector(pattern, ids)).toEqual(expected)
  })

  it('regex metacharacters in patterns are literal', () => {
    expect(expandSelector('a.b', ['a.b', 'axb'])).toEqual(['a.b'])
    expect(expandSelector('x(1)*', ['x(1)y', 'x1y'])).toEqual(['x(1)y'])
  })

  it('keeps the order of the identifiers', () => {
    expect(expandSelector('s*', ['s3', 's1', 's2'])).toEqual(['s3', 's1', 's2'])
  })
})
