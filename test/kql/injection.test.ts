/**
 * No injection through values: for any Sigma value (quotes, backslashes, KQL keywords, unicode, newlines,
 * wildcards anywhere) the elastic-kql output parses with the KQL grammar as exactly one term of the field whose
 * decoded text and wildcard positions are the Sigma value's — or the value is refused for a documented reason.
 * A field's wildcard value that starts with whitespace is a term range on the prefix plus a wildcard term for the
 * rest (prefix-range.ts); regex-equivalence.test.ts checks what those match.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { elasticKql } from '../../backends/elastic-kql/backend.js'
import type { QueryContext } from '../../src/backend.js'
import type { Expr } from '../../src/ir/expr.js'
import { ANY, ONE, normParts, type StrPart, type StrValue } from '../../src/ir/value.js'
import { SigmaError } from '../../src/diagnostics.js'
import { compareCodePoints } from './kql-eval.js'
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

/** A prefix whose term range has no upper bound to write (it ends with a lone surrogate, or is all U+10FFFF). */
function noSuccessor(prefix: string): boolean {
  const cps = Array.from(prefix).map((c) => c.codePointAt(0) as number)
  while (cps[cps.length - 1] === 0x10ffff) cps.pop()
  const last = cps[cps.length - 1]
  return last === undefined || (last >= 0xd800 && last <= 0xdfff)
}

const leadingWs = (p: readonly StrPart[]): boolean => typeof p[0] === 'string' && /^\s/.test(p[0])

/** Why the backend may refuse this value (any one of these), or undefined when it must convert it. */
function refusalReason(p: readonly StrPart[], field: string | null): RegExp | undefined {
  if (!p.some((x) => typeof x !== 'string')) return undefined
  const reasons: string[] = []
  if (p.includes(ONE)) reasons.push('single-character wildcard')
  const last = p[p.length - 1]
  // A field's value may start with whitespace: it becomes a term range (prefix-range.ts) unless only whitespace precedes a wildcard.
  if (leadingWs(p)) {
    const prefix = p[0] as string
    const onlyPrefix = p.length === 2 && p[1] === ANY
    if (field === null || (prefix.trim() === '' && !onlyPrefix)) reasons.push('starts (or ends )?with whitespace')
    if (field !== null && noSuccessor(prefix)) reasons.push('lone surrogate')
  }
  if (typeof last === 'string' && /\s$/.test(last)) reasons.push('ends with whitespace')
  // A lone prefix range is quoted: Kibana reads the marker text there literally.
  const rangeOnly = field !== null && leadingWs(p) && p.length === 2 && p[1] === ANY
  if (!rangeOnly && p.some((x) => typeof x === 'string' && x.includes(KQL_WILDCARD_SYMBOL))) reasons.push(KQL_WILDCARD_SYMBOL)
  return reasons.length > 0 ? new RegExp(reasons.join('|')) : undefined
}

/** `(f >= "P" and f < "P⁺" [and f:*P'…])`: the prefix and the pattern after it, as the grammar reads them. */
function rangeTerms(ast: KqlNode | undefined, field: string, p: readonly StrPart[]): void {
  if (ast?.kind !== 'and') throw new Error('not a range conjunction')
  const [gte, lt, rest] = ast.args
  const prefix = p[0] as string
  expect(gte).toMatchObject({ kind: 'range', op: 'gte', field: { text: field }, value: { quoted: true, text: prefix } })
  expect(lt).toMatchObject({ kind: 'range', op: 'lt', field: { text: field } })
  if (lt?.kind === 'range') expect(compareCodePoints(lt.value.text, prefix) > 0 && !lt.value.text.startsWith(prefix)).toBe(true)
  if (p.length === 2 && p[1] === ANY) expect(rest).toBeUndefined()
  else expect(termOf(rest, field)).toEqual(expected([ANY, prefix.replace(/^\s+/, ''), ...p.slice(1)]))
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
  const reason = refusalReason(p, field)
  if (reason) {
    expect(out.error).toMatch(reason)
    return
  }
  expect(out.error).toBeUndefined()
  const parsed = parseKql(out.query ?? '')
  expect(parsed.errors).toEqual([])
  if (field !== null && leadingWs(p) && p.some((x) => typeof x !== 'string')) return rangeTerms(parsed.ast, field, p)
  const term = termOf(parsed.ast, field)
  if (term === 'exists') expect(p).toEqual([ANY])
  else expect(term).toEqual(expected(p))
}

describe('elastic-kql: a value is always exactly one term', () => {
  it('field: value', () => {
    fc.assert(fc.property(parts, (p) => checkOne(p, { kind: 'field', field: 'f', value: str(p) }, 'f')), { numRuns: 3000 })
  })

  it('field-less keyword (written `*value*`: Sigma keywords are substrings)', () => {
    const contains = (p: readonly StrPart[]): StrPart[] => [...(p[0] === ANY ? [] : [ANY]), ...p, ...(p[p.length - 1] === ANY ? [] : [ANY])]
    fc.assert(fc.property(parts.filter((p) => p.length > 0), (p) => checkOne(contains(p), { kind: 'keyword', value: str(p) }, null)), { numRuns: 1500 })
  })

  it('value lists keep one term per value', () => {
    fc.assert(fc.property(fc.array(parts.filter((p) => refusalReason(p, 'f') === undefined && !leadingWs(p) && !(p.length === 1 && p[0] === ANY)), { minLength: 2, maxLength: 4 }), (values) => {
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
