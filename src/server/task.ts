/**
 * The message between the HTTP layer and the conversion workers: plain, structured-clone-safe data.
 * Also the pure conversion itself (`runTask`), so the worker file is only the piscina entry point.
 */
import type { Diagnostic } from '../diagnostics.js'
import { error } from '../diagnostics.js'
import { ConfigError, createConverter, type Converter } from '../convert.js'
import type { Pipeline } from '../pipeline/types.js'
import { SigmaError } from '../diagnostics.js'
import { loadPipeline } from '../pipeline/load.js'
import { loadSigma } from '../sigma/load.js'
import type { SigmaDocument } from '../ir/rule.js'
import { testRuleText, type TestOutcome } from '../eval/test-rule.js'

export interface ConversionTask {
  /** 'validate' loads and converts but returns no queries; 'test' evaluates the rule against `events`. */
  readonly mode: 'translate' | 'validate' | 'test'
  readonly rule: string
  /** Sigma filter documents (YAML) applied to the rules whose logsource they match. */
  readonly filters?: readonly string[]
  /** 'test': the events (JSON array, NDJSON, or a SigmaHQ regression export). */
  readonly events?: string
  readonly maxEvents?: number
  /** Name used in diagnostics (batch: the item id or `rules[i]`). */
  readonly file?: string
  readonly target: string
  readonly pipelines: readonly string[]
  readonly pipelineYaml?: string
  readonly format?: string
  readonly options?: Readonly<Record<string, string>>
  readonly maxOutputBytes: number
  /** Set by the pool: the worker writes Date.now() into slots[slot] when it starts (the deadline counts from then). */
  readonly started?: { readonly slots: Float64Array; readonly slot: number }
}

/**
 * - ok: every document converted.
 * - invalid_rule: the text could not be read as Sigma (YAML, schema, condition syntax) → 400.
 * - too_many_items: a list or map of the rule exceeds the item caps → 422.
 * - unsupported: it was read, but at least one document could not be converted → 422.
 * - bad_request: target/format/pipeline/option is unknown → 422.
 * - query_too_large: the output exceeds limits.outputBytes → 422.
 */
export type Outcome = 'ok' | 'invalid_rule' | 'too_many_items' | 'unsupported' | 'bad_request' | 'query_too_large'

export interface ConversionResult {
  readonly outcome: Outcome
  readonly target: string
  readonly format: string
  readonly queries: readonly (string | object)[]
  /** Whole-output text when the format has one (e.g. savedsearches.conf). */
  readonly output?: string
  readonly diagnostics: readonly Diagnostic[]
  /** Rules (documents) converted. */
  readonly rules: number
  /** 'test': which events each rule matched and the detection items that fired. */
  readonly test?: TestOutcome
}

const CACHE_MAX = 32
const converters = new Map<string, Converter>()

function converterFor(task: ConversionTask, userPipeline: Pipeline | undefined): Converter {
  const key = JSON.stringify([task.target, task.pipelines, task.format ?? null, task.options ?? null])
  if (userPipeline === undefined) {
    const hit = converters.get(key)
    if (hit) {
      converters.delete(key) // LRU: re-insert at the end
      converters.set(key, hit)
      return hit
    }
  }
  const c = createConverter({
    target: task.target,
    pipelines: userPipeline ? [...task.pipelines, userPipeline] : task.pipelines,
    ...(task.format === undefined ? {} : { format: task.format }),
    ...(task.options === undefined ? {} : { backendOptions: task.options }),
  })
  if (userPipeline === undefined) {
    converters.set(key, c)
    if (converters.size > CACHE_MAX) converters.delete(converters.keys().next().value as string)
  }
  return c
}

/** List/map item caps exceed: the content is well-formed but larger than the service accepts (422, not 400). */
const isItemCap = (d: Diagnostic): boolean => d.code === 'yaml.too_large' && /^(list|map) has \d+/.test(d.message)

function utf8Bytes(s: string): number {
  return new TextEncoder().encode(s).length
}

