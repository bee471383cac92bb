/**
 * Worker threads for `convert`: how many, and how a worker builds its Converter from the command's flags.
 * Small inputs convert in this thread (starting a worker costs more than a few hundred rules take).
 */
import { availableParallelism } from 'node:os'
import type { Converter } from '../convert.js'
import { createConverter } from '../convert.js'
import type { ConvertOptions } from '../convert.js'
import { formatDiagnostic } from '../diagnostics.js'
import { createBatchCore } from '../batch/core.js'
import { localHost, threadHost } from '../batch/hosts.js'
import type { BatchHost } from '../batch/hosts.js'
import { setupConverter } from './convert-setup.js'
import type { ConvertFlags } from './convert-setup.js'

/** Below this many files, `--workers auto` converts in this thread. */
export const AUTO_WORKERS_MIN_FILES = 200
export const MAX_WORKERS = 8

export type Recipe =
  | { readonly kind: 'cli-convert'; readonly flags: ConvertFlags }
  | { readonly kind: 'options'; readonly options: ConvertOptions }

/** `--workers auto|N`: the number of worker threads (0 = this thread only). */
export function workerCount(requested: number | 'auto', files: number, cpus: number = availableParallelism()): number {
  if (requested === 'auto') return files < AUTO_WORKERS_MIN_FILES || cpus < 2 ? 0 : Math.min(cpus, MAX_WORKERS, Math.ceil(files / 100))
  return Math.max(0, Math.min(requested, files))
}

export function hostsFor(converter: Converter, recipe: Recipe, workers: number, script: URL | undefined): BatchHost[] {
  if (workers === 0 || script === undefined) return [localHost(createBatchCore(converter))]
  return Array.from({ length: workers }, () => threadHost(script, recipe))
}

/** In a worker thread: the Converter the coordinator's recipe describes (same flags → same converter). */
export function converterFromRecipe(recipe: unknown): Converter {
  const r = recipe as Recipe
  if (r.kind === 'options') return createConverter(r.options)
  const setup = setupConverter(r.flags)
  if (!setup.ok) throw new Error(setup.diagnostics.map(formatDiagnostic).join('; '))
  return setup.converter
}
