/**
 * Entry point of the `sigmaport` command (bundled to dist/cli.js; bin/sigmaport.js imports it).
 * The same bundle is the entry of the batch worker threads (`convert` on many files, `sigmaport/node`).
 */
import { isBatchWorker, serveBatchWorker } from '../batch/thread-worker.js'
import { run } from './program.js'
import { converterFromRecipe } from './workers.js'

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
  return Buffer.concat(chunks)
}

async function main(): Promise<void> {
  // `sigmaport convert … | head`: a closed pipe ends the output quietly instead of with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e
    process.exit(process.exitCode ?? 0)
  })
  const script = new URL(import.meta.url)
  process.exitCode = await run(process.argv.slice(2), {
    stdout: (data) => void process.stdout.write(data),
    stderr: (text) => void process.stderr.write(text),
    readStdin,
    interactive: process.stderr.isTTY === true && !process.env['CI'],
    // Only the bundled .js can start worker threads (the TypeScript sources under test cannot).
    ...(script.pathname.endsWith('.js') ? { workerScript: script } : {}),
  })
}

if (isBatchWorker()) serveBatchWorker(converterFromRecipe)
else await main()
