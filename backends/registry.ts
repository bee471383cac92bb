/**
 * Every target, typed. The CLI, the service and the web page read this list; adding a backend is one line here.
 */
import type { Backend, PipelineProvider } from '../src/backend.js'
import { BUILTIN_PIPELINES } from '../src/pipeline/builtin/index.js'
import { splunk } from './splunk/backend.js'
import { lucene } from './lucene/backend.js'
import { esql } from './esql/backend.js'
import { eql } from './eql/backend.js'
import { elasticKql } from './elastic-kql/backend.js'
import { kusto, sentinel, defender } from './kusto/backend.js'

export const BACKENDS: readonly Backend[] = [splunk, lucene, esql, eql, elasticKql, kusto, sentinel, defender]

export function findBackend(id: string): Backend | undefined {
  return BACKENDS.find((b) => b.id === id || (b.aliases ?? []).includes(id))
}

/** Pipelines available to a target: the generic built-ins plus those every backend brings. */
export function allPipelines(): Readonly<Record<string, PipelineProvider & { readonly backends: readonly string[] }>> {
  const out: Record<string, PipelineProvider & { backends: readonly string[] }> = {}
  for (const [id, p] of Object.entries(BUILTIN_PIPELINES)) out[id] = { description: p.description, build: p.build, backends: p.backends }
  // A pipeline several targets share (e.g. the ECS or Kusto ones) lists all of them.
  for (const b of BACKENDS) for (const [id, p] of Object.entries(b.pipelines ?? {})) out[id] = { ...p, backends: [...(out[id]?.backends ?? []), b.id] }
  return out
}

export function findPipeline(id: string, backend?: Backend): PipelineProvider | undefined {
  return backend?.pipelines?.[id] ?? allPipelines()[id]
}
