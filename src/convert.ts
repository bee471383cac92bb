/**
 * Rule × pipelines × backend × format → queries. A Converter is built once (pipelines compiled once)
 * and converts any number of documents; results carry structured diagnostics instead of throwing.
 */
import type { Backend, QueryContext } from './backend.js'
import type { Diagnostic } from './diagnostics.js'
import { SigmaError, error, warning } from './diagnostics.js'
import type { SigmaCorrelation, SigmaDocument, SigmaRule } from './ir/rule.js'
import type { Pipeline } from './pipeline/types.js'
import { applyPipelines, finalizeOutput, postprocessQuery } from './pipeline/apply.js'
import { ruleExprs } from './sigma/resolve.js'
import { loadSigma } from './sigma/load.js'
import { applyFilters } from './sigma/filters.js'
import { findBackend, findPipeline } from '../backends/registry.js'
import { convertCorrelation } from './correlation.js'

export interface ConvertOptions {
  /** Target id (or alias) from the registry, or a Backend object. */
  readonly target: string | Backend
  /** Built-in pipeline ids, or pipelines already loaded (e.g. from YAML files). */
  readonly pipelines?: readonly (string | Pipeline)[]
  /** Do not apply the target's default pipelines. */
  readonly withoutPipeline?: boolean
  readonly format?: string
  readonly backendOptions?: Readonly<Record<string, string>>
  readonly correlationMethod?: string
}

export interface RuleResult {
  readonly document: SigmaDocument
  readonly ok: boolean
  readonly queries: readonly (string | object)[]
  readonly diagnostics: readonly Diagnostic[]
}

export interface Converter {
  readonly backend: Backend
  readonly format: string
  readonly pipelines: readonly Pipeline[]
  /** Convert a set of documents (rules, correlations, filters) that may reference each other. */
  convertDocuments(docs: readonly SigmaDocument[]): RuleResult[]
  /** Load Sigma YAML text and convert everything in it. */
  convertText(text: string, file?: string): { results: RuleResult[]; diagnostics: Diagnostic[] }
  /** Whole-output finishing of all queries (format + pipeline finalizers). */
  finalize(queries: readonly (string | object)[]): string | readonly (string | object)[]
}

export class ConfigError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message)
  }
}

const configError = (code: string, message: string): never => {
  throw new ConfigError(error(code, message))
}

