/**
 * Runs the enabled validators over a loaded set and turns their issues into positioned findings.
 * Positions: detection items carry theirs; key paths (`tags[2]`) are looked up in the file's YAML only for files
 * that have findings (parsing again with positions is the slow part of loading, so it is done lazily).
 */
import type { Diagnostic } from '../diagnostics.js'
import type { SigmaDocument } from '../ir/rule.js'
import { locate, parseYaml } from '../sigma/yaml.js'
import type { YamlDocument } from '../sigma/yaml.js'
import { formatPath } from '../sigma/yaml-path.js'
import type { CheckConfig } from './config.js'
import type { CheckedDoc, Finding, Issue, Validator } from './types.js'

export interface CheckInput {
  /** Every loaded document of the set (filters are not checked). */
  readonly documents: readonly SigmaDocument[]
  /** Load errors (files or documents that could not be loaded): reported as findings of severity `error`. */
  readonly diagnostics?: readonly Diagnostic[]
  /** File → text, for positions and text-level checks. */
  readonly texts?: ReadonlyMap<string, string>
}

export interface CheckReport {
  readonly findings: readonly Finding[]
  readonly validators: readonly Validator[]
  /** Documents checked (rules and correlations). */
  readonly documents: number
  readonly files: readonly string[]
}

function positions(texts: ReadonlyMap<string, string> | undefined): (doc: CheckedDoc, issue: Issue) => { line?: number; column?: number } {
  const cache = new Map<string, readonly YamlDocument[]>()
  return (doc, issue) => {
    if (issue.pos) return { line: issue.pos.line, column: issue.pos.column }
    const file = doc.source.file
    const text = file === undefined ? undefined : texts?.get(file)
    if (file === undefined || text === undefined || issue.path === undefined) return {}
    let docs = cache.get(file)
    if (docs === undefined) {
      docs = parseYaml(text, file).documents
      cache.set(file, docs)
    }
    const yd = docs.find((d) => d.index === doc.source.document)
    const at = yd === undefined ? undefined : locate([yd.source], issue.path, issue.path.length === 0 ? 'key' : issue.part ?? 'value')
    return at === undefined ? {} : { line: at.line, column: at.column }
  }
}

const sortFindings = (a: Finding, b: Finding): number =>
  (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.validator.localeCompare(b.validator)

export function runChecks(input: CheckInput, config: CheckConfig): CheckReport {
  const docs = input.documents.filter((d): d is CheckedDoc => d.kind !== 'filter')
  const where = positions(input.texts)
  const findings: Finding[] = []
  const excluded = (doc: CheckedDoc, v: Validator): boolean => doc.id !== undefined && (config.exclusions.get(doc.id.toLowerCase())?.has(v.id) ?? false)
  const add = (v: Validator, issues: readonly Issue[]): void => {
    for (const i of issues) {
      if (excluded(i.doc, v)) continue
      findings.push({
        validator: v.id,
        severity: v.severity,
        message: i.message,
        ...(i.doc.source.file === undefined ? {} : { file: i.doc.source.file }),
        ...where(i.doc, i),
        ...(i.path !== undefined && i.path.length > 0 ? { key: formatPath(i.path) } : {}),
        ...(i.doc.id === undefined ? {} : { ruleId: i.doc.id }),
        title: i.doc.title,
      })
    }
  }
  for (const v of config.validators) {
    if (v.rule) for (const d of docs) add(v, v.rule(d, d.source.file === undefined ? undefined : input.texts?.get(d.source.file)))
    if (v.set) add(v, v.set(docs))
  }
  for (const d of input.diagnostics ?? []) {
    if (d.severity !== 'error') continue
    findings.push({ validator: d.code, severity: 'error', message: d.message, ...(d.file === undefined ? {} : { file: d.file }), ...(d.line === undefined ? {} : { line: d.line }), ...(d.column === undefined ? {} : { column: d.column }), ...(d.key === undefined ? {} : { key: d.key }) })
  }
  const files = [...new Set([...(input.texts?.keys() ?? []), ...docs.flatMap((d) => (d.source.file === undefined ? [] : [d.source.file]))])]
  return { findings: findings.sort(sortFindings), validators: config.validators, documents: docs.length, files }
}