export function runTask(task: ConversionTask): ConversionResult {
  const base = { target: task.target, format: task.format ?? '', queries: [], diagnostics: [], rules: 0 }
  let userPipeline: Pipeline | undefined
  let converter: Converter
  try {
    if (task.pipelineYaml !== undefined && task.pipelineYaml.trim() !== '') {
      const p = loadPipeline(task.pipelineYaml, 'pipelineYaml')
      if (!p.pipeline || p.diagnostics.some((d) => d.severity === 'error')) return { ...base, outcome: 'bad_request', diagnostics: p.diagnostics }
      userPipeline = p.pipeline
    }
    converter = converterFor(task, userPipeline)
  } catch (e) {
    if (e instanceof ConfigError) return { ...base, outcome: 'bad_request', diagnostics: [e.diagnostic] }
    if (e instanceof SigmaError) return { ...base, outcome: 'bad_request', diagnostics: [{ ...e.diagnostic, file: 'pipelineYaml' }] }
    return { ...base, outcome: 'bad_request', diagnostics: [error('pipeline.invalid', 'the pipeline could not be loaded')] }
  }
  const format = converter.format
  if (task.mode === 'test') return runTest(task, converter, userPipeline)
  const filterDocs = loadFilters(task.filters ?? [])
  if (filterDocs.diagnostics.some((d) => d.severity === 'error')) return { ...base, target: converter.backend.id, format, outcome: 'invalid_rule', diagnostics: filterDocs.diagnostics }
  const loaded = convertWithFilters(converter, task, filterDocs.documents)
  const diagnostics: Diagnostic[] = [...loaded.diagnostics]
  for (const r of loaded.results) diagnostics.push(...r.diagnostics)
  const loadErrors = loaded.diagnostics.filter((d) => d.severity === 'error')
  const failed = loaded.results.filter((r) => !r.ok)
  const target = converter.backend.id
  if (loadErrors.length > 0 && loaded.results.length === 0) {
    return { ...base, target, format, outcome: loadErrors.some(isItemCap) ? 'too_many_items' : 'invalid_rule', diagnostics }
  }
  if (loaded.results.length === 0) {
    return { ...base, target, format, outcome: 'invalid_rule', diagnostics: [...diagnostics, error('rule.empty', 'the text contains no Sigma rule', { ...(task.file === undefined ? {} : { file: task.file }), line: 1, column: 1 })] }
  }
  if (failed.length > 0 || loadErrors.length > 0) {
    return { ...base, target, format, outcome: loadErrors.some(isItemCap) ? 'too_many_items' : 'unsupported', diagnostics, rules: loaded.results.length }
  }
  const queries = loaded.results.flatMap((r) => r.queries)
  const finished = converter.finalize(queries)
  const output = typeof finished === 'string' ? finished : undefined
  const size = (output === undefined ? 0 : utf8Bytes(output)) + queries.reduce<number>((n, q) => n + utf8Bytes(typeof q === 'string' ? q : JSON.stringify(q)), 0)
  if (size > task.maxOutputBytes) {
    return {
      ...base, target, format, outcome: 'query_too_large', rules: loaded.results.length,
      diagnostics: [...diagnostics, error('output.too_large', `the generated output is ${size} bytes; the limit is ${task.maxOutputBytes}`, task.file === undefined ? {} : { file: task.file })],
    }
  }
  if (task.mode === 'validate') return { ...base, target, format, outcome: 'ok', diagnostics, rules: loaded.results.length }
  const list = typeof finished === 'string' ? queries : finished
  return { target, format, outcome: 'ok', queries: list, ...(output === undefined ? {} : { output }), diagnostics, rules: loaded.results.length }
}

/** Filter documents from the request; anything that is not a filter is an error (they only exclude, never add rules). */
function loadFilters(texts: readonly string[]): { documents: SigmaDocument[]; diagnostics: Diagnostic[] } {
  const documents: SigmaDocument[] = []
  const diagnostics: Diagnostic[] = []
  texts.forEach((text, i) => {
    const file = `filters[${i}]`
    const r = loadSigma(text, { file })
    diagnostics.push(...r.diagnostics)
    for (const d of r.documents) {
      if (d.kind === 'filter') documents.push(d)
      else diagnostics.push(error('filter.not_a_filter', `${file} holds a ${d.kind} ('${d.title}'); only filter documents are accepted here`, { file }))
    }
  })
  return { documents, diagnostics }
}

function convertWithFilters(converter: Converter, task: ConversionTask, filters: readonly SigmaDocument[]): ReturnType<Converter['convertText']> {
  if (filters.length === 0) return converter.convertText(task.rule, task.file)
  const loaded = loadSigma(task.rule, task.file === undefined ? {} : { file: task.file })
  return { results: converter.convertDocuments([...loaded.documents, ...filters]), diagnostics: loaded.diagnostics }
}

/** POST /api/v1/test: the reference evaluator, after the same pipelines a translation would apply. */
function runTest(task: ConversionTask, converter: Converter, _user: Pipeline | undefined): ConversionResult {
  const outcome = testRuleText(task.rule, task.events ?? '[]', {
    ...(task.file === undefined ? {} : { file: task.file }),
    eventsFile: 'events',
    pipelines: converter.pipelines,
    env: { backend: converter.backend.id, format: converter.format, options: task.options ?? {} },
    ...(task.maxEvents === undefined ? {} : { maxEvents: task.maxEvents }),
  })
  const diagnostics = [...outcome.diagnostics, ...outcome.rules.flatMap((r) => r.diagnostics)]
  const invalid = outcome.rules.length === 0 || outcome.diagnostics.some((d) => d.severity === 'error')
  return { target: converter.backend.id, format: converter.format, queries: [], diagnostics, rules: outcome.rules.length, outcome: invalid ? 'invalid_rule' : 'ok', test: outcome }
}
