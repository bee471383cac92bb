import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CONDITION_LIMITS, parseCondition, type ConditionDiagnostic } from '../../grammars/condition/index.js'

const brief = (ds: readonly ConditionDiagnostic[]) => ds.map((d) => [d.code, d.offset, d.line, d.column])

describe('parseCondition: syntax and lexer errors', () => {
  it.each<[string, string, number, number, number, string | undefined]>([
    // text, code, offset, line, column, offending token
    ['sel1 & sel2', 'condition.lexer', 5, 1, 6, '&'],
    ['sel1 and (f1 or f2', 'condition.syntax', 18, 1, 19, undefined],
    ['a and', 'condition.syntax', 5, 1, 6, undefined],
    ['a b', 'condition.syntax', 2, 1, 3, 'b'],
    ['a)', 'condition.syntax', 1, 1, 2, ')'],
    [')', 'condition.syntax', 0, 1, 1, ')'],
    ['sel*', 'condition.syntax', 0, 1, 1, 'sel*'],
    ['all them', 'condition.syntax', 4, 1, 5, 'them'],
    ['1 of', 'condition.syntax', 4, 1, 5, undefined],
    ['x\nand\n  (y or', 'condition.syntax', 13, 3, 8, undefined],
    ['selection and $x', 'condition.lexer', 14, 1, 15, '$'],
    ['a and b\n  or c \u00e9', 'condition.lexer', 15, 2, 8, '\u00e9'],
  ])('%j', (text, code, offset, line, column, key) => {
    const r = parseCondition(text)
    expect(r.condition).toBeUndefined()
    expect(r.diagnostics).toHaveLength(1)
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code, offset, line, column })
    expect(r.diagnostics[0]?.key).toBe(key)
  })

  it('messages say what was expected in plain words, never grammar rule names', () => {
    const msg = (s: string) => parseCondition(s).diagnostics.map((d) => d.message).join(' | ')
    expect(msg('sel1 and (f1 or f2')).toBe("expected ')' but found end of condition")
    expect(msg('a and and b')).toBe("expected 'not', '(', '1 of', 'any of', 'all of' or a detection name but found 'and'")
    expect(msg('a b')).toBe("expected 'and', 'or' or end of condition but found 'b'")
    expect(msg('1 of')).toBe("expected 'them', a wildcard pattern or a detection name but found end of condition")
    expect(msg('sel*')).toMatch(/wildcard pattern is only allowed after '1 of', 'any of' or 'all of'/)
    expect(msg('2 of x')).toMatch(/not '2 of …'/)
    expect(msg('sel1 & sel2')).toBe('unexpected character "&"')
    for (const s of ['a and and b', 'a b', '(a', '1 of', 'all them', 'not', ')', 'a or or']) {
      expect(msg(s)).not.toMatch(/orExpr|andExpr|notExpr|primary|selector|group|Identifier|Pattern|EOF|NaN/)
    }
  })

  it('long offending tokens are truncated to 40 characters', () => {
    const long = 'x'.repeat(100)
    const [d] = parseCondition(`a ${long}`).diagnostics
    expect(d?.key).toBe(`${'x'.repeat(40)}…`)
    expect(d?.message.length).toBeLessThan(120)
  })

  it('reports every error, not just the first', () => {
    expect(brief(parseCondition('a and (b or ) and c d').diagnostics)).toEqual([
      ['condition.syntax', 12, 1, 13],
      ['condition.syntax', 20, 1, 21],
    ])
    expect(brief(parseCondition('a and and b or or c').diagnostics)).toEqual([
      ['condition.syntax', 6, 1, 7],
      ['condition.syntax', 15, 1, 16],
    ])
    // lexer and parser errors together, sorted by position
    expect(brief(parseCondition('a && b or $c and (d').diagnostics)).toEqual([
      ['condition.lexer', 2, 1, 3],
      ['condition.lexer', 10, 1, 11],
      ['condition.syntax', 19, 1, 20],
    ])
    expect(brief(parseCondition('selection and "quoted"').diagnostics)).toEqual([
      ['condition.lexer', 14, 1, 15],
      ['condition.lexer', 21, 1, 22],
    ])
  })

  it('empty conditions', () => {
    for (const s of ['', '   ', '\n\t']) expect(brief(parseCondition(s).diagnostics)).toEqual([['condition.empty', 0, 1, 1]])
  })
})

