/**
 * The corpus as each backend sees it: every rule file loaded once, the backend's own pipeline applied (no user
 * pipelines, so field names stay as written), and per condition the Expr the backend receives and the query text
 * it returns. Correlations and filters are left out (they are not single-event queries).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join, relative } from 'node:path'
import type { Backend, QueryContext } from '../../src/backend.js'
import type { Expr } from '../../src/ir/expr.js'
import type { SigmaRule } from '../../src/ir/rule.js'
import { loadSigma } from '../../src/sigma/load.js'
import { applyPipelines } from '../../src/pipeline/apply.js'
import { ruleExprs } from '../../src/sigma/resolve.js'

export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url))
export const RULES_DIR = SHARED + 'sigma/rules'
export const hasCorpus = existsSync(RULES_DIR)

export interface CorpusRule {
  readonly path: string
  readonly rule: SigmaRule
}

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) walk(p, out)
    else if (/\.ya?ml$/.test(e.name)) out.push(p)
  }
}

export function loadCorpus(): CorpusRule[] {
  const files: string[] = []
  walk(RULES_DIR, files)
  files.sort()
  const out: CorpusRule[] = []
  for (const f of files) {
    const path = relative(SHARED + 'sigma', f)
    const { documents } = loadSigma(readFileSync(f, 'utf8'), { file: path })
    for (const d of documents) if (d.kind === 'rule') out.push({ path, rule: d })
  }
  return out
}

export interface Converted {
  readonly path: string
  /** One entry per condition that the backend converted. */
  readonly pairs: readonly { readonly expr: Expr; readonly query: string }[]
}

export type Conversion = { readonly ok: true; readonly value: Converted } | { readonly ok: false; readonly reason: string }

/** What `createConverter` does up to the query text (before output formats), keeping the Expr next to its query. */
export function convertRule(backend: Backend, r: CorpusRule, options: Readonly<Record<string, string>> = {}): Conversion {
  try {
    const own = backend.backendPipeline ? [{ ...backend.backendPipeline(), priority: Number.MIN_SAFE_INTEGER }] : []
    const opts = { ...Object.fromEntries(Object.entries(backend.options ?? {}).flatMap(([k, o]) => (o.default === undefined ? [] : [[k, o.default]]))), ...options }
    const run = applyPipelines(r.rule, own, { backend: backend.id, format: backend.defaultFormat, options: opts })
    const rule = run.doc as SigmaRule
    const pairs: { expr: Expr; query: string }[] = []
    ruleExprs(rule).forEach((expr, index) => {
      if (expr === null) return
      const ctx: QueryContext = { rule, index, pipelineState: run.state, options: opts, format: backend.defaultFormat }
      pairs.push({ expr, query: backend.convertCondition(expr, ctx) })
    })
    return { ok: true, value: { path: r.path, pairs } }
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) }
  }
}
