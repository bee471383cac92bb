/**
 * What only conversion can find, each a positioned diagnostic naming the problem: unknown rule names, cycles,
 * group-by fields lost to a field mapping, nested group-by mismatches, missing percentile, unsupported aliases;
 * references across files and within one file.
 */
import { describe, expect, it } from 'vitest'
import { ConfigError, createConverter } from '../../src/convert.js'
import type { Diagnostic } from '../../src/diagnostics.js'
import { loadSigma } from '../../src/sigma/load.js'
import { pipelineFromObject } from '../../src/pipeline/load.js'
import type { Pipeline } from '../../src/pipeline/types.js'
import { convertYaml } from './helpers.js'

const RULE = (name: string, event: number): string => `title: Rule ${name}
name: ${name}
logsource: {product: windows, service: security}
detection:
    selection:
        EventID: ${event}
    condition: selection
`
const corr = (title: string, body: string): string => `title: ${title}\n${body}`

function firstError(text: string, target = 'splunk', opts: Parameters<typeof convertYaml>[2] = {}): Diagnostic {
  const r = convertYaml(text, target, opts)
  const e = r.errors[0]
  if (!e) throw new Error('no error')
  return e
}

describe('correlation errors', () => {
  it('unknown rule name: positioned on the list entry, naming the rule', () => {
    const text = `${RULE('a', 1)}---\n${corr('C', `correlation:
    type: event_count
    rules:
        - a
        - nope
    timespan: 5m
    condition: {gte: 2}
`)}`
    const e = firstError(text)
    expect(e).toMatchObject({ code: 'correlation.unknown_rule', file: 'case.yml', line: 14, column: 11, key: 'correlation.rules.1' })
    expect(e.message).toContain("'nope'")
  })

  it('cycle between two correlations: names the chain', () => {
    const text = `${corr('X', `name: x
correlation:
    type: event_count
    rules: y
    timespan: 5m
    condition: {gte: 2}
`)}---\n${corr('Y', `name: y
correlation:
    type: event_count
    rules: x
    timespan: 5m
    condition: {gte: 2}
`)}`
    const r = convertYaml(text, 'splunk')
    expect(r.errors.map((e) => e.code)).toEqual(['correlation.cycle', 'correlation.cycle'])
    expect(r.errors[0]?.message).toContain("'x' → 'y' → 'x'")
    expect(r.errors[0]?.line).toBe(5)
  })

  it('a correlation referencing itself', () => {
    const e = firstError(corr('S', `name: s
correlation:
    type: event_count
    rules: s
    timespan: 5m
    condition: {gte: 2}
`))
    expect(e.code).toBe('correlation.cycle')
    expect(e.line).toBe(5)
  })

  const mapping = (m: Record<string, string | string[]>): Pipeline => {
    const p = pipelineFromObject({ name: 'm', transformations: [{ type: 'field_name_mapping', mapping: m }] }, 'm').pipeline
    if (!p) throw new Error('pipeline')
    return p
  }
  const grouped = `${RULE('a', 1)}---\n${corr('G', `correlation:
    type: event_count
    rules: a
    group-by:
        - TargetUserName
    timespan: 5m
    condition: {gte: 2}
`)}`

  it('group-by field mapped to several fields', () => {
    const e = firstError(grouped, 'splunk', { pipelines: [mapping({ TargetUserName: ['user.name', 'winlog.user'] })] })
    expect(e).toMatchObject({ code: 'correlation.group_by', line: 14, key: 'correlation.group-by' })
    expect(e.message).toContain('[TargetUserName] into [user.name, winlog.user]')
  })

  it('group-by field mapped away (to no field)', () => {
    const e = firstError(grouped, 'splunk', { pipelines: [mapping({ TargetUserName: [] })] })
    expect(e.code).toBe('correlation.group_by')
    expect(e.message).toContain('into []')
  })

  it('group-by field mapped to one field is fine and renamed', () => {
    const r = convertYaml(grouped, 'splunk', { pipelines: [mapping({ TargetUserName: 'user.name' })] })
    expect(r.errors).toEqual([])
    expect(r.queries.at(-1)).toContain('by _time user.name')
  })

  it('nested correlation: outer group-by must come out of the inner one', () => {
    const text = `${RULE('a', 1)}---\n${corr('Inner', `name: inner
correlation:
    type: event_count
    rules: a
    group-by: [TargetUserName]
    timespan: 5m
    condition: {gte: 2}
`)}---\n${corr('Outer', `correlation:
    type: event_count
    rules: inner
    group-by: [IpAddress]
    timespan: 1h
    condition: {gte: 2}
`)}`
    const e = firstError(text)
    expect(e.code).toBe('correlation.nested_group_by')
    expect(e.message).toContain("'IpAddress'")
    expect(e.line).toBe(21)
  })

  it('value_percentile without percentile', () => {
    const e = firstError(`${RULE('a', 1)}---\n${corr('P', `correlation:
    type: value_percentile
    rules: a
    timespan: 5m
    condition: {gte: 2, field: Size}
`)}`)
    expect(e).toMatchObject({ code: 'correlation.percentile', line: 14, key: 'correlation.condition' })
  })

  it('aliases where the target cannot rename per rule (ES|QL)', () => {
    const e = firstError(`${RULE('a', 1)}---\n${RULE('b', 2)}---\n${corr('T', `correlation:
    type: temporal
    rules: [a, b]
    group-by: [user]
    timespan: 5m
    aliases:
        user: {a: TargetUserName, b: SubjectUserName}
`)}`, 'esql')
    expect(e).toMatchObject({ code: 'backend.unsupported', line: 24, key: 'correlation.aliases' })
  })

  it('temporal_ordered with a partial condition is refused, naming target', () => {
    const e = firstError(`${RULE('a', 1)}---\n${RULE('b', 2)}---\n${corr('T', `correlation:
    type: temporal_ordered
    rules: [a, b]
    timespan: 5m
    condition: {gte: 1}
`)}`, 'eql')
    expect(e.code).toBe('backend.unsupported')
    expect(e.message).toContain("target 'eql' renders temporal_ordered correlations only when all 2 rules must occur in order")
  })

  it('an unknown correlation method is a configuration error listing the methods', () => {
    expect(() => createConverter({ target: 'splunk', correlationMethod: 'transaction' })).toThrow(ConfigError)
    expect(() => createConverter({ target: 'splunk', correlationMethod: 'transaction' })).toThrow(/methods: stats, streamstats/)
  })
})

