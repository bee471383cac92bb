/**
 * Correlation rules: resolve the referenced rules (by id or name, also chained correlations), render their queries
 * with the same pipelines, and hand them to the target's correlation renderer.
 */
import type { Backend, CorrelationRef } from './backend.js'
import type { Diagnostic } from './diagnostics.js'
import { fail } from './diagnostics.js'
import type { SigmaCorrelation, SigmaDocument, SigmaRule } from './ir/rule.js'
import type { Pipeline, PipelineEnv } from './pipeline/types.js'
import { applyPipelines } from './pipeline/apply.js'

export interface CorrelationEnv {
  readonly backend: Backend
  readonly pipelines: readonly Pipeline[]
  readonly env: PipelineEnv
  readonly method: string
  readonly renderRule: (r: SigmaRule) => { rule: SigmaRule; state: Readonly<Record<string, unknown>>; queries: string[]; diagnostics: Diagnostic[] }
}

export function findReferenced(ref: string, docs: readonly SigmaDocument[]): SigmaRule | SigmaCorrelation | undefined {
  return docs.find((d): d is SigmaRule | SigmaCorrelation => d.kind !== 'filter' && (d.id === ref || d.name === ref))
}

export function convertCorrelation(
  corr: SigmaCorrelation,
  docs: readonly SigmaDocument[],
  c: CorrelationEnv,
  seen: ReadonlySet<string> = new Set(),
): { doc: SigmaCorrelation; query: string; state: Readonly<Record<string, unknown>>; diagnostics: Diagnostic[] } {
  const renderer = c.backend.correlation ?? fail('backend.unsupported', `target '${c.backend.id}' does not support correlation rules (type ${corr.type})`)
  const key = corr.id ?? corr.name ?? corr.title
  if (seen.has(key)) fail('correlation.cycle', `correlation '${corr.title}' references itself through a cycle`)
  const diagnostics: Diagnostic[] = []
  const refs: CorrelationRef[] = corr.rules.map((ref) => {
    const target = findReferenced(ref, docs) ?? fail('correlation.unknown_rule', `correlation '${corr.title}' references rule '${ref}', which is not in the input`, { key: 'correlation.rules' })
    const name = target.name ?? target.id ?? ref
    if (target.kind === 'rule') {
      const r = c.renderRule(target)
      diagnostics.push(...r.diagnostics)
      if (r.queries.length !== 1) fail('correlation.rule_queries', `rule '${target.title}' referenced by a correlation must yield exactly one query (it yields ${r.queries.length})`)
      return { rule: r.rule, query: r.queries[0] as string, name, pipelineState: r.state }
    }
    const inner = convertCorrelation(target, docs, c, new Set([...seen, key]))
    diagnostics.push(...inner.diagnostics)
    return { rule: inner.doc, query: inner.query, name, pipelineState: inner.state }
  })
  const run = applyPipelines(corr, c.pipelines, c.env)
  const processed = run.doc as SigmaCorrelation
  diagnostics.push(...run.diagnostics)
  const query = renderer.render(processed, refs, { rule: processed, index: 0, pipelineState: run.state, options: c.env.options, format: c.env.format, method: c.method })
  return { doc: processed, query, state: run.state, diagnostics }
}
