/**
 * The conversion worker pool. Conversion is CPU-bound (YAML, condition parsing, rendering), so it runs in
 * worker_threads with a hard deadline: piscina terminates a worker whose task is aborted, which hono's timeout
 * middleware cannot do (SECURITY-NOTES finding 1). A full queue is reported, not waited on (503 + Retry-After).
 *
 * The deadline counts from the moment a worker starts the task (the worker stamps a shared slot), not from
 * submission: under load, time spent queued must not kill workers (restarting one costs far more than a
 * conversion, and that would turn a burst into a collapse). Time in the queue is bounded separately by the same
 * number; a task still queued then is dropped from the queue (no worker is harmed) as `overloaded`.
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
  /** Resolves when the warm-up tasks have finished (the server listens only after that). */
  ready(): Promise<void>
  close(): Promise<void>
}

export interface PoolOptions {
  /** The bundled worker (dist/worker.js); a file: URL or a path. */
  readonly workerFile: string | URL
  readonly maxThreads?: number
  readonly maxQueue: number
  readonly deadlineMs: number
  readonly heapMb: number
  /** Run once per thread at start-up so the first real requests do not pay for loading and JIT warm-up. */
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

  // One start-time slot per task in flight (running + queued), shared with the workers.
  const slots = new Float64Array(new SharedArrayBuffer(8 * (maxThreads + o.maxQueue + 1)))
  const free = Array.from({ length: slots.length }, (_, i) => i)

  const warm = o.warmup
  const warmed = Promise.all(Array.from({ length: warm ? maxThreads : 0 }, () => piscina.run(warm as ConversionTask).catch(() => undefined))).then(() => undefined)

  return {
    threads: maxThreads,
    ready: () => warmed,
    async run(task, signal) {
      const slot = free.pop()
      if (slot === undefined) return { ok: false, failure: 'overloaded' }
      slots[slot] = 0
      const ac = new AbortController()
      let failure: PoolFailure | undefined
      let timer: NodeJS.Timeout | undefined
      const check = (): void => {
        const started = slots[slot] ?? 0
        if (started === 0) { failure = 'overloaded'; ac.abort(); return }
        const left = o.deadlineMs - (Date.now() - started)
        if (left <= 0) { failure = 'timeout'; ac.abort(); return }
        timer = setTimeout(check, left)
      }
      timer = setTimeout(check, o.deadlineMs)
      const onClientAbort = (): void => { failure ??= 'cancelled'; ac.abort() }
      signal?.addEventListener('abort', onClientAbort, { once: true })
      try {
        const result = await piscina.run({ ...task, started: { slots, slot } }, { signal: ac.signal })
        return { ok: true, result }
      } catch (e) {
        if (e instanceof Error && e.message === 'Task queue is at limit') return { ok: false, failure: 'overloaded' }
        return { ok: false, failure: failure ?? 'crashed' }
      } finally {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onClientAbort)
        free.push(slot)
      }
    },
    async close() {
      await piscina.destroy()
    },
  }
}
