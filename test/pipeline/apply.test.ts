/** applyPipelines: ordering, reuse, immutability, correlations, placeholders, variables, extension. */
import { describe, expect, it } from 'vitest'
import type { SigmaCorrelation, SigmaRule } from '../../src/ir/rule.js'
import { SigmaError } from '../../src/diagnostics.js'
import { applyPipelines, sortPipelines } from '../../src/pipeline/apply.js'
import { pipelineFromObject, registerTransformation } from '../../src/pipeline/load.js'
import { fieldMappingTransform } from '../../src/pipeline/transforms/base-exports.js'
import type { Pipeline } from '../../src/pipeline/types.js'
import { correlation, det, ENV, pipeline, run, ruleWith, show } from './helpers.js'

const P = (def: object, name = 'p'): Pipeline => {
  const r = pipelineFromObject(def, name)
  if (!r.pipeline) throw new Error(JSON.stringify(r.diagnostics))
  return r.pipeline
}

const SEL = '  sel:\n    Image: a.exe\n    CommandLine|contains: x\n  condition: sel'

describe('ordering', () => {
  it('sorts by priority, ties keep their order', () => {
    const ps = [P({ priority: 30 }, 'c'), P({ priority: 10 }, 'a'), P({}, 'zero'), P({ priority: 10 }, 'b')]
    expect(sortPipelines(ps).map((p) => p.name)).toEqual(['zero', 'a', 'b', 'c'])
  })
  it('applies lower priorities first whatever the given order', () => {
    const first = P({ priority: 10, transformations: [{ type: 'field_name_mapping', mapping: { Image: 'img' } }] })
    const second = P({ priority: 20, transformations: [{ type: 'field_name_prefix', prefix: 'x.' }] })
    const r = ruleWith(SEL)
    for (const order of [[first, second], [second, first]]) expect(det(run(r, order).doc as SigmaRule)).toBe('(x.img="a.exe" AND x.CommandLine="*x*")')
  })
})

describe('a compiled pipeline is reusable', () => {
  const p = pipeline(`transformations:
  - id: idx
    type: add_condition
    conditions: {index: main}
  - type: set_state
    key: seen
    val: 1
    rule_conditions: [{type: contains_field, field: Image}]
  - type: field_name_mapping
    mapping: {Image: img}
`)
  it('gives independent results for two rules', () => {
    const a = ruleWith(SEL)
    const b = ruleWith('  sel:\n    User: bob\n  condition: sel')
    const ra = applyPipelines(a, [p], ENV)
    const rb = applyPipelines(b, [p], ENV)
    const ra2 = applyPipelines(a, [p], ENV)
    expect(show(ra.doc as SigmaRule)).toBe('sel: (img="a.exe" AND CommandLine="*x*")\n_cond_idx: (index="main")\ncondition: (_cond_idx and sel)')
    expect(show(rb.doc as SigmaRule)).toBe('sel: (User="bob")\n_cond_idx: (index="main")\ncondition: (_cond_idx and sel)')
    expect([ra.state, rb.state]).toEqual([{ seen: 1 }, {}])
    expect(ra2).toEqual(ra)
  })
  it('never changes its input rule', () => {
    const a = ruleWith(SEL)
    const before = JSON.stringify(a)
    applyPipelines(a, [p], ENV)
    expect(JSON.stringify(a)).toBe(before)
  })
})

