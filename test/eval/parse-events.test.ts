import { describe, expect, it } from 'vitest'
import { parseEvents } from '../../src/eval/parse-events.js'
import { testRuleText } from '../../src/eval/test-rule.js'

describe('parseEvents', () => {
  it.each([
    ['{"a": 1}', [{ a: 1 }]],
    ['[{"a": 1}, {"a": 2}]', [{ a: 1 }, { a: 2 }]],
    ['{"a": 1}\n{"a": 2}\n', [{ a: 1 }, { a: 2 }]],
    ['{\n  "a": "}{"\n}\n{\n  "b": "\\"]"\n}', [{ a: '}{' }, { b: '"]' }]],
    ['\ufeff{"a": 1}', [{ a: 1 }]],
    ['{"a":1}{"a":2}', [{ a: 1 }, { a: 2 }]],
    ['', []],
    ['"text"\n42', ['text', 42]],
  ])('%j', (text, events) => {
    const r = parseEvents(text)
    expect(r.diagnostics).toEqual([])
    expect(r.events).toEqual(events)
  })

  it('reports a broken value with its line and column and reads the others', () => {
    const r = parseEvents('{"a": 1}\n{"a": tru}\n{"a": 3}', { file: 'e.json' })
    expect(r.events).toEqual([{ a: 1 }, { a: 3 }])
    expect(r.diagnostics).toHaveLength(1)
    expect(r.diagnostics[0]).toMatchObject({ code: 'input.json', file: 'e.json', line: 2 })
  })

  it('stops at maxEvents', () => {
    const r = parseEvents('[1, 2, 3]\n4', { maxEvents: 2 })
    expect(r.events).toEqual([1, 2])
    expect(r.diagnostics.map((d) => d.code)).toEqual(['input.too_many_events'])
  })

  it('keeps __proto__ keys as data without touching prototypes', () => {
    const r = parseEvents('{"__proto__": {"polluted": 1}, "a": 1}')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.keys(r.events[0] as object)).toContain('__proto__')
  })
})

describe('testRuleText', () => {
  const RULE = 'title: t\nid: 11111111-1111-1111-1111-111111111111\nlogsource: {product: windows}\ndetection:\n  sel:\n    A|contains: x\n  condition: sel\n'

  it('every rule document against every event', () => {
    const r = testRuleText(RULE + '---\n' + RULE.replace('title: t', 'title: u').replace('A|contains', 'B|contains'), '{"A": "xx"}\n{"B": "x"}', { file: 'r.yml' })
    expect(r.diagnostics).toEqual([])
    expect(r.eventCount).toBe(2)
    expect(r.rules.map((x) => [x.title, x.matched, x.events.map((e) => e.match)])).toEqual([
      ['t', 1, [true, false]],
      ['u', 1, [false, true]],
    ])
  })

  it('accepts parsed events and bounds them', () => {
    const r = testRuleText(RULE, [{ A: 'x' }, { A: 'y' }, { A: 'x' }], { maxEvents: 2 })
    expect(r.rules[0]?.events.map((e) => e.match)).toEqual([true, false])
    expect(r.diagnostics.map((d) => d.code)).toEqual(['input.too_many_events'])
  })

  it('skips correlations and filters with a warning', () => {
    const corr = 'title: c\nname: c\ncorrelation:\n  type: event_count\n  rules: [t]\n  group-by: [A]\n  timespan: 5m\n  condition: {gte: 2}\n'
    const r = testRuleText(RULE + '---\n' + corr, '{"A": "x"}')
    expect(r.rules).toHaveLength(1)
    expect(r.diagnostics.map((d) => d.code)).toContain('test.not_a_rule')
  })
})

describe('hostile events', () => {
  const RULE = 'title: t\nlogsource: {product: windows}\ndetection:\n  sel:\n    a.b.c.d|contains: x\n  kw:\n    - needle\n  condition: sel or kw\n'

  it('deeply nested events neither overflow the stack nor hang', () => {
    const depth = 100_000
    const text = '['.repeat(depth) + '"needle"' + ']'.repeat(depth)
    const r = testRuleText(RULE, text)
    // V8 may refuse to parse it (then it is a diagnostic) or parse it; either way no exception escapes.
    expect(r.rules).toHaveLength(1)
    const obj = JSON.parse('{"a":'.repeat(5000) + '1' + '}'.repeat(5000)) as unknown
    expect(testRuleText(RULE, [obj]).rules[0]?.events[0]?.match).toBe(false)
  })

  it('a field name with many dots and a huge value stay fast', () => {
    const start = performance.now()
    const rule = RULE.replace('a.b.c.d', Array.from({ length: 40 }, (_, i) => `k${i}`).join('.'))
    const r = testRuleText(rule, [{ big: 'y'.repeat(2_000_000) + 'needle' }])
    expect(r.rules[0]?.events[0]?.match).toBe(true)
    expect(performance.now() - start).toBeLessThan(3000)
  })
})
