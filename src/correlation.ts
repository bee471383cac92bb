/**
 * Correlation rules: resolve the referenced rules (by id or name, also chained correlations), render their queries
 * with the same pipelines, and hand them to the target's correlation renderer. Problems only conversion can find
 * (unknown names, cycles, group-by fields lost to a field mapping, nested group-by mismatches) become diagnostics
 * positioned on the correlation's YAML key.
 */
import type { Backend, CorrelationRef } from './backend.js'
import type { Diagnostic } from './diagnostics.js'
import { SigmaError, fail, warning } from './diagnostics.js'
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

export interface ConvertedCorrelation {
  readonly doc: SigmaCorrelation
  readonly query: string
  readonly state: Readonly<Record<string, unknown>>
  readonly diagnostics: Diagnostic[]
}

export function findReferenced(ref: string, docs: readonly SigmaDocument[]): SigmaRule | SigmaCorrelation | undefined {
  return docs.find((d): d is SigmaRule | SigmaCorrelation => d.kind !== 'filter' && (d.id === ref || d.name === ref))
}

/** Position of a correlation key (`rules.1`, `group-by`, …), falling back to its parent key, then to `type`. */
export function correlationAt(corr: SigmaCorrelation, key: string): { file?: string; line?: number; column?: number; key: string } {
  const p = corr.positions ?? {}
  const pos = p[key] ?? p[key.split('.')[0] as string] ?? p['type']
  return { ...(corr.source.file === undefined ? {} : { file: corr.source.file }), ...(pos ?? {}), key: `correlation.${key}` }
}

const label = (d: SigmaRule | SigmaCorrelation): string => d.name ?? d.id ?? d.title

/** Re-throw a SigmaError raised while converting `corr`, adding its position when the error has none. */
function positioned<T>(corr: SigmaCorrelation, key: string, f: () => T): T {
  try {
    return f()
  } catch (e) {
    if (!(e instanceof SigmaError) || e.diagnostic.line !== undefined) throw e
    const d = e.diagnostic
    const own = d.key?.startsWith('correlation.') ? d.key.slice('correlation.'.length) : key
    throw new SigmaError({ ...d, ...correlationAt(corr, own) })
  }
}

function renderReferencedRule(corr: SigmaCorrelation, target: SigmaRule, c: CorrelationEnv): ReturnType<CorrelationEnv['renderRule']> {
  try {
    return c.renderRule(target)
  } catch (e) {
    if (!(e instanceof SigmaError)) throw e
    const d = e.diagnostic
    const file = d.file ?? target.source.file
    throw new SigmaError({ ...d, ...(file === undefined ? {} : { file }), message: `rule '${label(target)}' referenced by correlation '${corr.title}': ${d.message}` })
  }
}

/** Group-by fields must each stay exactly one field after the pipelines (aliases are the correlation's own names). */
function checkGroupBy(before: SigmaCorrelation, after: SigmaCorrelation): void {
  const lost = after.groupBy.some((f) => f === '') || after.groupBy.length !== before.groupBy.length
  if (!lost) return
  fail('correlation.group_by', `the pipelines turned group-by fields [${before.groupBy.join(', ')}] into [${after.groupBy.join(', ')}]; each group-by field must map to exactly one field`, correlationAt(before, 'group-by'))
}

/** A correlation over another correlation only sees the inner one's group-by fields (aggregation drops the rest). */
function checkNested(outer: SigmaCorrelation, inner: SigmaCorrelation, i: number): void {
  const aliases = new Set(Object.keys(outer.aliases))
  const missing = outer.groupBy.filter((f) => !aliases.has(f) && !inner.groupBy.includes(f))
  if (missing.length === 0) return
  fail('correlation.nested_group_by', `group-by field${missing.length > 1 ? 's' : ''} ${missing.map((f) => `'${f}'`).join(', ')} of correlation '${outer.title}' ${missing.length > 1 ? 'are' : 'is'} not produced by the correlation '${label(inner)}' it references (that one groups by [${inner.groupBy.join(', ')}])`, correlationAt(outer, `rules.${i}`))
}

function aliasWarnings(corr: SigmaCorrelation, refs: readonly CorrelationRef[]): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const [alias, m] of Object.entries(corr.aliases)) {
    if (!corr.groupBy.includes(alias)) out.push(warning('correlation.alias_unused', `alias '${alias}' is not used in group-by`, correlationAt(corr, 'aliases')))
    for (const r of refs) {
      const has = Object.keys(m).some((k) => k === r.name || k === r.rule.id || k === r.rule.name)
      if (!has) out.push(warning('correlation.alias_incomplete', `alias '${alias}' names no field for rule '${r.name}'; its events will lack '${alias}'`, correlationAt(corr, 'aliases')))
    }
  }
  return out
}

export function convertCorrelation(
  corr: SigmaCorrelation,
  docs: readonly SigmaDocument[],
  c: CorrelationEnv,
  chain: readonly string[] = [],
): ConvertedCorrelation {
  const renderer = c.backend.correlation ?? fail('backend.unsupported', `target '${c.backend.id}' does not support correlation rules: it cannot express correlation type '${corr.type}' (targets with correlations: splunk, esql, eql for temporal_ordered, kusto)`, correlationAt(corr, 'type'))
  const key = label(corr)
  if (chain.includes(key)) fail('correlation.cycle', `correlation '${corr.title}' references itself: ${[...chain, key].map((k) => `'${k}'`).join(' → ')}`, correlationAt(corr, 'rules'))
  const diagnostics: Diagnostic[] = []
  const nested: { inner: SigmaCorrelation; i: number }[] = []
  const refs: CorrelationRef[] = corr.rules.map((ref, i) => {
    const target = findReferenced(ref, docs) ?? fail('correlation.unknown_rule', `correlation '${corr.title}' references rule '${ref}', which is not among the converted rules (no rule has this id or name)`, correlationAt(corr, `rules.${i}`))
    const name = target.name ?? target.id ?? ref
    if (target.kind === 'rule') {
      const r = renderReferencedRule(corr, target, c)
      diagnostics.push(...r.diagnostics)
      if (r.queries.length !== 1) fail('correlation.rule_queries', `rule '${label(target)}' referenced by a correlation must yield exactly one query (it yields ${r.queries.length})`, correlationAt(corr, `rules.${i}`))
      return { rule: r.rule, query: r.queries[0] as string, name, pipelineState: r.state }
    }
    if (target === corr) fail('correlation.cycle', `correlation '${corr.title}' references itself`, correlationAt(corr, `rules.${i}`))
    const inner = convertCorrelation(target, docs, c, [...chain, key])
    diagnostics.push(...inner.diagnostics)
    nested.push({ inner: inner.doc, i })
    return { rule: inner.doc, query: inner.query, name, pipelineState: inner.state }
  })
  const env: PipelineEnv = { ...c.env, resolveRule: (ref) => findReferenced(ref, docs) }
  const run = applyPipelines(corr, c.pipelines, env)
  const processed = run.doc as SigmaCorrelation
  diagnostics.push(...run.diagnostics, ...aliasWarnings(corr, refs))
  checkGroupBy(corr, processed)
  for (const n of nested) checkNested(processed, n.inner, n.i)
  const ctx = { rule: processed, index: 0, pipelineState: run.state, options: c.env.options, format: c.env.format, method: c.method }
  const query = positioned(corr, 'type', () => renderer.render(processed, refs, ctx))
  return { doc: processed, query, state: run.state, diagnostics }
}
