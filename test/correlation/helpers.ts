/** Shared helpers for correlation tests: convert a fixture case with a target and an optional pipeline. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Backend } from '../../src/backend.js'
import type { Diagnostic } from '../../src/diagnostics.js'
import { createConverter } from '../../src/convert.js'
import { loadPipeline } from '../../src/pipeline/load.js'
import type { Pipeline } from '../../src/pipeline/types.js'

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url))

export function fixturePipeline(name: string): Pipeline {
  const { pipeline, diagnostics } = loadPipeline(readFileSync(`${FIXTURES}pipelines/${name}.yml`, 'utf8'), name)
  if (!pipeline) throw new Error(diagnostics.map((d) => d.message).join('; '))
  return pipeline
}

export interface Converted {
  readonly ok: boolean
  readonly queries: readonly unknown[]
  readonly errors: readonly Diagnostic[]
}

export function convertYaml(text: string, target: string | Backend, opts: { pipelines?: readonly Pipeline[]; pipelineIds?: readonly string[]; method?: string; format?: string } = {}): Converted {
  const conv = createConverter({
    target,
    pipelines: [...(opts.pipelineIds ?? []), ...(opts.pipelines ?? [])],
    withoutPipeline: true,
    ...(opts.method === undefined ? {} : { correlationMethod: opts.method }),
    ...(opts.format === undefined ? {} : { format: opts.format }),
  })
  const { results, diagnostics } = conv.convertText(text, 'case.yml')
  const errors = [...diagnostics, ...results.flatMap((r) => r.diagnostics)].filter((d) => d.severity === 'error')
  return { ok: errors.length === 0 && results.every((r) => r.ok), queries: results.flatMap((r) => r.queries), errors }
}

export const readCase = (name: string): string => readFileSync(`${FIXTURES}cases/${name}.yml`, 'utf8')

/** The last query of a conversion (the correlation, after its base rules). */
export function lastQuery(c: Converted): string {
  const q = c.queries[c.queries.length - 1]
  if (typeof q !== 'string') throw new Error(`no query: ${c.errors.map((e) => e.message).join('; ')}`)
  return q
}
