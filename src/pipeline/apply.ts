/** Running compiled pipelines: rule transformation, per-query postprocessing, output finalization. */
import type { SigmaCorrelation, SigmaRule } from '../ir/rule.js'
import { fail, SigmaError, warning, type Diagnostic } from '../diagnostics.js'
import { runPostprocessing } from './postprocess.js'
import { createRunState } from './run-state.js'
import { runItems } from './transforms/rule.js'
import type { Doc, Pipeline, PipelineEnv } from './types.js'
import { ruleItems } from './walk.js'

export interface PipelineRun {
  readonly doc: SigmaRule | SigmaCorrelation
  readonly state: Readonly<Record<string, unknown>>
  readonly diagnostics: readonly Diagnostic[]
}

/** Resolver order: ascending priority, ties keep the given order. */
export const sortPipelines = (ps: readonly Pipeline[]): Pipeline[] =>
  ps.map((p, i) => [p, i] as const).sort((a, b) => a[0].priority - b[0].priority || a[1] - b[1]).map(([p]) => p)

/** Later pipelines override earlier variables (pySigma `+`). */
const mergeVars = (ps: readonly Pipeline[]): Record<string, unknown> => Object.assign({}, ...ps.map((p) => p.vars)) as Record<string, unknown>

function withSource(e: SigmaError, doc: Doc): SigmaError {
  const d = e.diagnostic
  if (d.file !== undefined || doc.source.file === undefined) return e
  return new SigmaError({ ...d, file: doc.source.file })
}

function checkPlaceholders(doc: Doc): void {
  if (doc.kind !== 'rule') return
  for (const item of ruleItems(doc))
    for (const v of item.values)
      if (v.type === 'str')
        for (const p of v.parts)
          if (typeof p !== 'string' && 'placeholder' in p)
            fail('pipeline.unresolved_placeholder', `Attempt to convert unhandled placeholder '${p.placeholder}' into query.`, {
              ...(doc.source.file ? { file: doc.source.file } : {}),
              ...(item.pos ? { line: item.pos.line, column: item.pos.column } : {}),
              key: item.field ?? '(keyword)',
            })
}

/**
 * Applies the pipelines (sorted by priority) to one document. Compiled pipelines are never
 * changed, so the same ones can be applied to any number of documents.
 * Throws SigmaError (`pipeline.*`) when a pipeline rejects the rule.
 */
export function applyPipelines(doc: SigmaRule | SigmaCorrelation, pipelines: readonly Pipeline[], env: PipelineEnv): PipelineRun {
  const sorted = sortPipelines(pipelines)
  const vars: Record<string, unknown> = mergeVars(sorted)
  for (const [k, v] of Object.entries(env.options)) vars[`backend_${k}`] = v
  vars.backend = env.backend
  vars.output_format = env.format
  const diagnostics: Diagnostic[] = []
  for (const p of sorted)
    if (p.allowedBackends.length && !p.allowedBackends.includes(env.backend))
      diagnostics.push(warning('pipeline.backend_not_allowed', `pipeline '${p.name}' is not meant for backend '${env.backend}' (allowed: ${p.allowedBackends.join(', ')})`))
  const run = createRunState(doc, vars, env)
  let out: Doc
  try {
    out = runItems(doc, sorted.flatMap((p) => p.items), run)
    checkPlaceholders(out)
  } catch (e) {
    throw e instanceof SigmaError ? withSource(e, doc) : e
  }
  if (out.kind === 'rule') out = { ...out, applied: [...run.ruleApplied] }
  return { doc: out, state: { ...run.state }, diagnostics }
}

/** Postprocessing items of all pipelines, in priority order, on one query of `doc`. */
export function postprocessQuery(
  query: string | object,
  doc: SigmaRule | SigmaCorrelation,
  pipelines: readonly Pipeline[],
  state: Readonly<Record<string, unknown>>,
): string | object {
  const sorted = sortPipelines(pipelines)
  const cx = { doc, state, vars: mergeVars(sorted) }
  return runPostprocessing(query, sorted.flatMap((p) => p.postprocessing), cx)
}

/** Finalizers of all pipelines, in priority order; without any, the queries come back as a list. */
export function finalizeOutput(queries: readonly (string | object)[], pipelines: readonly Pipeline[]): string | (string | object)[] {
  const sorted = sortPipelines(pipelines)
  const cx = { vars: mergeVars(sorted) }
  let out: unknown = [...queries]
  for (const f of sorted.flatMap((p) => p.finalizers)) out = f.apply(out, cx)
  return typeof out === 'string' ? out : Array.isArray(out) ? (out as (string | object)[]) : String(out)
}
