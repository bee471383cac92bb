/**
 * A tiny static server for web/dist on 127.0.0.1 (random port), with the service's Content-Security-Policy so a
 * page that needs inline script or style fails here too. It logs every request (method and path) it sees.
 */
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'

const TYPES: Readonly<Record<string, string>> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' }
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
  + "worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

export interface StaticServer {
  readonly url: string
  readonly requests: readonly string[]
  close(): Promise<void>
}

export async function serveStatic(root: string): Promise<StaticServer> {
  const requests: string[] = []
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    requests.push(`${req.method ?? '?'} ${req.url ?? ''}`)
    const file = normalize(join(root, path === '/' ? 'index.html' : path))
    if (req.method !== 'GET' || !file.startsWith(root)) { res.writeHead(405).end(); return }
    readFile(file).then(
      (body) => res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP }).end(body),
      () => res.writeHead(404).end(),
    )
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()) }),
  }
}
