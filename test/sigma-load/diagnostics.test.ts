/** Rule documents: every problem reported, each at its YAML position (file, line, column, key path). */
import { describe, expect, it } from 'vitest'
import type { SigmaRule } from '../../src/ir/rule.js'
import { loadSigma, loadSigmaFiles } from '../../src/sigma/load.js'

const where = (text: string) => loadSigma(text, { file: 'r.yml' }).diagnostics.map((d) => [d.severity, d.code, d.line, d.column, d.key])
const rule = (text: string): SigmaRule => {
  const r = loadSigma(text)
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  const d = r.documents[0]
  if (d?.kind !== 'rule') throw new Error('expected a rule')
  return d
}

describe('a broken rule reports all its problems with positions', () => {
  it('three problems → three diagnostics', () => {
    const r = loadSigma(`title: Broken
id: 1234
logsource:
  product: windows
level: severe
detection:
  sel:
    Image|endswith: .exe
  condition: sel or missing
`, { file: 'broken.yml' })
    expect(r.documents).toEqual([])
    expect(r.diagnostics).toEqual([
      { severity: 'error', code: 'rule.invalid_field', message: "'id' must be a string", file: 'broken.yml', line: 2, column: 5, key: 'id' },
      { severity: 'error', code: 'rule.invalid_field', message: "'severe' is not a valid level; expected one of informational, low, medium, high, critical", file: 'broken.yml', line: 5, column: 8, key: 'level' },
      { severity: 'error', code: 'condition.undefined_identifier', message: "search identifier 'missing' is not defined in the detection section", file: 'broken.yml', line: 9, column: 21, key: 'detection.condition' },
    ])
  })

  it('metadata checks pySigma errors on', () => {
    expect(where(`title: ${'x'.repeat(257)}
id: not-a-uuid
status: bogus
logsource: {definition: only}
tags:
  - attack.t1059
  - nonamespace
  - Attack.T1059
date: 2024/1/5
modified: 2024-13-01
related:
  - id: 929a690e-bef0-4204-a928-ef5e620d6fcc
  - id: x
    type: derived
author: [a, b]
falsepositives: none
detection:
  sel:
    Image|endswith: .exe
  condition: sel
`)).toEqual([
      ['error', 'rule.invalid_field', 1, 8, 'title'],
      ['error', 'rule.invalid_field', 2, 5, 'id'],
      ['error', 'rule.missing_field', 12, 5, 'related[0].type'],
      ['error', 'rule.invalid_field', 13, 9, 'related[1].id'],
      ['error', 'rule.invalid_field', 3, 9, 'status'],
      ['error', 'rule.invalid_field', 15, 9, 'author'],
      ['error', 'rule.invalid_field', 7, 5, 'tags[1]'],
      ['error', 'rule.invalid_field', 10, 11, 'modified'],
      ['error', 'rule.invalid_field', 16, 17, 'falsepositives'],
      ['warning', 'rule.tag_format', 8, 5, 'tags[2]'],
      ['error', 'rule.invalid_field', 4, 12, 'logsource'],
    ])
  })

  it('missing required fields point at the document and name the key', () => {
    expect(where('description: nothing else\n')).toEqual([
      ['error', 'rule.missing_field', 1, 1, 'title'],
      ['error', 'rule.missing_field', 1, 1, 'logsource'],
      ['error', 'rule.missing_field', 1, 1, 'detection'],
    ])
  })

  it('a document that is not a map', () => {
    expect(where('- a\n- b\n')).toEqual([['error', 'rule.invalid_document', 1, 1, '']])
  })

  it('a broken document does not stop the others (loadSigmaFiles keeps file names)', () => {
    const good = 'title: ok\nlogsource: {product: p}\ndetection: {s: {a: 1}, condition: s}\n'
    const r = loadSigmaFiles([
      { path: 'a.yml', text: `${good}---\ntitle: bad\n---\n${good}` },
      { path: 'b.yml', text: good },
    ])
    expect(r.documents.map((d) => [d.source.file, d.source.document])).toEqual([['a.yml', 0], ['a.yml', 2], ['b.yml', 0]])
    expect(r.diagnostics.map((d) => [d.file, d.line, d.key])).toEqual([['a.yml', 5, 'logsource'], ['a.yml', 5, 'detection']])
  })
})

describe('conditions: positions inside the condition string', () => {
  const doc = (cond: string) => `title: t\nlogsource: {product: p}\ndetection:\n  sel: {a: 1}\n  condition: ${cond}\n`
  it.each([
    ['plain', 'sel and nope', 5, 22],
    ['single-quoted', "'sel and nope'", 5, 23],
    ['double-quoted', '"sel and nope"', 5, 23],
    ['in a list', '\n    - sel\n    - sel or nope', 7, 14],
    ['block scalar → scalar start', '|\n    sel and\n    nope', 5, 14],
  ])('%s', (_, cond, line, column) => {
    const r = loadSigma(doc(cond), { file: 'c.yml' })
    expect(r.diagnostics).toMatchObject([{ code: 'condition.undefined_identifier', file: 'c.yml', line, column }])
  })

  it('syntax errors keep their offset', () => {
    expect(where(doc('"sel and (sel"'))).toEqual([['error', 'condition.syntax', 5, 27, 'detection.condition']]) // end of the string
  })

  it('pipe aggregations are rejected by the condition parser', () => {
    expect(where(doc('sel | count() > 5')).map((d) => d[1])).toEqual(['condition.pipe'])
  })

  it('selector patterns that match nothing are warnings; the rule still loads', () => {
    const r = loadSigma(doc('sel and not 1 of filter*'))
    expect(r.documents).toHaveLength(1)
    expect(r.diagnostics).toMatchObject([{ severity: 'warning', code: 'condition.empty_selector', line: 5, column: 26 }])
  })

  it('missing and malformed conditions', () => {
    expect(where('title: t\nlogsource: {product: p}\ndetection:\n  sel: {a: 1}\n')).toEqual([['error', 'condition.missing', 3, 1, 'detection']])
    expect(where(doc('[sel, 3]'))).toEqual([['error', 'condition.invalid', 5, 20, 'detection.condition[1]']])
    expect(where(doc('{a: b}'))).toEqual([['error', 'condition.invalid', 5, 14, 'detection.condition']])
  })
})

