/**
 * No injection through values: for any Sigma value (quotes, backslashes, KQL keywords, unicode, newlines,
 * wildcards anywhere) the elastic-kql output parses with the KQL grammar as exactly one term of the field whose
 * decoded text and wildcard positions are the Sigma value's — or the value is refused for a documented reason.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { elasticKql } from '../../backends/elastic-kql/backend.js'
import type { QueryContext } from '../../src/backend.js'
import type { Expr } from '../../src/ir/expr.js'
import { ANY, ONE, normParts, type StrPart, type StrValue } from '../../src/ir/value.js'
import { SigmaError } from '../../src/diagnostics.js'
import { parseKql, WILDCARD, KQL_WILDCARD_SYMBOL, type KqlNode, type KqlPart } from '../../grammars/kql/index.js'

const ctx = { rule: {} as unknown as QueryContext['rule'], index: 0, pipelineState: {}, options: {}, format: 'default' } satisfies QueryContext

const FRAGMENTS = [
  '"', '\\', '\\"', '(', ')', ':', '<', '>', '<=', '*', '{', '}', '?', ' or ', ' and ', 'not ', ' OR ', 'NoT ', ' ', '  ',
  '\n', '\r', '\t', '\u00a0', '\u2028', '\u3000', '\ufeff', 'null', 'true', 'false', '\\n', '\\u0041', '\\or', KQL_WILDCARD_SYMBOL,
  'cannot ', 'x', 'é', '😀', '\ud800',
]
const text = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 8 }).map((a) => a.join(''))
const parts = fc.array(fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fc.constant<StrPart>(ANY) }, { weight: 1, arbitrary: fc.constant<StrPart>(ONE) }), { maxLength: 6 })
  .map((p) => normParts(p))

const str = (p: readonly StrPart[]): StrValue => ({ type: 'str', parts: p, cased: false })
const expected = (p: readonly StrPart[]): KqlPart[] => p.map((x) => (typeof x === 'string' ? x : WILDCARD))

/** Why the backend may refuse this value (any one of these), or undefined when it must convert it. */
function refusalReason(p: readonly StrPart[]): RegExp | undefined {
  if (!p.some((x) => typeof x !== 'string')) return undefined
  const reasons: string[] = []
  if (p.includes(ONE)) reasons.push('single-character wildcard')
  const first = p[0]
  const last = p[p.length - 1]
  if ((typeof first === 'string' && /^\s/.test(first)) || (typeof last === 'string' && /\s$/.test(last))) reasons.push('starts or ends with whitespace')
  if (p.some((x) => typeof x === 'string' && x.includes(KQL_WILDCARD_SYMBOL))) reasons.push(KQL_WILDCARD_SYMBOL)
  return reasons.length > 0 ? new RegExp(reasons.join('|')) : undefined
}

function render(e: Expr): { query?: string; error?: string } {
  try {
    return { query: elasticKql.convertCondition(e, ctx) }
  } catch (err) {
    if (err instanceof SigmaError) return { error: err.diagnostic.message }
    throw err
  }
}

function termOf(ast: KqlNode | undefined, field: string | null): KqlPart[] | 'exists' {
  if (ast?.kind === 'exists' && ast.field.text === field) return 'exists'
  expect(ast?.kind).toBe('match')
  if (ast?.kind !== 'match') return []
  expect(ast.field?.text ?? null).toBe(field)
  expect(ast.value.kind).toBe('value')
  if (ast.value.kind !== 'value') return []
  expect(ast.value.value.type).toBe('string')
  return [...ast.value.value.parts]
}

function checkOne(p: readonly StrPart[], e: Expr, field: string | null): void {
  const out = render(e)
  const reason = refusalReason(p)
  if (reason) {
    expect(out.error).toMatch(reason)
    return
  }
  expect(out.error).toBeUndefined()
  const parsed = parseKql(out.query ?? '')
  expect(parsed.errors).toEqual([])
  const term = termOf(parsed.ast, field)
  if (term === 'exists') expect(p).toEqual([ANY])
  else expect(term).toEqual(expected(p))
}

describe('elastic-kql: a value is always exactly one term', () => {
  it('field: value', () => {
    fc.assert(fc.property(parts, (p) => checkOne(p, { kind: 'field', field: 'f', value: str(p) }, 'f')), { numRuns: 3000 })
  })

  it('field-less keyword', () => {
    fc.assert(fc.property(parts.filter((p) => p.length > 0), (p) => checkOne(p, { kind: 'keyword', value: str(p) }, null)), { numRuns: 1500 })
  })

  it('value lists keep one term per value', () => {
    fc.assert(fc.property(fc.array(parts.filter((p) => refusalReason(p) === undefined && !(p.length === 1 && p[0] === ANY)), { minLength: 2, maxLength: 4 }), (values) => {
      const out = render({ kind: 'or', args: values.map((p) => ({ kind: 'field', field: 'f', value: str(p) })) })
      const ast = parseKql(out.query ?? '').ast
      expect(ast?.kind).toBe('match')
      if (ast?.kind !== 'match' || ast.value.kind !== 'or') throw new Error(`not a value list: ${out.query}`)
      expect(ast.value.args.map((a) => (a.kind === 'value' ? a.value.parts : null))).toEqual(values.map(expected))
    }), { numRuns: 1000 })
  })

  it('field names', () => {
    fc.assert(fc.property(text, (name) => {
      const out = render({ kind: 'field', field: name, value: { type: 'num', value: 1 } })
      const ast = parseKql(out.query ?? '').ast
      if (ast?.kind !== 'match') throw new Error(`not a match: ${out.query}`)
      expect(ast.field?.text).toBe(name)
      expect(ast.field?.wildcard).toBe(false)
    }), { numRuns: 1500 })
  })
})
