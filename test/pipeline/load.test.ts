/** Loading pipeline YAML: the reference pipelines load cleanly, mistakes give positioned diagnostics. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadPipeline, pipelineFromObject } from '../../src/pipeline/load.js'

const REF = '/work/shared/reference/pysigma-tests/pipelines'
const refFiles = readdirSync(REF).flatMap((d) => readdirSync(join(REF, d)).map((f) => join(REF, d, f)))

describe('reference pipelines from the pySigma backend test suites', () => {
  it('are nine files', () => expect(refFiles).toHaveLength(9))
  it.each(refFiles)('%s loads without diagnostics', (f) => {
    const r = loadPipeline(readFileSync(f, 'utf8'), f)
    expect(r.diagnostics).toEqual([])
    expect(r.pipeline?.items.length).toBeGreaterThan(0)
  })
  it('keeps name, priority and item ids', () => {
    const f = refFiles.find((x) => x.endsWith('test_splunk_regex_query_explicit_or_with_add_condition.yml')) as string
    const p = loadPipeline(readFileSync(f, 'utf8'), f).pipeline
    expect([p?.name, p?.priority, p?.items.map((i) => [i.id, i.transformation.type])]).toEqual(['Test', 100, [['prefix_source_and_index', 'add_condition']]])
  })
})

/** [what, YAML, [code, message part, line, column, key]] */
const BAD: readonly (readonly [string, string, readonly [string, string, number | undefined, number | undefined, string]])[] = [
  ['unknown top-level key', 'name: x\ntransformation: []\n', ['pipeline.config', "Unknown key 'transformation'", 2, 1, '.transformation']],
  ['unknown transformation type', 'transformations:\n  - type: field_mapping\n    mapping: {a: b}\n', ['pipeline.config', "Unknown transformation type 'field_mapping'", 2, 5, 'transformations[0].type']],
  ['missing type', 'transformations:\n  - mapping: {a: b}\n', ['pipeline.config', 'Missing transformation type', 2, 5, 'transformations[0].type']],
  ['unexpected parameter', 'transformations:\n  - type: field_name_prefix\n    prefix: x\n    sufix: y\n', ['pipeline.config', "unexpected parameter 'sufix'", 4, 5, 'transformations[0].sufix']],
  ['missing parameter', 'transformations:\n  - type: set_state\n    key: a\n', ['pipeline.config', "requires parameter 'val'", 2, 5, 'transformations[0].val']],
  ['unknown condition type', 'transformations:\n  - type: drop_detection_item\n    rule_conditions:\n      - type: logsorce\n', ['pipeline.config', "Unknown condition type 'logsorce' in condition 1", 3, 5, 'transformations[0].rule_conditions']],
  ['bad condition parameter', 'transformations:\n  - type: drop_detection_item\n    detection_item_conditions:\n      - type: match_string\n        pattern: a\n        cond: some\n', ['pipeline.config', "Error in condition 1: The value 'some' for the 'cond' parameter is invalid", 3, 5, 'transformations[0].detection_item_conditions']],
  ['invalid regex', 'transformations:\n  - type: replace_string\n    regex: "(a"\n    replacement: b\n', ['pipeline.config', "Regular expression '(a' is invalid", 3, 5, 'transformations[0].regex']],
  ['expression with op', 'transformations:\n  - type: drop_detection_item\n    rule_cond_op: or\n    rule_cond_expr: a\n    rule_conditions:\n      a: {type: is_sigma_rule}\n', ['pipeline.config', 'Rule condition expression is mutually exclusive to linking.', 4, 5, 'transformations[0].rule_cond_expr']],
  ['expression over a list', 'transformations:\n  - type: drop_detection_item\n    rule_cond_expr: a\n    rule_conditions:\n      - {type: is_sigma_rule}\n', ['pipeline.config', 'must be provided as mapping', 4, 5, 'transformations[0].rule_conditions']],
  ['expression: unknown id', 'transformations:\n  - type: drop_detection_item\n    rule_cond_expr: a and b\n    rule_conditions:\n      a: {type: is_sigma_rule}\n', ['pipeline.config', "Condition identifier 'b' not found.", 3, 5, 'transformations[0].rule_cond_expr']],
  ['expression: unused condition', 'transformations:\n  - type: drop_detection_item\n    rule_cond_expr: a\n    rule_conditions:\n      a: {type: is_sigma_rule}\n      b: {type: is_sigma_rule}\n', ['pipeline.config', 'unreferenced condition items: b', 3, 5, 'transformations[0].rule_cond_expr']],
  ['expression: syntax', 'transformations:\n  - type: drop_detection_item\n    rule_cond_expr: a and (\n    rule_conditions:\n      a: {type: is_sigma_rule}\n', ['pipeline.config', 'Error parsing condition expression', 3, 5, 'transformations[0].rule_cond_expr']],
  ['transform_func is Python', 'transformations:\n  - type: field_name_transform\n    transform_func: str.lower\n', ['pipeline.config', 'transform_func is a Python function', 3, 5, 'transformations[0].transform_func']],
  ['template vars would run Python', 'postprocessing:\n  - type: template\n    template: "{{ query }}"\n    vars: helpers.py\n', ['pipeline.config', "The 'vars' feature executes Python code", 4, 5, 'postprocessing[0].vars']],
  ['unknown finalizer', 'finalizers:\n  - type: zip\n', ['pipeline.config', "Finalizer 'zip' is unknown", 2, 5, 'finalizers[0].type']],
  ['bad template syntax', 'postprocessing:\n  - type: template\n    template: "{% if %}"\n', ['pipeline.config', 'template:', 3, 5, 'postprocessing[0].template']],
  ['nested item error', 'transformations:\n  - type: nest\n    items:\n      - type: nope\n', ['pipeline.config', "Unknown transformation type 'nope'", 4, 9, 'transformations[0].items[0].type']],
  ['YAML syntax', 'transformations: [\n', ['yaml.', '', 2, 1, '']],
  ['not a mapping', '- a\n- b\n', ['pipeline.config', 'must be a mapping', undefined, undefined, '']],
]

