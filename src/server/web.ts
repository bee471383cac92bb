/**
 * The web page at `/`: web/dist (built by the web helper) read into memory once at start-up, so serving it never
 * touches the file system with a request-derived path. Without a build, a small page says so.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join, relative, resolve, sep } from 'node:path'

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
}

const MAX_FILES = 500
const MAX_TOTAL = 50 * 1024 * 1024

export type WebFiles = ReadonlyMap<string, { readonly body: Uint8Array; readonly type: string }>

export function loadWebRoot(root: string): WebFiles | undefined {
  const dir = resolve(root)
  try {
    if (!statSync(join(dir, 'index.html')).isFile()) return undefined
  } catch {
    return undefined
  }
  const files = new Map<string, { body: Uint8Array; type: string }>()
  let total = 0
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue
      const p = join(d, e.name)
      if (e.isDirectory()) { walk(p); continue }
      if (!e.isFile() || files.size >= MAX_FILES) continue
      const body = readFileSync(p)
      total += body.byteLength
      if (total > MAX_TOTAL) return
      files.set('/' + relative(dir, p).split(sep).join('/'), { body, type: TYPES[extname(p).toLowerCase()] ?? 'application/octet-stream' })
    }
  }
  walk(dir)
  return files
}

export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>sigmaport</title></head>
<body>
<h1>sigmaport translation service</h1>
<p>The web page is not built. Run <code>npm run build</code> (which builds web/dist) and restart the service.</p>
<p>The API is available: see <a href="/openapi.json">/openapi.json</a> and POST /api/v1/translate.</p>
</body>
</html>
`
