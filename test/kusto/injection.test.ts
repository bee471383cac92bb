/** Property: whatever a rule's value or field name holds, it stays exactly one KQL literal / identifier (no injection). */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { Expr } from '../../src/ir/expr.js'
import { ANY, type StrPart } from '../../src/ir/value.js'
import { KustoRenderer, kustoIdent } from '../../backends/kusto/render.js'
import { stringLiterals, syntaxErrors, literalValue } from './kql.js'

const render = (e: Expr): string => {
  const r = new KustoRenderer({ deferred: [], pipelineState: {}, options: {}, scratch: {} })
  return r.kustoFinish(r.render(e))
}
const field = (parts: readonly StrPart[], cased = false): Expr => ({ kind: 'field', field: 'CommandLine', value: { type: 'str', parts, cased } })
// Any UTF-16 text including quotes, backslashes, control characters, pipes and newlines.
const text = fc.string({ unit: fc.oneof(fc.constantFrom('$$', '$&', "$'", '"', "'", '\\', '\n', '\r', '\t', '|', ';', '\u0000', '\u2028', '*', '`', '@'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 40 })

const SHAPES: readonly [string, (s: string) => Expr, boolean][] = [
  ['equals', (s) => field([s]), true],
  ['cased equals', (s) => field([s], true), true],
  ['contains', (s) => field([ANY, s, ANY]), true],
  ['startswith', (s) => field([s, ANY]), true],
  ['endswith', (s) => field([ANY, s]), true],
  ['keyword', (s) => ({ kind: 'keyword', value: { type: 'str', parts: [s], cased: false } }), true],
  ['inner wildcard (regex)', (s) => field([s, ANY, s]), false],
  ['regex modifier', (s) => ({ kind: 'field', field: 'CommandLine', value: { type: 're', regex: s, flags: ['i'] } }), false],
]

describe('kusto: a value is always exactly one string literal', () => {
  for (const [name, build, exact] of SHAPES) {
    it(name, () => {
      fc.assert(
        fc.property(text, (s) => {
          const q = `T\n| where ${render(build(s))}`
          expect(syntaxErrors(q)).toEqual([])
          const lits = stringLiterals(q)
          const expected = name === 'inner wildcard (regex)' ? 1 : 1
          expect(lits.length).toBe(expected)
          if (exact) expect(literalValue(lits[0] as string)).toBe(s)
        }),
        { numRuns: 150 },
      )
    })
  }

  it('in-list values', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 2, maxLength: 5 }), (vals) => {
        const q = `T\n| where ${render({ kind: 'or', args: vals.map((v) => field([v])) })}`
        expect(syntaxErrors(q)).toEqual([])
        expect(stringLiterals(q).map(literalValue)).toEqual(vals)
      }),
      { numRuns: 100 },
    )
  })

  it('field names stay one identifier', () => {
    fc.assert(
      fc.property(text, (name) => {
        const q = `T\n| where ${render({ kind: 'field', field: name, value: { type: 'str', parts: ['x'], cased: false } })}`
        expect(syntaxErrors(q)).toEqual([])
        const ident = kustoIdent(name)
        // A bracketed name is itself one string literal inside `[…]`.
        expect(stringLiterals(q).map(literalValue)).toEqual(ident.startsWith('[') ? [name, 'x'] : ['x'])
        expect(q).toContain(ident)
      }),
      { numRuns: 150 },
    )
  })
})
