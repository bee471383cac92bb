/** §2.5 escaping table, scalar mapping, text round trip, YAML scalar tags. */
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import fc from 'fast-check'
import { ANY, ONE, normParts } from '../../src/ir/value.js'
import type { StrPart, StrValue } from '../../src/ir/value.js'
import { parseSigmaString, scalarToValue, sigmaStringToText, sigmaYamlTags } from '../../src/sigma/value.js'
import { SigmaError } from '../../src/diagnostics.js'

// [Sigma value after YAML decoding, parts] — every row of SIGMA-NOTES §2.5, verified with pySigma.
const ESCAPING: [string, StrPart[]][] = [
  ['C:\\Windows\\cmd.exe', ['C:\\Windows\\cmd.exe']],
  ['C:\\\\Windows\\\\cmd.exe', ['C:\\Windows\\cmd.exe']],
  ['\\\\*', ['\\', ANY]],
  ['\\*', ['*']],
  ['\\?', ['?']],
  ['\\\\\\*', ['\\*']],
  ['\\\\\\\\', ['\\\\']],
  ['\\\\\\', ['\\\\']],
  ['abc\\', ['abc\\']],
  ['C:\\Windows\\*\\cmd.exe', ['C:\\Windows*\\cmd.exe']],
  ['a*b?c', ['a', ANY, 'b', ONE, 'c']],
  ['**', [ANY, ANY]],
  ['', []],
  ['\\', ['\\']],
  ['%name%', ['%name%']],
  ['\\%x', ['\\%x']],
  ['*\\\\', [ANY, '\\']],
]

describe('parseSigmaString (§2.5)', () => {
  for (const [text, parts] of ESCAPING)
    it(JSON.stringify(text), () => expect(parseSigmaString(text)).toEqual({ type: 'str', parts, cased: false }))
})

describe('sigmaStringToText', () => {
  const rows: [string, string][] = [
    ['a*b?c', 'a*b?c'],
    ['\\*', '\\*'],
    ['\\?x', '\\?x'],
    ['C:\\Windows\\cmd.exe', 'C:\\Windows\\cmd.exe'],
    // pySigma does not escape backslashes, so `\\*` (literal \ + wildcard) comes back as `\*`.
    ['\\\\*', '\\*'],
    ['', ''],
  ]
  for (const [input, text] of rows) it(`${input} → ${text}`, () => expect(sigmaStringToText(parseSigmaString(input))).toBe(text))
  it('renders placeholders as %name%', () =>
    expect(sigmaStringToText({ type: 'str', parts: ['a', { placeholder: 'x' }, ANY], cased: false })).toBe('a%x%*'))
})

describe('scalarToValue', () => {
  const rows: [unknown, unknown][] = [
    ['x*', { type: 'str', parts: ['x', ANY], cased: false }],
    [4688, { type: 'num', value: 4688 }],
    [1.5, { type: 'num', value: 1.5 }],
    [-0.25, { type: 'num', value: -0.25 }],
    [true, { type: 'bool', value: true }],
    [false, { type: 'bool', value: false }],
    [null, { type: 'null' }],
    [10n, { type: 'num', value: 10 }],
  ]
  for (const [raw, value] of rows) it(String(raw), () => expect(scalarToValue(raw)).toEqual(value))
  const bad: [unknown, RegExp][] = [
    [['a'], /Nested lists/],
    [{ a: 1 }, /map/],
    [Number.NaN, /Invalid number/],
    [Number.POSITIVE_INFINITY, /Invalid number/],
  ]
  for (const [raw, msg] of bad)
    it(`rejects ${String(raw)}`, () => {
      expect(() => scalarToValue(raw)).toThrow(SigmaError)
      expect(() => scalarToValue(raw)).toThrow(msg)
    })
})

describe('sigmaYamlTags', () => {
  it('keeps leading-zero numbers as strings, like PyYAML', () => {
    const doc = parse('a: [00000429, 0, 12, -5, 0x1F, 1.5, 007, "4688", 4688]', { customTags: sigmaYamlTags }) as { a: unknown[] }
    expect(doc.a).toEqual(['00000429', 0, 12, -5, 31, 1.5, '007', '4688', 4688])
  })
  it('without it the core schema loses the zeros', () => {
    expect((parse('a: 00000429') as { a: unknown }).a).toBe(429)
  })
})

describe('round trip (property)', () => {
  // Literal text without backslashes (pySigma's to_plain does not escape `\`, so those cannot round-trip).
  const part = fc.oneof(fc.string({ minLength: 1 }).filter((s) => !s.includes('\\')), fc.constant(ANY), fc.constant(ONE))
  it('parseSigmaString(sigmaStringToText(v)) = v', () => {
    fc.assert(
      fc.property(fc.array(part), (parts) => {
        const v: StrValue = { type: 'str', parts: normParts(parts), cased: false }
        expect(parseSigmaString(sigmaStringToText(v))).toEqual(v)
      }),
    )
  })
})
