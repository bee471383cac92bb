/**
 * Where a BatchCore runs: in this thread (`localHost`) or in a worker thread (`threadHost`). Both are driven
 * through the same promise-based interface by the coordinator (run.ts).
 */
import { Worker } from 'node:worker_threads'
import type { BatchCore } from './core.js'
import type { ConvertPlan, ConvertedPart, FileLoad, SourceText } from './types.js'

export interface BatchHost {
  load(chunk: number, files: readonly SourceText[]): Promise<FileLoad[]>
  convert(chunk: number, plan: ConvertPlan): Promise<ConvertedPart>
  close(): Promise<void>
}

/** Converts in the calling thread (small batches, tests, environments without worker threads). */
export function localHost(core: BatchCore): BatchHost {
  // Yield to the event loop between chunks so progress output and other tasks keep running.
  const later = <T>(f: () => T): Promise<T> => new Promise((resolve, reject) => setImmediate(() => { try { resolve(f()) } catch (e) { reject(e) } }))
  return {
    load: (chunk, files) => later(() => core.load(chunk, files)),
    convert: (chunk, plan) => later(() => core.convert(chunk, plan)),
    close: async () => {},
  }
}

/** What the coordinator sends a worker thread. `recipe` says how the worker builds its Converter. */
export type ToWorker =
  | { readonly type: 'load'; readonly seq: number; readonly chunk: number; readonly files: readonly SourceText[] }
  | { readonly type: 'convert'; readonly seq: number; readonly chunk: number; readonly plan: ConvertPlan }

export type FromWorker =
  | { readonly type: 'loaded'; readonly seq: number; readonly loads: FileLoad[] }
  | { readonly type: 'converted'; readonly seq: number; readonly part: ConvertedPart }
  | { readonly type: 'failed'; readonly seq: number; readonly message: string }

/** Marks the workerData of a batch worker, so an entry point can tell it apart from other workers. */
export const BATCH_WORKER = 'sigmaport-batch-worker'

export interface WorkerData {
  readonly kind: typeof BATCH_WORKER
  readonly recipe: unknown
}

/** A worker thread running `script` (an entry point that calls `serveBatchWorker` when it sees BATCH_WORKER). */
export function threadHost(script: URL, recipe: unknown): BatchHost {
  const data: WorkerData = { kind: BATCH_WORKER, recipe }
  const worker = new Worker(script, { workerData: data, stdout: false, stderr: false })
  worker.unref()
  const pending = new Map<number, { resolve: (m: FromWorker) => void; reject: (e: Error) => void }>()
  let seq = 0
  let dead: Error | undefined
  const failAll = (e: Error): void => {
    dead = e
    for (const p of pending.values()) p.reject(e)
    pending.clear()
  }
  worker.on('message', (m: FromWorker) => {
    const p = pending.get(m.seq)
    pending.delete(m.seq)
    if (m.type === 'failed') p?.reject(new Error(m.message))
    else p?.resolve(m)
  })
  worker.on('error', (e) => failAll(e instanceof Error ? e : new Error(String(e))))
  worker.on('exit', (code) => { if (pending.size > 0) failAll(new Error(`worker thread exited with code ${code}`)) })
  const ask = (m: ToWorker): Promise<FromWorker> => {
    if (dead) return Promise.reject(dead)
    worker.ref()
    return new Promise<FromWorker>((resolve, reject) => {
      pending.set(m.seq, { resolve, reject })
      worker.postMessage(m)
    }).finally(() => { if (pending.size === 0) worker.unref() })
  }
  return {
    async load(chunk, files) {
      const m = await ask({ type: 'load', seq: ++seq, chunk, files })
      return m.type === 'loaded' ? m.loads : []
    },
    async convert(chunk, plan) {
      const m = await ask({ type: 'convert', seq: ++seq, chunk, plan })
      return m.type === 'converted' ? m.part : { results: [], held: [] }
    },
    async close() {
      await worker.terminate()
    },
  }
}
