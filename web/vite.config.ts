/**
 * Builds the page (web/index.html + web/src) into web/dist: one HTML file, one JS and one CSS asset under assets/,
 * relative URLs (base './') so the page works at `/`, under a prefix, or opened from disk.
 * The core must stay browser-safe: a Node built-in reached from the bundle fails the build, naming the import chain.
 */
import { builtinModules } from 'node:module'
import { fileURLToPath } from 'node:url'
import { relative } from 'node:path'
import { defineConfig, type Plugin } from 'vite'

const root = fileURLToPath(new URL('.', import.meta.url))
const repo = fileURLToPath(new URL('..', import.meta.url))
const NODE = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)])

/** Fails on any Node built-in import and prints the chain of importers that led to it. */
function browserOnly(): Plugin {
  const importers = new Map<string, string>()
  const chain = (id: string | undefined): string[] => {
    const out: string[] = []
    for (let at = id; at !== undefined && out.length < 30; at = importers.get(at)) out.push(relative(repo, at))
    return out
  }
  return {
    name: 'sigmaport-browser-only',
    enforce: 'pre',
    async resolveId(source, importer, opts) {
      if (NODE.has(source)) {
        this.error(`Node-only module '${source}' imported by the browser bundle: ${[source, ...chain(importer)].join(' <- ')}`)
      }
      if (importer === undefined) return null
      const r = await this.resolve(source, importer, { ...opts, skipSelf: true })
      if (r && !r.external && !importers.has(r.id)) importers.set(r.id, importer)
      return r
    },
  }
}

export default defineConfig({
  root,
  base: './',
  plugins: [browserOnly()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
  },
})
