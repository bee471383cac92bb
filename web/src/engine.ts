/**
 * One translation request, answered either here in the browser with the core (the default: the rule never leaves
 * the machine) or by the service (`POST /api/v1/translate`). Both give the same `Translation`.
 */
import { ConfigError, SigmaError, createConverter, loadPipeline, type Converter, type Diagnostic, type Pipeline } from '../../src/index.js'
import { fieldReport, type FieldReport } from './fields.js'

export interface TranslateRequest {
  readonly rule: string
  readonly target: string
  readonly pipelines: readonly string[]
  readonly pipelineYaml: string
  /** '' = the target's default. */
  readonly format: string
}

/**
 * ok: queries produced. failed: the rule (or one of its documents) could not be converted. config: the target,
 * format or a pipeline is wrong. unreachable: server mode could not reach the service.
 */
export type Outcome = 'ok' | 'failed' | 'config' | 'unreachable'

export interface Translation {
  readonly outcome: Outcome
  readonly target: string
  readonly format: string
  /** Query texts; JSON bodies pretty-printed. */
  readonly queries: readonly string[]
  /** Whole output when the format has one (e.g. savedsearches.conf). */
  readonly output?: string
  readonly diagnostics: readonly Diagnostic[]
  /** Local mode only: how field names fared in the pipelines. */
  readonly fields?: FieldReport
  /** Plain-language reason when outcome is not ok and no diagnostic says it. */
  readonly problem?: string
}

/** Diagnostics of the rule carry this file name; those of the pasted pipeline carry PIPELINE_FILE. */
export const RULE_FILE = 'rule.yml'
export const PIPELINE_FILE = 'pipelineYaml'

const show = (q: string | object): string => (typeof q === 'string' ? q : JSON.stringify(q, null, 2))

const converters = new Map<string, Converter>()
let lastPipeline: { text: string; result: ReturnType<typeof loadPipeline> } | undefined

function userPipeline(text: string): ReturnType<typeof loadPipeline> {
  if (lastPipeline?.text !== text) lastPipeline = { text, result: loadPipeline(text, PIPELINE_FILE) }
  return lastPipeline.result
}

function converterFor(req: TranslateRequest, user: Pipeline | undefined): Converter {
  const key = JSON.stringify([req.target, req.pipelines, req.format])
  const hit = user === undefined ? converters.get(key) : undefined
  if (hit) return hit
  const c = createConverter({
    target: req.target,
    pipelines: user ? [...req.pipelines, user] : req.pipelines,
    ...(req.format === '' ? {} : { format: req.format }),
  })
  if (user === undefined) {
    if (converters.size >= 32) converters.delete(converters.keys().next().value as string)
    converters.set(key, c)
  }
  return c
}

export function translateLocal(req: TranslateRequest): Translation {
  const base = { target: req.target, format: req.format, queries: [] as string[] }
  let user: Pipeline | undefined
  let converter: Converter
  try {
    if (req.pipelineYaml.trim() !== '') {
      const p = userPipeline(req.pipelineYaml)
      if (!p.pipeline || p.diagnostics.some((d) => d.severity === 'error')) return { ...base, outcome: 'config', diagnostics: p.diagnostics }
      user = p.pipeline
    }
    converter = converterFor(req, user)
  } catch (e) {
    if (e instanceof ConfigError) return { ...base, outcome: 'config', diagnostics: [e.diagnostic] }
    if (e instanceof SigmaError) return { ...base, outcome: 'config', diagnostics: [{ ...e.diagnostic, file: PIPELINE_FILE }] }
    return { ...base, outcome: 'config', diagnostics: [], problem: 'the pipeline could not be loaded' }
  }
  const loaded = converter.convertText(req.rule, RULE_FILE)
  const diagnostics = [...loaded.diagnostics, ...loaded.results.flatMap((r) => r.diagnostics)]
  const out = { target: converter.backend.id, format: converter.format, diagnostics }
  const fields = fieldReport(loaded.results.map((r) => r.document), converter)
  const failed = loaded.results.some((r) => !r.ok) || loaded.diagnostics.some((d) => d.severity === 'error')
  if (loaded.results.length === 0) {
    return { ...out, outcome: 'failed', queries: [], fields, ...(diagnostics.length ? {} : { problem: 'the text contains no Sigma rule' }) }
  }
  const queries = loaded.results.flatMap((r) => r.queries)
  if (failed) return { ...out, outcome: 'failed', queries: queries.map(show), fields }
  const finished = converter.finalize(queries)
  const list = typeof finished === 'string' ? queries : finished
  return { ...out, outcome: 'ok', queries: list.map(show), ...(typeof finished === 'string' ? { output: finished } : {}), fields }
}

interface ServerAnswer {
  readonly target?: string
  readonly format?: string
  readonly queries?: readonly (string | object)[]
  readonly output?: string
  readonly diagnostics?: readonly Diagnostic[]
  readonly detail?: string
  readonly code?: string
}

/** The service's answer, success or RFC 9457 problem, mapped onto a Translation. */
export async function translateServer(req: TranslateRequest, endpoint = 'api/v1/translate', signal?: AbortSignal): Promise<Translation> {
  const body = {
    rule: req.rule,
    target: req.target,
    ...(req.pipelines.length ? { pipelines: req.pipelines } : {}),
    ...(req.pipelineYaml.trim() ? { pipelineYaml: req.pipelineYaml } : {}),
    ...(req.format ? { format: req.format } : {}),
  }
  const base = { target: req.target, format: req.format, queries: [] as string[], diagnostics: [] as Diagnostic[] }
  let res: Response
  try {
    res = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), ...(signal ? { signal } : {}) })
  } catch {
    return { ...base, outcome: 'unreachable', problem: 'the service could not be reached (server mode needs the page to be served by `sigmaport serve`)' }
  }
  let a: ServerAnswer
  try {
    a = (await res.json()) as ServerAnswer
  } catch {
    return { ...base, outcome: 'unreachable', problem: `the service answered HTTP ${res.status} without a readable body` }
  }
  const diagnostics = Array.isArray(a.diagnostics) ? a.diagnostics : []
  const out = { target: a.target ?? req.target, format: a.format ?? req.format, diagnostics }
  if (res.ok) {
    return { ...out, outcome: 'ok', queries: (a.queries ?? []).map(show), ...(typeof a.output === 'string' ? { output: a.output } : {}) }
  }
  const outcome: Outcome = res.status === 422 && diagnostics.some((d) => d.code.startsWith('config.') || d.file === PIPELINE_FILE) ? 'config' : 'failed'
  return { ...out, outcome, queries: [], problem: `HTTP ${res.status}${a.code ? ` ${a.code}` : ''}: ${a.detail ?? 'the service refused the request'}` }
}