describe('variables', () => {
  it('exposes backend options, backend and output format as vars', () => {
    const r = ruleWith("  sel:\n    User|expand: '%backend_index%'\n    Host|expand: '%backend%-%output_format%'\n  condition: sel")
    const out = applyPipelines(r, [pipeline('transformations:\n  - type: value_placeholders\n')], { backend: 'splunk', format: 'default', options: { index: 'main' } })
    expect(det(out.doc as SigmaRule)).toBe('(User="main" AND Host="splunk-default")')
  })
  it('later pipelines override earlier variables', () => {
    const r = ruleWith("  sel:\n    User|expand: '%who%'\n  condition: sel")
    const a = P({ priority: 1, vars: { who: 'a' }, transformations: [{ type: 'value_placeholders' }] })
    const b = P({ priority: 2, vars: { who: 'b' } })
    expect(det(run(r, [b, a]).doc as SigmaRule)).toBe('(User="b")')
  })
  it('unresolved placeholders are an error naming the placeholder', () => {
    const r = ruleWith("  sel:\n    User|expand: '%admins%'\n  condition: sel")
    expect(() => run(r, [])).toThrowError(new SigmaError({ severity: 'error', code: 'pipeline.unresolved_placeholder', message: "Attempt to convert unhandled placeholder 'admins' into query." }).message)
    try {
      run(r, [])
    } catch (e) {
      expect((e as SigmaError).diagnostic).toMatchObject({ code: 'pipeline.unresolved_placeholder', key: 'User' })
    }
  })
  it('external sources fail when they would be used', () => {
    const r = ruleWith("  sel:\n    User|expand: '%admins%'\n  condition: sel")
    const p = pipelineFromObject({ transformations: [{ type: 'http_placeholders', url: 'http://x' }] }, 'x').pipeline as Pipeline
    expect(() => run(r, [p])).toThrow(/disabled by default for security reasons/)
  })
})

describe('failures are SigmaErrors with codes', () => {
  const cases: readonly [string, string, string][] = [
    ['rule_failure', 'transformations:\n  - type: rule_failure\n    message: nope\n', 'pipeline.rule_failure'],
    ['detection_item_failure', 'transformations:\n  - type: detection_item_failure\n    message: no Image\n    field_name_conditions: [{type: include_fields, fields: [Image]}]\n', 'pipeline.detection_item_failure'],
    ['strict_field_mapping_failure', 'transformations:\n  - type: strict_field_mapping_failure\n', 'pipeline.strict_field_mapping_failure'],
  ]
  it.each(cases)('%s', (_n, yaml, code) => {
    const r = { ...ruleWith(SEL), source: { file: 'rule.yml', document: 0 } }
    try {
      run(r, yaml)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(SigmaError)
      expect((e as SigmaError).diagnostic).toMatchObject({ code, file: 'rule.yml' })
    }
  })
  it('detection_item_failure names the field', () => {
    try {
      run(ruleWith(SEL), cases[1]?.[1] as string)
    } catch (e) {
      expect((e as SigmaError).diagnostic.key).toBe('Image')
    }
  })
})

const CORR = `title: Base
name: base_rule
status: test
logsource:
  category: test
detection:
  selection:
    fieldA: value1
  condition: selection
---
title: Correlation
status: test
correlation:
  type: value_count
  rules:
    - base_rule
  group-by:
    - fieldC
    - ip
  aliases:
    ip:
      base_rule: fieldD
  timespan: 15m
  condition:
    gte: 10
    field: fieldE
`

describe('correlation rules', () => {
  it('field_name_mapping maps group-by (not aliases), alias fields and the condition field', () => {
    const c = correlation(CORR)
    const out = run(c, 'transformations:\n  - type: field_name_mapping\n    mapping: {fieldC: c, fieldD: d, fieldE: e, ip: nope}\n').doc as SigmaCorrelation
    expect([out.groupBy, out.aliases, out.condition && 'ops' in out.condition ? out.condition.field : null]).toEqual([['c', 'ip'], { ip: { base_rule: 'd' } }, 'e'])
  })
  it('a mapping to several fields is refused where one is required', () => {
    const c = correlation(CORR)
    expect(() => run(c, 'transformations:\n  - type: field_name_mapping\n    mapping: {fieldD: [a, b]}\n')).toThrow(/alias mapping because it results in multiple field names/)
  })
  it('logsource conditions look at the referenced rules through the resolver', () => {
    const c = correlation(CORR)
    const base = ruleWith(SEL, 'category: test')
    const p = pipeline('transformations:\n  - type: set_state\n    key: hit\n    val: 1\n    rule_conditions: [{type: logsource, category: test}]\n')
    expect(applyPipelines(c, [p], ENV).state).toEqual({})
    expect(applyPipelines(c, [p], { ...ENV, resolveRule: (ref) => (ref === 'base_rule' ? base : undefined) }).state).toEqual({ hit: 1 })
  })
  it('detection-level transformations leave correlations alone', () => {
    const c = correlation(CORR)
    const out = run(c, 'transformations:\n  - type: add_condition\n    conditions: {a: b}\n  - type: drop_detection_item\n')
    expect(out.doc).toEqual(c)
  })
})

