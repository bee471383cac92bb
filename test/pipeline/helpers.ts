/** Test helpers: load real rules, run pipelines, print detections compactly. */
import { expect } from 'vitest'
import type { Condition } from '../../src/ir/condition.js'
import type { Detection, DetectionItem, SigmaCorrelation, SigmaRule } from '../../src/ir/rule.js'
import type { Value } from '../../src/ir/value.js'
import { loadSigma } from '../../src/sigma/load.js'
import { applyPipelines, type PipelineRun } from '../../src/pipeline/apply.js'
import { loadPipeline } from '../../src/pipeline/load.js'
import type { Pipeline, PipelineEnv } from '../../src/pipeline/types.js'
import { plain } from '../../src/pipeline/values.js'
import { pyJsonDumps } from '../../src/pipeline/pyjson.js'
import { pyStr } from '../../src/pipeline/template.js'

export const ENV: PipelineEnv = { backend: 'splunk', format: 'default', options: {} }

export function rule(yaml: string): SigmaRule {
  const r = loadSigma(yaml)
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  const doc = r.documents.find((d) => d.kind === 'rule')
  if (!doc || doc.kind !== 'rule') throw new Error('no rule in test YAML')
  return doc
}

export function correlation(yaml: string): SigmaCorrelation {
  const r = loadSigma(yaml)
  const doc = r.documents.find((d) => d.kind === 'correlation')
  if (!doc || doc.kind !== 'correlation') throw new Error(`no correlation in test YAML: ${JSON.stringify(r.diagnostics)}`)
  return doc
}

/** A detection rule with the given detection body (YAML, indented by 2) and log source. */
export function ruleWith(detection: string, logsource = 'product: windows\n  category: process_creation', extra = ''): SigmaRule {
  return rule(`title: Test\nid: 5013332f-8a70-4e04-bcc1-06a98a2cca2e\nstatus: test\nlevel: medium\n${extra}logsource:\n  ${logsource}\ndetection:\n${detection}\n`)
}

export function pipeline(yaml: string): Pipeline {
  const r = loadPipeline(yaml, 'test.yml')
  expect(r.diagnostics).toEqual([])
  if (!r.pipeline) throw new Error('pipeline did not load')
  return r.pipeline
}

export const run = (doc: SigmaRule | SigmaCorrelation, yaml: string | readonly Pipeline[], env: PipelineEnv = ENV): PipelineRun =>
  applyPipelines(doc, typeof yaml === 'string' ? [pipeline(yaml)] : yaml, env)

export function showValue(v: Value): string {
  switch (v.type) {
    case 'str':
      return (v.cased ? 'c:' : '') + pyJsonDumps(plain(v))
    case 'num':
    case 'bool':
      return String(v.value)
    case 'null':
      return 'null'
    case 're':
      return `/${v.regex}/${v.flags.join('')}`
    case 'cidr':
      return `cidr:${v.cidr}`
    case 'cmp':
      return `${v.op}:${v.value}`
    case 'exists':
      return `exists:${v.exists}`
    case 'fieldref':
      return `ref:${v.field}`
    case 'timepart':
      return `${v.part}:${v.value}`
    case 'expansion':
      return `exp[${v.values.map(showValue).join(',')}]`
    case 'query':
      return `q:${v.expression}:${v.id}`
  }
}

export function showItem(i: DetectionItem | Detection): string {
  if (i.kind === 'detection') return `(${i.items.map(showItem).join(i.link === 'and' ? ' AND ' : ' OR ')})`
  const vals = i.values.map(showValue).join(i.link === 'and' ? '&' : '|')
  return `${i.negated ? '!' : ''}${i.field ?? '_'}=${vals}`
}

export function showCond(c: Condition): string {
  switch (c.kind) {
    case 'ref':
      return c.name
    case 'not':
      return `not ${showCond(c.arg)}`
    case 'and':
    case 'or':
      return `(${c.args.map(showCond).join(` ${c.kind} `)})`
    case 'of':
      return `${c.quantifier} of ${c.pattern}`
  }
}

/** `name: items` per detection, then the conditions. */
export function show(r: SigmaRule): string {
  const dets = Object.entries(r.detections).map(([n, d]) => `${n}: ${showItem(d)}`)
  return [...dets, `condition: ${r.conditions.map(showCond).join(' ; ')}`].join('\n')
}

export const det = (r: SigmaRule, name = 'sel'): string => showItem(r.detections[name] as Detection)

const none = (s: string | undefined): string => s ?? 'None'

/** Same layout as fixtures/gen.py prints for pySigma. */
export function describeRun(r: SigmaRule, state: Readonly<Record<string, unknown>>): string {
  const lines = Object.entries(r.detections).map(([n, d]) => `${n.replace(/^_cond_\w+/, '_cond_')}: ${showItem(d)}`)
  lines.push(`condition: ${r.conditionText.map((c) => c.replace(/_cond_\w+/g, '_cond_')).join(' ; ')}`)
  lines.push(`fields: ${pyStr(r.fields)}`)
  lines.push(`state: ${pyJsonDumps(state)}`)
  lines.push(`logsource: ${none(r.logsource.category)} ${none(r.logsource.product)} ${none(r.logsource.service)}`)
  lines.push(`applied: ${r.applied.filter((a) => !a.includes('#')).sort().join(',')}`)
  return lines.join('\n')
}

