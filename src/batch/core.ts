/**
 * The worker half of batch conversion: loads chunks of files, keeps their rules, and converts a chunk under a plan.
 * Runs in a worker thread or in the calling thread. The Converter is built once per worker, so pipelines are
 * compiled once for the whole batch (pySigma rebuilds them per rule, pySigma#167).
 */
import type { Converter, RuleResult } from '../convert.js'
import { SigmaError, error } from '../diagnostics.js'
import type { Diagnostic } from '../diagnostics.js'
import type { SigmaDocument, SigmaRule } from '../ir/rule.js'
import { loadSigma } from '../sigma/load.js'
import type { ConvertPlan, ConvertedPart, DocumentResult, FileLoad, SourceText } from './types.js'

export interface BatchCore {
  load(chunk: number, files: readonly SourceText[]): FileLoad[]
  convert(chunk: number, plan: ConvertPlan): ConvertedPart
}

/** A converter result in the serialisable batch shape. */
export function documentResult(r: RuleResult): DocumentResult {
  const d = r.document
  return {
    file: d.source.file ?? '',
    document: d.source.document,
    kind: d.kind,
    ...(d.id === undefined ? {} : { id: d.id }),
    ...(d.name === undefined ? {} : { name: d.name }),
    title: d.title,
    ok: r.ok,
    queries: r.queries,
    diagnostics: r.diagnostics,
  }
}

export const internalError = (e: unknown, what: string): Diagnostic =>
  e instanceof SigmaError ? e.diagnostic : error('internal', `internal error while ${what}: ${e instanceof Error ? e.message : String(e)}`)

/** One file's documents; a loader bug becomes a diagnostic of that file, never an exception. */
export function loadOne(src: SourceText): { docs: readonly SigmaDocument[]; diagnostics: Diagnostic[] } {
  try {
    const r = loadSigma(src.text, { file: src.file })
    return { docs: r.documents, diagnostics: r.diagnostics.map((d) => (d.file === undefined ? { ...d, file: src.file } : d)) }
  } catch (e) {
    const d = internalError(e, 'loading')
    return { docs: [], diagnostics: [{ ...d, file: d.file ?? src.file }] }
  }
}

export const isReferenced = (r: { readonly id?: string; readonly name?: string }, referenced: ReadonlySet<string>): boolean =>
  (r.id !== undefined && referenced.has(r.id)) || (r.name !== undefined && referenced.has(r.name))

/** Converts a document set; an exception outside any single rule becomes a diagnostic on each of its documents. */
export function convertSet(converter: Converter, docs: readonly SigmaDocument[]): DocumentResult[] {
  try {
    return converter.convertDocuments(docs).map(documentResult)
  } catch (e) {
    const d = internalError(e, 'converting')
    return docs
      .filter((x) => x.kind !== 'filter')
      .map((x) => documentResult({ document: x, ok: false, queries: [], diagnostics: [{ ...d, file: d.file ?? x.source.file }] }))
  }
}

export function createBatchCore(converter: Converter): BatchCore {
  const held = new Map<number, readonly SigmaRule[]>()
  return {
    load(chunk, files) {
      const rules: SigmaRule[] = []
      const loads = files.map((src): FileLoad => {
        const { docs, diagnostics } = loadOne(src)
        const own = docs.filter((d): d is SigmaRule => d.kind === 'rule')
        rules.push(...own)
        return { file: src.file, diagnostics, linked: docs.filter((d) => d.kind !== 'rule'), ruleKeys: own.map((r) => [r.id, r.name] as const) }
      })
      held.set(chunk, rules)
      return loads
    },
    convert(chunk, plan) {
      const rules = held.get(chunk) ?? []
      held.delete(chunk)
      const referenced = new Set(plan.referenced)
      const mine = rules.filter((r) => !isReferenced(r, referenced))
      return {
        results: mine.length === 0 ? [] : convertSet(converter, [...mine, ...plan.filters]),
        held: rules.filter((r) => isReferenced(r, referenced)),
      }
    },
  }
}
