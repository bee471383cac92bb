/** Rule collections: `action: global | reset | repeat` (SIGMA-NOTES §1.6, pySigma test_collection.py). */
import { describe, expect, it } from 'vitest'
import type { SigmaDocument, SigmaRule } from '../../src/ir/rule.js'
import { deepMerge, loadSigma } from '../../src/sigma/load.js'

const rules = (docs: readonly SigmaDocument[]): SigmaRule[] => docs.filter((d): d is SigmaRule => d.kind === 'rule')
const summary = (r: SigmaRule) => ({ title: r.title, logsource: r.logsource, ids: Object.keys(r.detections), conditions: r.conditionText, custom: r.custom, document: r.source.document })

describe('deepMerge (pySigma deep_dict_update: src wins, maps merge, lists replace)', () => {
  it.each([
    [{ a: 1 }, { a: 2 }, { a: 2 }],
    [{ d: { k1: 'v1' } }, { d: { k2: 'v2' } }, { d: { k1: 'v1', k2: 'v2' } }],
    [{ l: [1, 2] }, { l: [3] }, { l: [3] }],
    [{ d: 'scalar' }, { d: { k: 1 } }, { d: { k: 1 } }],
    [{ a: 1 }, {}, { a: 1 }],
  ])('%j ← %j', (dest, src, expected) => {
    const before = JSON.stringify(dest)
    expect(deepMerge(dest, src)).toEqual(expected)
    expect(JSON.stringify(dest)).toBe(before) // pure
  })
})

describe('collections', () => {
  it('action: global is merged into every following rule (global wins)', () => {
    const r = loadSigma(`action: global
title: Test
detection:
  test:
    field: value
  condition: test
---
title: Overridden by global
logsource:
  category: test-1
---
logsource:
  category: test-2
`, { file: 'c.yml' })
    expect(r.diagnostics).toEqual([])
    expect(rules(r.documents).map(summary)).toEqual([
      { title: 'Test', logsource: { category: 'test-1' }, ids: ['test'], conditions: ['test'], custom: {}, document: 1 },
      { title: 'Test', logsource: { category: 'test-2' }, ids: ['test'], conditions: ['test'], custom: {}, document: 2 },
    ])
  })

  it('action: reset drops the global template', () => {
    const r = loadSigma(`title: Reset Test
action: global
logsource:
  category: testcat
---
action: reset
---
title: Test
logsource:
  service: testsvc
detection:
  test:
    field: value
  condition: test
`)
    expect(r.diagnostics).toEqual([])
    expect(rules(r.documents).map(summary)).toEqual([
      { title: 'Test', logsource: { service: 'testsvc' }, ids: ['test'], conditions: ['test'], custom: {}, document: 2 },
    ])
  })

  it('action: repeat = previous rule updated with the repeat document (action stays as a custom attribute)', () => {
    const r = loadSigma(`title: Test
logsource:
  category: testcat
  service: svc-1
detection:
  test:
    field: value
  condition: test
---
action: repeat
logsource:
  service: svc-2
`)
    expect(r.diagnostics).toEqual([])
    expect(rules(r.documents).map(summary)).toEqual([
      { title: 'Test', logsource: { category: 'testcat', service: 'svc-1' }, ids: ['test'], conditions: ['test'], custom: {}, document: 0 },
      { title: 'Test', logsource: { category: 'testcat', service: 'svc-2' }, ids: ['test'], conditions: ['test'], custom: { action: 'repeat' }, document: 1 },
    ])
  })

  it('repeat right after global builds one rule from the template and changes the template (pySigma quirk)', () => {
    const r = loadSigma(`action: global
title: Test
logsource:
  category: testcat
  service: svc-1
detection:
  test:
    field: value
  condition: test
---
action: repeat
logsource:
  service: svc-2
---
logsource:
  product: p
`)
    expect(r.diagnostics).toEqual([])
    expect(rules(r.documents).map(summary)).toEqual([
      { title: 'Test', logsource: { category: 'testcat', service: 'svc-2' }, ids: ['test'], conditions: ['test'], custom: { action: 'repeat' }, document: 1 },
      { title: 'Test', logsource: { category: 'testcat', service: 'svc-2', product: 'p' }, ids: ['test'], conditions: ['test'], custom: { action: 'repeat' }, document: 2 },
    ])
  })

  it('an unknown action is an error at its value; other documents still load', () => {
    const r = loadSigma(`action: invalid
---
title: ok
logsource: {product: windows}
detection: {sel: {a: 1}, condition: sel}
`, { file: 'x.yml' })
    expect(r.documents).toHaveLength(1)
    expect(r.diagnostics).toMatchObject([{ severity: 'error', code: 'collection.action', file: 'x.yml', line: 1, column: 9, key: 'action' }])
  })

  it('correlations and filters are not merged with the global template', () => {
    const r = loadSigma(`action: global
level: high
---
title: Base
name: base
logsource: {product: windows}
detection: {sel: {EventID: 1}, condition: sel}
---
title: Corr
correlation:
  type: event_count
  rules: base
  timespan: 5m
  condition: {gte: 3}
`)
    expect(r.diagnostics).toEqual([])
    expect(r.documents.map((d) => [d.kind, 'level' in d ? d.level : undefined])).toEqual([['rule', 'high'], ['correlation', undefined]])
  })

  it('diagnostics of merged rules point into the document that holds the value', () => {
    const r = loadSigma(`action: global
title: Test
detection:
  test:
    field|nosuchmod: value
  condition: test
---
logsource:
  category: c
level: extreme
`, { file: 'g.yml' })
    expect(r.documents).toEqual([])
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column, d.key])).toEqual([
      ['rule.invalid_field', 10, 8, 'level'],
      ['modifier.unknown', 5, 5, 'detection.test.field|nosuchmod'],
    ])
  })

  it('empty documents (a trailing ---) are skipped', () => {
    const r = loadSigma(`title: a
logsource: {product: p}
detection: {s: {a: 1}, condition: s}
---
`)
    expect(r.diagnostics).toEqual([])
    expect(r.documents).toHaveLength(1)
  })
})