describe('configuration errors are positioned diagnostics', () => {
  it.each(BAD)('%s', (_what, yaml, [code, msg, line, column, key]) => {
    const r = loadPipeline(yaml, 'p.yml')
    expect(r.pipeline).toBeUndefined()
    const d = r.diagnostics[0]
    expect(d?.severity).toBe('error')
    expect(d?.code.startsWith(code)).toBe(true)
    expect(d?.message).toContain(msg)
    expect(d?.file).toBe('p.yml')
    expect([d?.line, d?.column]).toEqual([line, column])
    if (key) expect(d?.key).toBe(key)
  })

  it('reports every broken item, not just the first', () => {
    const r = loadPipeline('transformations:\n  - type: a\n  - type: field_name_prefix\n    prefix: ok\n  - type: b\n')
    expect(r.diagnostics.map((d) => d.line)).toEqual([2, 5])
  })

  it('external placeholder sources load with a warning and never fetch', () => {
    const r = loadPipeline('transformations:\n  - type: file_placeholders\n    path: /etc/passwd\n')
    expect(r.pipeline).toBeDefined()
    expect(r.diagnostics.map((d) => [d.severity, d.line])).toEqual([['warning', 2]])
  })
})

describe('YAML follows PyYAML (YAML 1.1)', () => {
  it('reads yes/no/on/off as booleans but y/n as strings, and ~ keys as null', () => {
    const r = loadPipeline('vars:\n  a: yes\n  b: off\n  c: y\n  d: n\ntransformations:\n  - type: field_name_mapping\n    mapping:\n      ~: message\n')
    expect(r.pipeline?.vars).toEqual({ a: true, b: false, c: 'y', d: 'n' })
  })
  it('refuses a billion-laughs document', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]`)
    const r = loadPipeline(`vars:\n  ${lines.join('\n  ')}\n`)
    expect(r.pipeline).toBeUndefined()
    expect(r.diagnostics[0]?.code).toMatch(/^yaml\./)
  })
})

describe('pipelineFromObject', () => {
  it('compiles a definition object with the given name', () => {
    const r = pipelineFromObject({ priority: 5, transformations: [{ type: 'field_name_prefix', prefix: 'x.' }] }, 'mine')
    expect([r.diagnostics, r.pipeline?.name, r.pipeline?.priority, r.pipeline?.items[0]?.id]).toEqual([[], 'mine', 5, 'mine#1'])
  })
  it('reports without positions', () => {
    const r = pipelineFromObject({ transformations: [{ type: 'nope' }] }, 'mine')
    expect(r.diagnostics.map((d) => [d.message, d.key, d.line])).toEqual([["Unknown transformation type 'nope'", 'transformations[0].type', undefined]])
  })
})
