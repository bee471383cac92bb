/** The worker-thread side of threadHost: builds a Converter from the recipe once, then serves load/convert requests. */
import { parentPort, workerData } from 'node:worker_threads'
import type { Converter } from '../convert.js'
import { createBatchCore } from './core.js'
import type { BatchCore } from './core.js'
import { BATCH_WORKER } from './hosts.js'
import type { FromWorker, ToWorker, WorkerData } from './hosts.js'

/** True in a worker thread started by threadHost. */
export function isBatchWorker(): boolean {
  return parentPort !== null && typeof workerData === 'object' && workerData !== null && (workerData as WorkerData).kind === BATCH_WORKER
}

/** Serves requests until the coordinator terminates the thread. `build` turns the recipe into a Converter. */
export function serveBatchWorker(build: (recipe: unknown) => Converter): void {
  const port = parentPort
  if (port === null) return
  let core: BatchCore | undefined
  let setupError: string | undefined
  try {
    core = createBatchCore(build((workerData as WorkerData).recipe))
  } catch (e) {
    setupError = e instanceof Error ? e.message : String(e)
  }
  port.on('message', (m: ToWorker) => {
    const reply = (r: FromWorker): void => port.postMessage(r)
    if (core === undefined) return reply({ type: 'failed', seq: m.seq, message: `cannot prepare the conversion: ${setupError ?? 'unknown'}` })
    try {
      if (m.type === 'load') reply({ type: 'loaded', seq: m.seq, loads: core.load(m.chunk, m.files) })
      else reply({ type: 'converted', seq: m.seq, part: core.convert(m.chunk, m.plan) })
    } catch (e) {
      reply({ type: 'failed', seq: m.seq, message: e instanceof Error ? e.message : String(e) })
    }
  })
}
