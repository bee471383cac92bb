/**
 * `convert --json`: one JSON object per document per line, the shape of the pySigma reference files
 * (`{path, id, target, ok, queries}` or `{path, id, target, ok: false, error, diagnostics}`).
 */
import type { Diagnostic } from '../diagnostics.js'
import type { RuleResult } from '../convert.js'
import type { DocumentResult } from '../batch/types.js'
import { STDIN_NAME } from './inputs.js'

export interface JsonRecord {
  readonly path: string
  readonly id: string | null
  readonly target: string
  readonly ok: boolean
  readonly queries?: readonly (string | object)[]
  readonly error?: string
  readonly diagnostics?: readonly Diagnostic[]
}

const firstError = (ds: readonly Diagnostic[]): string => (ds.find((d) => d.severity === 'error') ?? ds[0])?.message ?? 'failed'

export function resultRecord(r: RuleResult, target: string): JsonRecord {
  const path = r.document.source.file ?? STDIN_NAME
  const id = r.document.id ?? null
  if (r.ok) return { path, id, target, ok: true, queries: r.queries, ...(r.diagnostics.length > 0 ? { diagnostics: r.diagnostics } : {}) }
  return { path, id, target, ok: false, error: firstError(r.diagnostics), diagnostics: r.diagnostics }
}

/** A file (or part of one) that could not be read or loaded: no document, so no id. */
export function fileErrorRecord(path: string, target: string, diagnostics: readonly Diagnostic[]): JsonRecord {
  return { path, id: null, target, ok: false, error: firstError(diagnostics), diagnostics }
}

/** The same record from a batch result (what worker threads hand back). */
export function documentRecord(r: DocumentResult, target: string): JsonRecord {
  const path = r.file === '' ? STDIN_NAME : r.file
  const id = r.id ?? null
  if (r.ok) return { path, id, target, ok: true, queries: r.queries, ...(r.diagnostics.length > 0 ? { diagnostics: r.diagnostics } : {}) }
  return { path, id, target, ok: false, error: firstError(r.diagnostics), diagnostics: r.diagnostics }
}
