/** Correlation rules (SIGMA-NOTES §5.1-5.3) and filters (§6.1), plus the pySigma backend test files (multi-document). */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../../src/diagnostics.js'
import type { SigmaCorrelation, SigmaFilter } from '../../src/ir/rule.js'
import { loadSigma } from '../../src/sigma/load.js'

const BASE = `title: Failed logon
name: failed_logon
logsource: {product: windows, service: security}
detection:
  selection: {EventID: 4625}
  condition: selection
`
const one = <K extends 'correlation' | 'filter'>(text: string, kind: K) => {
  const r = loadSigma(text, { file: 'c.yml' })
  expect(r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([])
  const d = r.documents.find((x) => x.kind === kind)
  if (!d) throw new Error(`no ${kind}`)
  return d as K extends 'correlation' ? SigmaCorrelation : SigmaFilter
}
const problems = (text: string) => loadSigma(text, { file: 'c.yml' }).diagnostics.map((d) => [d.severity, d.code, d.line, d.column, d.key])

describe('correlation documents', () => {
  it('the §5.1 shape: event_count with group-by, timespan, condition, aliases and generate', () => {
    const c = one(`${BASE}---
title: Many failed logons
id: 0e95725d-7320-415d-80f7-004da920fc11
status: test
level: high
generate: true
correlation:
  type: event_count
  rules:
    - failed_logon
  group-by:
    - TargetUserName
    - IpAddress
  timespan: 5m
  condition:
    gte: 10
  aliases:
    user:
      failed_logon: TargetUserName
`, 'correlation')
    expect(c).toMatchObject({
      kind: 'correlation', title: 'Many failed logons', level: 'high', status: 'test', type: 'event_count',
      rules: ['failed_logon'], groupBy: ['TargetUserName', 'IpAddress'], timespan: 300, timespanText: '5m',
      condition: { ops: [{ op: 'gte', count: 10 }] }, aliases: { user: { failed_logon: 'TargetUserName' } },
      generate: true, custom: {}, source: { file: 'c.yml', document: 1 },
    })
  })

  it('single-string rules and group-by; generate inside correlation; value_count with field', () => {
    const c = one(`title: v
correlation:
  type: value_count
  rules: failed_logon
  group-by: IpAddress
  timespan: 1h
  generate: false
  condition: {gt: '20', field: TargetUserName}
`, 'correlation')
    expect(c).toMatchObject({ rules: ['failed_logon'], groupBy: ['IpAddress'], timespan: 3600, generate: false, condition: { ops: [{ op: 'gt', count: 20 }], field: 'TargetUserName' } })
  })

  it.each([['30s', 30], ['2d', 172800], ['1w', 604800], ['1M', 2629746], ['1y', 31556952]])('timespan %s = %i s', (ts, secs) => {
    expect(one(`title: t\ncorrelation: {type: event_count, rules: [a], timespan: ${ts}, condition: {gte: 1}}\n`, 'correlation').timespan).toBe(secs)
  })

  it('temporal without condition defaults to gte <number of rules>', () => {
    const c = one('title: t\ncorrelation: {type: temporal, rules: [a, b], group-by: [u], timespan: 5m}\n', 'correlation')
    expect(c.condition).toEqual({ ops: [{ op: 'gte', count: 2 }] })
  })

  it('extended temporal condition: a boolean expression; rules derived from it', () => {
    const c = one(`title: t
correlation:
  type: temporal
  group-by: [fieldC]
  condition: base_rule_1 and base_rule_2 and not base_rule_3
  timespan: 15m
`, 'correlation')
    expect(c.rules).toEqual(['base_rule_1', 'base_rule_2', 'base_rule_3'])
    expect(c.condition).toMatchObject({ text: 'base_rule_1 and base_rule_2 and not base_rule_3', expression: { kind: 'and' } })
  })

  it('a range condition (two operators) is accepted with a pySigma-compatibility warning', () => {
    const r = loadSigma('title: t\ncorrelation: {type: event_count, rules: [a], timespan: 5m, condition: {gt: 10, lte: 20}}\n')
    expect(r.documents).toHaveLength(1)
    expect((r.documents[0] as SigmaCorrelation).condition).toEqual({ ops: [{ op: 'gt', count: 10 }, { op: 'lte', count: 20 }] })
    expect(r.diagnostics.map((d) => d.code)).toEqual(['correlation.condition_range'])
  })

  it.each([
    ['missing type', '  rules: [a]\n  timespan: 5m\n  condition: {gte: 1}\n', [['error', 'rule.missing_field', 2, 1, 'correlation.type']]],
    ['invalid type', '  type: event_sum\n  rules: [a]\n  timespan: 5m\n  condition: {gte: 1}\n', [['error', 'rule.invalid_field', 3, 9, 'correlation.type']]],
    ['timespan without unit', '  type: event_count\n  rules: [a]\n  timespan: 10\n  condition: {gte: 1}\n', [['error', 'rule.invalid_field', 5, 13, 'correlation.timespan']]],
    ['missing timespan', '  type: event_count\n  rules: [a]\n  condition: {gte: 1}\n', [['error', 'rule.missing_field', 2, 1, 'correlation.timespan']]],
    ['no condition', '  type: event_count\n  rules: [a]\n  timespan: 5m\n', [['error', 'rule.missing_field', 3, 3, 'correlation.condition']]],
    ['no rules', '  type: event_count\n  timespan: 5m\n  condition: {gte: 1}\n', [['error', 'rule.missing_field', 2, 1, 'correlation.rules']]],
    ['value_count without field', '  type: value_count\n  rules: [a]\n  timespan: 5m\n  condition: {gte: 1}\n', [['error', 'correlation.condition', 6, 14, 'correlation.condition']]],
    ['unknown condition key and bad count', '  type: event_count\n  rules: [a]\n  timespan: 5m\n  condition: {gte: x, above: 1}\n',
      [['error', 'rule.invalid_field', 6, 20, 'correlation.condition.gte'], ['error', 'rule.invalid_field', 6, 23, 'correlation.condition.above']]],
    ['no operator', '  type: event_count\n  rules: [a]\n  timespan: 5m\n  condition: {field: x}\n', [['error', 'correlation.condition', 6, 14, 'correlation.condition']]],
    ['string condition on event_count', '  type: event_count\n  rules: [a]\n  timespan: 5m\n  condition: a and b\n', [['error', 'correlation.condition', 6, 14, 'correlation.condition']]],
    ['rules and expression disagree', '  type: temporal\n  rules: [a, c]\n  timespan: 5m\n  condition: a and b\n',
      [['error', 'correlation.condition', 4, 10, 'correlation.rules'], ['error', 'correlation.condition', 4, 10, 'correlation.rules']]],
    ['selector in expression', '  type: temporal\n  timespan: 5m\n  condition: a and 1 of b*\n', [['error', 'correlation.condition', 5, 20, 'correlation.condition']]],
    ['expression syntax error', '  type: temporal\n  timespan: 5m\n  condition: a and\n', [['error', 'condition.syntax', 5, 19, 'correlation.condition']]],
    ['generate not boolean', '  type: event_count\n  rules: [a]\n  timespan: 5m\n  generate: yes please\n  condition: {gte: 1}\n', [['error', 'rule.invalid_field', 6, 13, 'correlation.generate']]],
  ])('%s', (_, body, expected) => {
    expect(problems(`title: t\ncorrelation:\n${body}`)).toEqual(expected)
  })

  it('generate given twice with different values warns and uses correlation.generate', () => {
    const r = loadSigma('title: t\ngenerate: true\ncorrelation: {type: event_count, rules: [a], timespan: 5m, generate: false, condition: {gte: 1}}\n')
    expect((r.documents[0] as SigmaCorrelation).generate).toBe(false)
    expect(r.diagnostics.map((d) => d.code)).toEqual(['correlation.generate'])
  })
})

describe('filter documents', () => {
  it('the §6.1 shape', () => {
    const f = one(`title: Filter Administrator account
id: 929a690e-bef0-4204-a928-ef5e620d6fcc
description: The valid administrator account start with adm_
logsource:
  category: process_creation
  product: windows
filter:
  rules:
    - 6f3e2987-db24-4c78-a860-b4f4095a7095
    - df0841c0-9846-4e9f-ad8a-7df91571771b
  selection:
    User|startswith: 'adm_'
  condition: not selection
author: someone
`, 'filter')
    expect(f).toMatchObject({
      kind: 'filter', title: 'Filter Administrator account', logsource: { category: 'process_creation', product: 'windows' },
      rules: ['6f3e2987-db24-4c78-a860-b4f4095a7095', 'df0841c0-9846-4e9f-ad8a-7df91571771b'],
      conditionText: 'not selection', condition: { kind: 'not', arg: { kind: 'ref', name: 'selection' } },
      custom: { author: 'someone' }, source: { document: 0 },
    })
    expect(Object.keys(f.detections)).toEqual(['selection'])
  })

  it.each([['any', []], ['ANY', []], ['[]', []], ['some_rule', ['some_rule']], ['', []]])('rules: %s', (rules, expected) => {
    const f = one(`title: f\nlogsource: {product: windows}\nfilter:\n  rules: ${rules}\n  sel: {User: x}\n  condition: not sel\n`, 'filter')
    expect(f.rules).toEqual(expected)
  })

  it.each([
    ['missing rules', '  sel: {User: x}\n  condition: not sel\n', [['error', 'rule.missing_field', 3, 1, 'filter.rules']]],
    ['list condition', '  rules: any\n  sel: {User: x}\n  condition: [not sel]\n', [['error', 'condition.invalid', 6, 14, 'filter.condition']]],
    ['undefined identifier', '  rules: any\n  sel: {User: x}\n  condition: not other\n', [['error', 'condition.undefined_identifier', 6, 18, 'filter.condition']]],
    ['rules of the wrong type', '  rules: {a: 1}\n  sel: {User: x}\n  condition: not sel\n', [['error', 'rule.invalid_field', 4, 10, 'filter.rules']]],
  ])('%s', (_, body, expected) => {
    expect(problems(`title: f\nlogsource: {product: windows}\nfilter:\n${body}`)).toEqual(expected)
  })
})

describe('pySigma backend test files', () => {
  const DIR = '/work/shared/reference/pysigma-tests/'
  const cases = ['splunk', 'lucene', 'esql', 'eql', 'kusto', 'splunk_spl2'].flatMap((b) =>
    readFileSync(`${DIR}${b}.jsonl`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { case: string; ok: boolean; rule_file: string }),
  )

  it('every case pySigma converted loads without errors', () => {
    const failures: string[] = []
    let correlations = 0
    for (const c of cases.filter((x) => x.ok)) {
      const r = loadSigma(readFileSync(DIR + c.rule_file, 'utf8'), { file: c.rule_file })
      failures.push(...r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic))
      if (r.documents.length === 0) failures.push(`${c.rule_file}: no documents`)
      correlations += r.documents.filter((d) => d.kind === 'correlation').length
    }
    expect(failures).toEqual([])
    expect(correlations).toBeGreaterThanOrEqual(20)
  })

  it('a multi-document correlation file: base rules first, then the correlation', () => {
    const file = 'rules/splunk/test_backend_splunk_correlations__test_temporal_correlation_rule_stats_query.yml'
    const r = loadSigma(readFileSync(DIR + file, 'utf8'), { file })
    expect(r.diagnostics).toEqual([])
    expect(r.documents.map((d) => [d.kind, d.source.document])).toEqual([['rule', 0], ['rule', 1], ['correlation', 2]])
    expect(r.documents[2]).toMatchObject({ type: 'temporal', rules: ['base_rule_1', 'base_rule_2'], groupBy: ['fieldC'], timespan: 900, aliases: { field: { base_rule_1: 'fieldC', base_rule_2: 'fieldD' } }, condition: { ops: [{ op: 'gte', count: 2 }] } })
  })
})
