/**
 * Piscina worker entry: one conversion per call. Bundled as dist/worker.js next to dist/server.js; tests bundle
 * it on the fly (test/server/helpers). Anything thrown here becomes a generic 500 in the pool wrapper.
 */
import { runTask, type ConversionResult, type ConversionTask } from './task.js'

export default function convert(task: ConversionTask): ConversionResult {
  if (task.started) task.started.slots[task.started.slot] = Date.now()
  return runTask(task)
}
