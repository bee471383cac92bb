/** The glob matcher against a RegExp oracle on random short patterns and values. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileGlob, globMatch } from '../../src/eval/glob.js'
import { ANY, ONE, type StrPart } from '../../src/ir/value.js'

const oracle = (parts: readonly StrPart[], cased: boolean): RegExp =>
  new RegExp(
    '^' +
      parts
        .map((p) => (typeof p === 'string' ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : 'special' in p && p.special === 'any' ? '[\\s\\S]*' : '[\\s\\S]'))
        .join('') +
      '$',
    cased ? 'su' : 'isu',
  )

const part = fc.oneof(fc.constantFrom<StrPart>(ANY, ONE), fc.stringMatching(/^[abAB]{1,3}$/))

describe('globMatch', () => {
  it('agrees with a RegExp oracle', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), fc.stringMatching(/^[abAB]{0,8}$/), fc.boolean(), (parts, value, cased) => {
        const g = compileGlob(parts, cased)
        expect(g).not.toBeNull()
        expect(globMatch(g!, value)).toBe(oracle(parts, cased).test(value))
      }),
      { numRuns: 3000 },
    )
  })

  it('returns null for an unresolved placeholder', () => {
    expect(compileGlob(['a', { placeholder: 'x' }], false)).toBeNull()
  })
})
