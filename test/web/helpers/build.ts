/**
 * Builds the page from the current sources into test-output/web-dist (once per test file), so the page tests never
 * run against a stale web/dist.
 */
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const repo = fileURLToPath(new URL('../../../', import.meta.url))
export const OUT_DIR = `${repo}test-output/web-dist`

let built: Promise<string> | undefined

export function buildPage(): Promise<string> {
  built ??= (async () => {
    await build({ configFile: `${repo}web/vite.config.ts`, logLevel: 'error', build: { outDir: OUT_DIR, emptyOutDir: true } })
    return OUT_DIR
  })()
  return built
}