describe('parseCondition: deprecated pipe aggregations', () => {
  it.each<[string, number, RegExp]>([
    ['selection | count() by host > 5', 10, /event_count/],
    ['selection | count(user) by host > 5', 10, /value_count correlation on field 'user'/],
    ['sel | sum(bytes) by src > 100', 4, /value_sum/],
    ['sel | max(bytes) > 100', 4, /no Sigma v2 correlation equivalent/],
    ['a | near b and not c', 2, /temporal/],
    ['a | whatever', 2, /event_count \/ value_count \/ temporal/],
  ])('%s', (text, offset, advice) => {
    const r = parseCondition(text)
    expect(r.condition).toBeUndefined()
    expect(r.diagnostics).toHaveLength(1)
    expect(r.diagnostics[0]).toMatchObject({ code: 'condition.pipe', offset, line: 1, column: offset + 1, key: '|' })
    expect(r.diagnostics[0]?.message).toMatch(/^The pipe aggregation syntax was removed in Sigma v2; write a correlation rule/)
    expect(r.diagnostics[0]?.message).toMatch(advice)
  })
})

describe('parseCondition: resource limits', () => {
  const deep = `${'('.repeat(10_000)}x${')'.repeat(10_000)}`
  const unlimited = { maxLength: 1e9, maxTokens: 1e9, maxDepth: 1e9 }

  it('defaults', () => {
    expect(DEFAULT_CONDITION_LIMITS).toEqual({ maxLength: 4096, maxTokens: 512, maxDepth: 32 })
  })

  it('10 000 nested parentheses → too_deep (with the other limits it also breaks), no throw', () => {
    expect(parseCondition(deep).diagnostics.map((d) => d.code)).toContain('condition.too_deep')
    expect(brief(parseCondition(deep, { maxLength: 1e9, maxTokens: 1e9 }).diagnostics)).toEqual([['condition.too_deep', 32, 1, 33]])
  })

  it('a stack overflow inside chevrotain is caught and reported as too_deep; the parser stays usable', () => {
    expect(parseCondition(deep, unlimited).diagnostics.map((d) => d.code)).toEqual(['condition.too_deep'])
    expect(parseCondition('a and b').diagnostics).toEqual([])
  })

  it('depth counts parentheses and not', () => {
    const nested = (n: number) => `${'('.repeat(n)}x${')'.repeat(n)}`
    expect(parseCondition(nested(32)).diagnostics).toEqual([])
    expect(parseCondition(nested(33)).diagnostics.map((d) => d.code)).toEqual(['condition.too_deep'])
    expect(parseCondition(`${'not '.repeat(32)}x`).diagnostics).toEqual([])
    expect(parseCondition(`${'not '.repeat(33)}x`).diagnostics.map((d) => d.code)).toEqual(['condition.too_deep'])
    expect(parseCondition(`${'not ('.repeat(17)}x${')'.repeat(17)}`).diagnostics.map((d) => d.code)).toEqual(['condition.too_deep'])
    expect(parseCondition(nested(5), { maxDepth: 4 }).diagnostics.map((d) => d.code)).toEqual(['condition.too_deep'])
    // siblings do not add up
    expect(parseCondition(Array.from({ length: 40 }, () => '(not a)').join(' and ')).diagnostics).toEqual([])
  })

  it('a 100 000-term chain → too_long and too_many_tokens, quickly', () => {
    const chain = Array.from({ length: 100_000 }, (_, i) => `x${i}`).join(' and ')
    const t = Date.now()
    expect(parseCondition(chain).diagnostics.map((d) => d.code)).toEqual(['condition.too_long', 'condition.too_many_tokens'])
    expect(Date.now() - t).toBeLessThan(2000)
  })

  it('length and token limits point where they were crossed', () => {
    expect(brief(parseCondition('abcdef', { maxLength: 4 }).diagnostics)).toEqual([['condition.too_long', 4, 1, 5]])
    expect(brief(parseCondition('a and b or c', { maxTokens: 3 }).diagnostics)).toEqual([['condition.too_many_tokens', 8, 1, 9]])
    expect(parseCondition('a and b or c', { maxTokens: 5 }).diagnostics).toEqual([])
  })
})

describe('parseCondition: robustness (property)', () => {
  const alphabet = fc.constantFrom(...'ab_-*1 ()\n\t|&$"'.split(''), 'and ', 'or ', 'not ', '1 of ', 'all of ', 'them', 'AND ', 'sel*')
  const conditionish = fc.array(alphabet, { maxLength: 40 }).map((xs) => xs.join(''))

  it('any string either parses without errors or yields ≥ 1 error, and never throws', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), conditionish), (s) => {
      const r = parseCondition(s)
      const errors = r.diagnostics.filter((d) => d.severity === 'error')
      expect(errors.some((d) => d.code === 'condition.internal')).toBe(false)
      expect(r.condition === undefined).toBe(errors.length > 0)
      for (const d of r.diagnostics) {
        expect(d.offset).toBeGreaterThanOrEqual(0)
        expect(d.offset).toBeLessThanOrEqual(s.length)
        expect(Number.isInteger(d.line) && d.line >= 1 && Number.isInteger(d.column) && d.column >= 1).toBe(true)
      }
    }), { numRuns: 2000 })
  })
})
