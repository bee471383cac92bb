/** Converts the shared corpus with the Kusto backend and lines the results up with pySigma's reference outputs. */
import { readFileSync } from 'node:fs'
import { createConverter, type Converter } from '../../src/convert.js'
import { loadSigma, type LoadResult } from '../../src/sigma/load.js'
import type { Backend } from '../../src/backend.js'
import { kusto } from '../../backends/kusto/backend.js'

export const SHARED = new URL('../../../shared/', import.meta.url)
export const PIPELINES = ['microsoft_xdr', 'sentinel_asim', 'azure_monitor'] as const
export type KustoPipeline = (typeof PIPELINES)[number]

export interface RefLine {
  readonly path: string
  readonly id?: string
  readonly ok: boolean
  readonly queries?: readonly string[]
  readonly error?: string
}

export interface Converted {
  readonly path: string
  readonly ok: boolean
  readonly queries: readonly string[]
  readonly error?: string
}

export function readReference(pipeline: KustoPipeline): RefLine[] {
  const text = readFileSync(new URL(`reference/pysigma/kusto_${pipeline}.jsonl`, SHARED), 'utf8')
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as RefLine)
}

const sources = new Map<string, string>()
export function ruleText(path: string): string {
  let t = sources.get(path)
  if (t === undefined) {
    t = readFileSync(new URL(`sigma/${path}`, SHARED), 'utf8')
    sources.set(path, t)
  }
  return t
}

const loaded = new Map<string, LoadResult>()
/** Parsed documents are immutable, so each corpus file is loaded once for all pipelines and tests. */
export function loadRule(path: string): LoadResult {
  let r = loaded.get(path)
  if (!r) {
    r = loadSigma(ruleText(path), { file: path })
    loaded.set(path, r)
  }
  return r
}

const converters = new WeakMap<Backend, Map<string, Converter>>()

export function convertCorpus(pipeline: KustoPipeline | null, paths: readonly string[], target: Backend = kusto, backendOptions: Record<string, string> = {}): Converted[] {
  const key = JSON.stringify([pipeline, target.id, backendOptions])
  let c = converters.get(target)?.get(key)
  if (!c) {
    c = createConverter({ target, pipelines: pipeline === null ? [] : [pipeline], withoutPipeline: pipeline === null, backendOptions })
    converters.set(target, (converters.get(target) ?? new Map()).set(key, c))
  }
  return paths.map((path) => {
    const { documents, diagnostics } = loadRule(path)
    const results = c.convertDocuments(documents)
    const ok = results.length > 0 && results.every((r) => r.ok)
    const errs = [...diagnostics, ...results.flatMap((r) => r.diagnostics)].filter((d) => d.severity === 'error')
    return {
      path,
      ok,
      queries: results.flatMap((r) => r.queries.map((q) => (typeof q === 'string' ? q : JSON.stringify(q)))),
      ...(ok ? {} : { error: errs.map((d) => `${d.code}: ${d.message}`).join('; ') || 'no result' }),
    }
  })
}

export interface Deviation {
  readonly rule: string
  /** One or more PySigmaQuirk names joined by `+`. */
  readonly kind: string
  readonly reason: string
  readonly pipelines: readonly string[]
}

export const sameQueries = (a: readonly string[] | undefined, b: readonly string[]): boolean =>
  a !== undefined && a.length === b.length && a.every((q, i) => q.trim() === (b[i] as string).trim())

export function readDeviations(): Deviation[] {
  return JSON.parse(readFileSync(new URL('../../backends/kusto/deviations.json', import.meta.url), 'utf8')) as Deviation[]
}