describe('rule-level transformations our fixtures cannot show', () => {
  it('set_custom_attribute', () => {
    const out = run(ruleWith(SEL), 'transformations:\n  - type: set_custom_attribute\n    attribute: table\n    value: DeviceEvents\n').doc
    expect(out.custom).toEqual({ table: 'DeviceEvents' })
  })
  it('field_name_transform with a mapping (and apply_keyword)', () => {
    const r = ruleWith("  sel:\n    Image: a\n  kw:\n    - evil\n  condition: sel and kw")
    const out = run(r, 'transformations:\n  - type: field_name_transform\n    apply_keyword: true\n    mapping: {Image: img, ~: raw}\n').doc as SigmaRule
    expect([det(out), det(out, 'kw')]).toEqual(['(img="a")', '(raw="*evil*")'])
  })
  it('add_condition names never collide', () => {
    const out = run(ruleWith(SEL), 'transformations:\n  - {id: x, type: add_condition, conditions: {a: 1}}\n  - {id: x, type: add_condition, conditions: {b: 2}}\n').doc as SigmaRule
    expect(out.conditions.length).toBe(1)
    expect(Object.keys(out.detections)).toEqual(['sel', '_cond_x', '_cond_x_2'])
    expect(out.conditionText).toEqual(['_cond_x_2 and (_cond_x and (sel))'])
  })
  it('warns when a pipeline is meant for other backends', () => {
    const p = P({ allowed_backends: ['kusto'] })
    expect(applyPipelines(ruleWith(SEL), [p], ENV).diagnostics.map((d) => d.code)).toEqual(['pipeline.backend_not_allowed'])
  })
})

describe('registerTransformation', () => {
  it('lets a backend add a transformation type usable from YAML', () => {
    registerTransformation('test_upper_fields', (params, cx) => {
      if (Object.keys(params).length) cx.fail('no parameters expected', Object.keys(params)[0])
      return fieldMappingTransform('test_upper_fields', (f) => (f === null ? undefined : f.toUpperCase()))
    })
    const out = run(ruleWith(SEL), 'transformations:\n  - type: test_upper_fields\n    field_name_conditions: [{type: include_fields, fields: [Image]}]\n').doc as SigmaRule
    expect(det(out)).toBe('(IMAGE="a.exe" AND CommandLine="*x*")')
    const bad = pipelineFromObject({ transformations: [{ type: 'test_upper_fields', x: 1 }] }, 'b')
    expect(bad.diagnostics.map((d) => [d.message, d.key])).toEqual([['no parameters expected', 'transformations[0].x']])
  })
})

describe('add_condition with modifiers', () => {
  it('uses the rule loader for modified keys', () => {
    const out = run(ruleWith(SEL), "transformations:\n  - id: c\n    type: add_condition\n    conditions:\n      'source|startswith': WinEventLog\n      'n|gte': 3\n").doc as SigmaRule
    expect(det(out, '_cond_c')).toBe('(source="WinEventLog*" AND n=gte:3)')
  })
  it('reports a bad modifier at load time', () => {
    const r = pipelineFromObject({ transformations: [{ type: 'add_condition', conditions: { 'a|nosuchmod': 'x' } }] }, 'p')
    expect(r.diagnostics[0]?.message).toMatch(/^add_condition: 'a\|nosuchmod': /)
  })
})
