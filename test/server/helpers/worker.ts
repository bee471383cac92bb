/**
 * The piscina worker must be a .js file; vitest runs TypeScript sources. Tests bundle src/server/worker.ts with
 * esbuild (as scripts/build.mjs does for dist/worker.js) into a temp dir once per test file.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

let built: Promise<string> | undefined

export function workerFile(): Promise<string> {
  built ??= (async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sigmaport-worker-')), 'worker.mjs')
    await build({
      entryPoints: [fileURLToPath(new URL('../../../src/server/worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: out,
      logLevel: 'silent',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    })
    return out
  })()
  return built
}