describe('detection section shapes (SIGMA-NOTES §2.1)', () => {
  it('map → AND of items; list of scalars → one keyword item; list with maps → OR of sub-detections', () => {
    const r = rule(`title: t
logsource: {product: p}
detection:
  sel:
    Image|endswith: .exe
    User: admin
  keywords:
    - evil
    - bad
  alt:
    - a: 1
    - b: 2
    - loose
  single: word
  condition: sel or keywords or alt or single
`)
    const d = r.detections
    expect(d['sel']).toMatchObject({ kind: 'detection', link: 'and', pos: { line: 4, column: 3 }, items: [
      { kind: 'item', field: 'Image', modifiers: ['endswith'], pos: { line: 5, column: 5 } },
      { kind: 'item', field: 'User', modifiers: [] },
    ] })
    expect(d['keywords']?.items).toHaveLength(1)
    expect(d['keywords']?.items[0]).toMatchObject({ kind: 'item', field: null, values: [{ type: 'str' }, { type: 'str' }] })
    expect(d['alt']).toMatchObject({ link: 'or', items: [
      { kind: 'detection', link: 'and', items: [{ field: 'a' }] },
      { kind: 'detection', link: 'and', items: [{ field: 'b' }] },
      { kind: 'item', field: null },
    ] })
    expect(d['single']).toMatchObject({ link: 'and', items: [{ kind: 'item', field: null }] })
    expect(r.conditionText).toEqual(['sel or keywords or alt or single'])
    expect(r.conditions[0]?.kind).toBe('or')
  })

  it('timeframe is a legacy warning, not a search identifier', () => {
    const r = loadSigma(`title: t
logsource: {product: p}
detection:
  sel: {a: 1}
  timeframe: 5m
  condition: sel
`)
    expect(r.diagnostics).toMatchObject([{ severity: 'warning', code: 'detection.timeframe', line: 5, column: 3, key: 'detection.timeframe' }])
    expect(Object.keys((r.documents[0] as SigmaRule).detections)).toEqual(['sel'])
  })

  it('empty identifiers and no identifiers are errors', () => {
    expect(where('title: t\nlogsource: {product: p}\ndetection:\n  sel: {}\n  condition: sel\n')).toEqual([['error', 'detection.empty', 4, 3, 'detection.sel']])
    expect(where('title: t\nlogsource: {product: p}\ndetection:\n  condition: sel\n').map((d) => d[1])).toEqual(['detection.missing', 'condition.undefined_identifier'])
  })

  it('modifier errors come back positioned at their key', () => {
    expect(where('title: t\nlogsource: {product: p}\ndetection:\n  sel:\n    a|bogus: 1\n  condition: sel\n')).toEqual([
      ['error', 'modifier.unknown', 5, 5, 'detection.sel.a|bogus'],
    ])
  })
})

describe('metadata values', () => {
  const base = 'logsource: {product: p, custom_ls: 1}\ndetection: {s: {a: 1}, condition: s}\n'
  it('normalises dates, lowercases enums, keeps custom attributes and defaults', () => {
    const r = rule(`title: T
id: 929A690E-BEF0-4204-A928-EF5E620D6FCC
status: Test
level: HIGH
date: 2024/1/5
modified: 2024-02-29
tags: [attack.t1059.001, attack.execution]
references: [https://example.com, 42]
related:
  - {id: 929a690e-bef0-4204-a928-ef5e620d6fcc, type: Obsolete}
regression_tests_path: x/y.yml
simulation: [{type: atomic-red-team, name: x}]
${base}`)
    expect(r).toMatchObject({
      kind: 'rule', title: 'T', id: '929A690E-BEF0-4204-A928-EF5E620D6FCC', status: 'test', level: 'high',
      date: '2024-01-05', modified: '2024-02-29', tags: ['attack.t1059.001', 'attack.execution'],
      references: ['https://example.com', '42'], related: [{ id: '929a690e-bef0-4204-a928-ef5e620d6fcc', type: 'obsolete' }],
      taxonomy: 'sigma', falsepositives: [], fields: [], scope: [],
      custom: { regression_tests_path: 'x/y.yml', simulation: [{ type: 'atomic-red-team', name: 'x' }] },
      logsource: { product: 'p', custom: { custom_ls: 1 } },
    })
  })

  it.each([['2024-1-5'], ['2024-02-30'], ['24/1/1'], ['20240101']])('date %s is rejected', (d) => {
    expect(where(`title: T\ndate: ${d}\n${base}`)).toEqual([['error', 'rule.invalid_field', 2, 7, 'date']])
  })

  it('null optional fields are treated as absent (pySigma rule.get)', () => {
    const r = rule(`title: T\ntags:\nreferences: ~\n${base}`)
    expect(r.tags).toEqual([])
    expect(r.references).toEqual([])
  })
})
