/**
 * Converts every corpus rule with a deployable format and validates each body against the vendor schema
 * (src/deploy/schemas). Files are read and parsed once per test file; each case converts all documents.
 */
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join, relative } from 'node:path'
import { createConverter } from '../../src/convert.js'
import type { Backend, OutputFormat, QueryContext } from '../../src/backend.js'
import { SigmaError } from '../../src/diagnostics.js'
import { isExprFormat } from '../../src/deploy/expr-format.js'
import { loadSigma } from '../../src/sigma/load.js'
import type { SigmaDocument } from '../../src/ir/rule.js'
import { FORMAT_SCHEMAS } from '../../src/deploy/schemas/index.js'
import { TARGETS, type TargetId } from './targets.js'

export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url))
export const hasShared = existsSync(SHARED + 'sigma/rules')

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(n) ? [p] : []
  })
}

let cache: { path: string; docs: readonly SigmaDocument[] }[] | undefined
export function corpus(): { path: string; docs: readonly SigmaDocument[] }[] {
  cache ??= walk(SHARED + 'sigma/rules').map((p) => {
    const path = relative(SHARED + 'sigma', p)
    return { path, docs: loadSigma(readFileSync(p, 'utf8'), { file: path }).documents }
  })
  return cache
}

export interface CorpusReport {
  readonly format: string
  readonly rules: number
  readonly converted: number
  readonly bodies: number
  readonly invalid: readonly { path: string; issues: string }[]
}

/**
 * Converts the corpus once per target (the rule → query part is the same for every format) and builds each
 * format's bodies from the captured (query, context) pairs, so N formats cost one conversion. Formats that need
 * the Expr (`fromExpr`) convert on their own.
 */
export function validateTarget(target: TargetId, pipeline: string, formats: readonly string[]): CorpusReport[] {
  const backend = TARGETS[target]
  const captured: { path: string; q: string; ctx: QueryContext }[] = []
  let current = ''
  const collector: Backend = { ...backend, formats: { ...backend.formats, __collect: { description: '', query: (q, ctx) => (captured.push({ path: current, q, ctx }), q) } } }
  const plain = formats.filter((f) => !isExprFormat(backend.formats[f] as OutputFormat))
  const conv = createConverter({ target: collector, pipelines: [pipeline], format: '__collect' })
  let rules = 0
  let converted = 0
  for (const { path, docs } of corpus()) {
    current = path
    for (const r of conv.convertDocuments(docs)) {
      rules++
      if (r.ok) converted++
    }
  }
  const reports = plain.map((format): CorpusReport => {
    const fmt = backend.formats[format] as OutputFormat
    const invalid: { path: string; issues: string }[] = []
    const okRules = new Set<string>()
    let bodies = 0
    for (const c of captured) {
      let body: unknown
      try {
        body = fmt.query ? fmt.query(c.q, { ...c.ctx, format }) : c.q
      } catch (e) {
        if (e instanceof SigmaError) continue
        throw e
      }
      bodies++
      okRules.add(c.path)
      check(format, body, c.path, invalid)
    }
    return { format, rules, converted, bodies, invalid }
  })
  for (const format of formats.filter((f) => !plain.includes(f))) reports.push(validateFormat(target, format, pipeline))
  return reports
}

function check(format: string, q: unknown, path: string, invalid: { path: string; issues: string }[]): void {
  const schema = FORMAT_SCHEMAS[format]
  if (!schema) throw new Error(`no schema for ${format}`)
  const body = typeof q === 'string' ? (JSON.parse(q) as unknown) : q
  const res = schema.safeParse(body)
  if (!res.success) invalid.push({ path, issues: res.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') })
}

/** One format, converted for real (used for formats that need the Expr). */
export function validateFormat(target: TargetId, format: string, pipeline: string): CorpusReport {
  const conv = createConverter({ target: TARGETS[target], pipelines: [pipeline], format })
  let rules = 0
  let converted = 0
  let bodies = 0
  const invalid: { path: string; issues: string }[] = []
  for (const { path, docs } of corpus()) {
    for (const r of conv.convertDocuments(docs)) {
      rules++
      if (!r.ok) continue
      converted++
      for (const q of r.queries) {
        bodies++
        check(format, q, path, invalid)
      }
    }
  }
  return { format, rules, converted, bodies, invalid }
}
