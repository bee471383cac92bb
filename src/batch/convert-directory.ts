/**
 * The batch library API (Node only: it reads files and may start worker threads; import it from `sigmaport/node`).
 *
 *   const batch = createBatchConverter({ target: 'splunk', pipelines: ['splunk_windows'] })
 *   for await (const file of batch.convertDirectory('rules')) for (const r of file.results) …
 *
 * The Converter (backend, format, compiled pipelines) is built once and reused for every rule and every call;
 * results come file by file in a stable order and equal what `Converter.convertDocuments` gives for the whole set.
 */
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { createConverter } from '../convert.js'
import type { ConvertOptions, Converter } from '../convert.js'
import type { SigmaFilter } from '../ir/rule.js'
import { readInputs } from '../cli/inputs.js'
import { createBatchCore, loadOne } from './core.js'
import { localHost, threadHost } from './hosts.js'
import type { BatchHost } from './hosts.js'
import { runBatch } from './run.js'
import type { FileResult, Progress, SourceText } from './types.js'

export interface BatchOptions {
  /** File names to convert when recursing into directories (glob on the last path segments; default `*.yml`). */
  readonly filePattern?: string
  /** Files or directories of Sigma filter documents applied to every rule. */
  readonly filters?: readonly string[]
  /**
   * Worker threads: 0 (default) converts in this thread; a number or 'auto' (CPU cores, for 200+ files) spreads the
   * work. Workers need serialisable options (pipelines given by id) and the bundled worker entry (dist/cli.js).
   */
  readonly workers?: number | 'auto'
  /** The worker entry; default: dist/cli.js next to this module when it exists. */
  readonly workerScript?: URL
  readonly onProgress?: (p: Progress) => void
}

export interface BatchConverter {
  /** The converter every rule goes through (built once). */
  readonly converter: Converter
  /** Converts every matching file under the inputs (files or directories), yielding one result per file in order. */
  convertDirectory(inputs: string | readonly string[], opts?: BatchOptions): AsyncGenerator<FileResult>
  /** The same for texts already in memory. */
  convertSources(sources: readonly SourceText[], opts?: BatchOptions): AsyncGenerator<FileResult>
}

const serialisable = (o: ConvertOptions): boolean => typeof o.target === 'string' && (o.pipelines ?? []).every((p) => typeof p === 'string')

function defaultScript(): URL | undefined {
  const here = new URL(import.meta.url)
  if (!here.pathname.endsWith('.js')) return undefined
  const cli = new URL('./cli.js', here)
  return existsSync(fileURLToPath(cli)) ? cli : undefined
}

function workers(requested: number | 'auto' | undefined, files: number): number {
  if (requested === undefined || requested === 0) return 0
  if (requested === 'auto') return files < 200 ? 0 : Math.min(8, Math.ceil(files / 100), availableParallelism())
  return Math.max(0, Math.min(requested, files))
}

export function createBatchConverter(options: ConvertOptions): BatchConverter {
  const converter = createConverter(options)

  async function* convertSources(sources: readonly SourceText[], opts: BatchOptions = {}): AsyncGenerator<FileResult> {
    const extraFilters: SigmaFilter[] = []
    if (opts.filters !== undefined && opts.filters.length > 0) {
      const read = await readInputs(opts.filters, opts.filePattern ?? '*.yml', async () => new Uint8Array())
      for (const src of read.sources) for (const d of loadOne(src).docs) if (d.kind === 'filter') extraFilters.push(d)
    }
    const n = workers(opts.workers, sources.length)
    const script = opts.workerScript ?? defaultScript()
    const hosts: BatchHost[] = n > 0 && script !== undefined && serialisable(options)
      ? Array.from({ length: n }, () => threadHost(script, { kind: 'options', options }))
      : [localHost(createBatchCore(converter))]
    try {
      yield* runBatch(sources, { hosts, converter, extraFilters, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) })
    } finally {
      await Promise.all(hosts.map((h) => h.close()))
    }
  }

  async function* convertDirectory(inputs: string | readonly string[], opts: BatchOptions = {}): AsyncGenerator<FileResult> {
    const list = typeof inputs === 'string' ? [inputs] : inputs
    const read = await readInputs(list, opts.filePattern ?? '*.yml', async () => new Uint8Array())
    // Files that could not be read or decoded come first, as results without documents.
    for (const d of read.diagnostics) if (d.severity === 'error') yield { file: d.file ?? '', diagnostics: [d], results: [] }
    yield* convertSources(read.sources, opts)
  }

  return { converter, convertDirectory, convertSources }
}

/** One-shot form: `for await (const file of convertDirectory('rules', { target: 'splunk' }))`. */
export function convertDirectory(inputs: string | readonly string[], options: ConvertOptions & BatchOptions): AsyncGenerator<FileResult> {
  return createBatchConverter(options).convertDirectory(inputs, options)
}