export function createConverter(opts: ConvertOptions): Converter {
  const backend = typeof opts.target !== 'string' ? opts.target : (findBackend(opts.target) ?? configError('config.target', `unknown target '${opts.target}'`))
  const format = opts.format ?? backend.defaultFormat
  const fmt = backend.formats[format] ?? configError('config.format', `target '${backend.id}' has no output format '${format}'; choose one of: ${Object.keys(backend.formats).join(', ')}`)
  const requested = opts.pipelines ?? []
  const names = requested.length === 0 && !opts.withoutPipeline ? (backend.defaultPipelines ?? []) : requested
  const user = names.map((p) => {
    if (typeof p !== 'string') return p
    const provider = findPipeline(p, backend) ?? configError('config.pipeline', `unknown pipeline '${p}'`)
    return provider.build()
  })
  const own = backend.backendPipeline ? [{ ...backend.backendPipeline(), priority: Number.MIN_SAFE_INTEGER }] : []
  const pipelines: Pipeline[] = [...own, ...user]
  const options = { ...Object.fromEntries(Object.entries(backend.options ?? {}).flatMap(([k, o]) => (o.default === undefined ? [] : [[k, o.default]]))), ...(opts.backendOptions ?? {}) }
  for (const k of Object.keys(opts.backendOptions ?? {})) {
    if (!backend.options || !(k in backend.options)) configError('config.option', `target '${backend.id}' has no option '${k}'; options: ${Object.keys(backend.options ?? {}).join(', ') || 'none'}`)
  }
  const env = { backend: backend.id, format, options }
  const method = opts.correlationMethod ?? Object.keys(backend.correlation?.methods ?? {})[0] ?? ''
  if (opts.correlationMethod && !(opts.correlationMethod in (backend.correlation?.methods ?? {}))) {
    configError('config.correlation_method', `target '${backend.id}' has no correlation method '${opts.correlationMethod}'; methods: ${Object.keys(backend.correlation?.methods ?? {}).join(', ') || 'none'}`)
  }

  /** The finished (pre-format) queries of a rule with its pipeline state. */
  function renderRule(rule: SigmaRule): { rule: SigmaRule; state: Readonly<Record<string, unknown>>; queries: string[]; diagnostics: Diagnostic[] } {
    const run = applyPipelines(rule, pipelines, env)
    const processed = run.doc as SigmaRule
    const queries: string[] = []
    ruleExprs(processed).forEach((expr, index) => {
      if (expr === null) return
      const ctx: QueryContext = { rule: processed, index, pipelineState: run.state, options, format }
      queries.push(backend.convertCondition(expr, ctx))
    })
    return { rule: processed, state: run.state, queries, diagnostics: [...run.diagnostics] }
  }

  function finishQueries(doc: SigmaRule | SigmaCorrelation, queries: readonly string[], state: Readonly<Record<string, unknown>>): (string | object)[] {
    return queries.map((q, index) => {
      const ctx: QueryContext = { rule: doc, index, pipelineState: state, options, format }
      const formatted = fmt.query ? fmt.query(q, ctx) : q
      return postprocessQuery(formatted, doc, pipelines, state)
    })
  }

  function guarded(doc: SigmaDocument, f: () => { queries: (string | object)[]; diagnostics: Diagnostic[] }): RuleResult {
    try {
      const r = f()
      return { document: doc, ok: true, queries: r.queries, diagnostics: r.diagnostics }
    } catch (e) {
      const d = e instanceof SigmaError ? e.diagnostic : error('internal', `internal error while converting: ${e instanceof Error ? e.message : String(e)}`)
      const at = { file: d.file ?? doc.source.file }
      return { document: doc, ok: false, queries: [], diagnostics: [{ ...d, ...at }] }
    }
  }

  function convertDocuments(docs: readonly SigmaDocument[]): RuleResult[] {
    const filtered = applyFilters(docs)
    const referenced = new Set<string>()
    for (const d of filtered) if (d.kind === 'correlation') for (const r of d.rules) referenced.add(r)
    const isReferenced = (r: SigmaRule | SigmaCorrelation): boolean => (r.id !== undefined && referenced.has(r.id)) || (r.name !== undefined && referenced.has(r.name))
    const out: RuleResult[] = []
    for (const doc of filtered) {
      if (doc.kind === 'filter') continue
      if (doc.kind === 'rule') {
        const generate = !isReferenced(doc) || filtered.some((c) => c.kind === 'correlation' && c.generate && (c.rules.includes(doc.id ?? '\u0000') || c.rules.includes(doc.name ?? '\u0000')))
        if (!generate) continue
        out.push(guarded(doc, () => {
          const r = renderRule(doc)
          const diagnostics = r.diagnostics
          if (r.queries.length === 0) diagnostics.push(warning('rule.empty', 'the rule produced no query: every condition was empty after processing'))
          return { queries: finishQueries(r.rule, r.queries, r.state), diagnostics }
        }))
      } else {
        out.push(guarded(doc, () => {
          const q = convertCorrelation(doc, filtered, { backend, pipelines, env, method, renderRule })
          return { queries: finishQueries(q.doc, [q.query], q.state), diagnostics: q.diagnostics }
        }))
      }
    }
    return out
  }

  return {
    backend,
    format,
    pipelines,
    convertDocuments,
    convertText(text, file) {
      const loaded = loadSigma(text, file === undefined ? {} : { file })
      return { results: convertDocuments(loaded.documents), diagnostics: loaded.diagnostics }
    },
    finalize(queries) {
      const formatted = fmt.output ? fmt.output(queries, options) : queries
      if (typeof formatted === 'string') return formatted
      return finalizeOutput(formatted, pipelines)
    },
  }
}