describe('references across files', () => {
  const rules = loadSigma(`${RULE('a', 1)}---\n${RULE('b', 2)}`, { file: 'rules.yml' })
  const correlations = loadSigma(`title: T
correlation:
    type: temporal
    rules: [a, b, c]
    group-by: [host]
    timespan: 5m
`, { file: 'corr.yml' })

  it('resolve a rule in another file; an unknown one is reported in the correlation file', () => {
    const conv = createConverter({ target: 'splunk' })
    const results = conv.convertDocuments([...rules.documents, ...correlations.documents])
    const bad = results.find((r) => r.document.kind === 'correlation')
    expect(bad?.ok).toBe(false)
    expect(bad?.diagnostics[0]).toMatchObject({ code: 'correlation.unknown_rule', file: 'corr.yml', line: 4, key: 'correlation.rules.2' })
  })

  it('converts once every referenced rule is present', () => {
    const more = loadSigma(RULE('c', 3), { file: 'more.yml' })
    const conv = createConverter({ target: 'splunk' })
    const results = conv.convertDocuments([...rules.documents, ...more.documents, ...correlations.documents])
    expect(results.every((r) => r.ok)).toBe(true)
    // Referenced rules are not emitted on their own (generate: false), only the correlation.
    expect(results.map((r) => r.document.kind)).toEqual(['correlation'])
    expect(results[0]?.queries[0]).toContain('[ search EventID=3 | eval event_type="c" ]')
  })

  it('a referenced rule that fails names itself and its own file', () => {
    const broken = loadSigma(`title: Broken
name: c
logsource: {product: windows}
detection:
    selection:
        CommandLine: x
    condition: selection
`, { file: 'broken.yml' })
    const failing = pipelineFromObject({ name: 'f', transformations: [{ type: 'detection_item_failure', message: 'CommandLine is not collected', field_name_conditions: [{ type: 'include_fields', fields: ['CommandLine'] }] }] }, 'f').pipeline
    const conv = createConverter({ target: 'splunk', pipelines: failing ? [failing] : [] })
    const results = conv.convertDocuments([...rules.documents, ...broken.documents, ...correlations.documents])
    const d = results.find((r) => r.document.kind === 'correlation')?.diagnostics[0]
    expect(d?.message).toBe("rule 'c' referenced by correlation 'T': CommandLine is not collected")
    expect(d?.file).toBe('broken.yml')
  })
})
