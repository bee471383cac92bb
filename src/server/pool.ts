/**
 * The conversion worker pool. Conversion is CPU-bound (YAML, condition parsing, rendering), so it runs in
 * worker_threads with a hard deadline: piscina terminates a worker whose task is aborted, which hono's timeout
 * middleware cannot do (SECURITY-NOTES finding 1). A full queue is reported, not waited on (503 + Retry-After).
 */
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'
import type { ConversionResult, ConversionTask } from './task.js'

export type PoolFailure = 'overloaded' | 'timeout' | 'crashed' | 'cancelled'

export type PoolOutcome = { readonly ok: true; readonly result: ConversionResult } | { readonly ok: false; readonly failure: PoolFailure }

export interface ConversionPool {
  run(task: ConversionTask, signal?: AbortSignal): Promise<PoolOutcome>
  readonly threads: number
  close(): Promise<void>
}

export interface PoolOptions {
  /** The bundled worker (dist/worker.js); a file: URL or a path. */
  readonly workerFile: string | URL
  readonly maxThreads?: number
  readonly maxQueue: number
  readonly deadlineMs: number
  readonly heapMb: number
  /** Run once per thread at start-up so the first real requests do not pay for JIT warm-up. */
  readonly warmup?: ConversionTask
}

export function createPool(o: PoolOptions): ConversionPool {
  const maxThreads = o.maxThreads ?? Math.max(1, availableParallelism())
  const filename = typeof o.workerFile === 'string' ? o.workerFile : fileURLToPath(o.workerFile)
  const piscina = new Piscina<ConversionTask, ConversionResult>({
    filename,
    minThreads: maxThreads,
    maxThreads,
    maxQueue: o.maxQueue,
    idleTimeout: 60_000,
    // A deep-recursion input hits a worker's small stack, not the server's; the heap cap bounds memory abuse.
    resourceLimits: { maxOldGenerationSizeMb: o.heapMb, stackSizeMb: 4 },
  })
  // A worker that crashes is replaced by piscina; the error is reported per task.
  piscina.on('error', () => {})
  if (o.warmup) for (let i = 0; i < maxThreads; i++) piscina.run(o.warmup).catch(() => {})
  return {
    threads: maxThreads,
    async run(task, signal) {
      const deadline = AbortSignal.timeout(o.deadlineMs)
      const combined = signal ? AbortSignal.any([deadline, signal]) : deadline
      // Waiting behind others and then running out of time is overload, not a hostile input.
      const queuedBehindOthers = piscina.queueSize > 0 || busy(piscina, maxThreads)
      try {
        const result = await piscina.run(task, { signal: combined })
        return { ok: true, result }
      } catch (e) {
        if (e instanceof Error && e.message === 'Task queue is at limit') return { ok: false, failure: 'overloaded' }
        if (signal?.aborted) return { ok: false, failure: 'cancelled' }
        if (deadline.aborted) return { ok: false, failure: queuedBehindOthers ? 'overloaded' : 'timeout' }
        return { ok: false, failure: 'crashed' }
      }
    },
    async close() {
      await piscina.destroy()
    },
  }
}

/** True when every thread is already working (so a new task waits). */
function busy(p: Piscina, maxThreads: number): boolean {
  return p.threads.length >= maxThreads && p.idleThreads === 0
}
