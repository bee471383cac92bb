/** Real servers on 127.0.0.1 for the socket-level cases: TLS material, raw sockets, timing. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect, type Socket } from 'node:net'
import { parseConfig, type ConfigInput } from '../../../src/server/config.js'
import { startServer } from '../../../src/server/main.js'
import { workerFile } from './worker.js'

export type Running = Awaited<ReturnType<typeof startServer>> & { lines: string[] }

export async function serveTest(overrides: ConfigInput = {}): Promise<Running> {
  const lines: string[] = []
  const limits = { deadlineMs: 15_000, maxThreads: 2, ...(overrides.limits ?? {}) }
  const server = { host: '127.0.0.1', port: 0, ...(overrides.server ?? {}) }
  const config = parseConfig({ log: { security: 'off' }, web: { root: '/nonexistent-web-root' }, ...overrides, limits, server })
  const r = await startServer(config, await workerFile(), (l) => lines.push(l))
  return Object.assign(r, { lines })
}

/** A self-signed certificate for 127.0.0.1 (openssl CLI); undefined when openssl is missing. */
export function selfSigned(): { cert: string; key: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'sigmaport-tls-'))
  const cert = join(dir, 'cert.pem')
  const key = join(dir, 'key.pem')
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=127.0.0.1',
      '-days', '1', '-keyout', key, '-out', cert, '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' })
    return { cert, key }
  } catch {
    return undefined
  }
}

export function portOf(url: string): number {
  return Number(new URL(url).port)
}

/** Open a raw TCP connection; collects everything the server sends. */
export function rawSocket(port: number): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    let data = ''
    const socket = connect(port, '127.0.0.1', () => resolve({ socket, received: () => data, closed }))
    const closed = new Promise<number>((r) => socket.on('close', () => r(performance.now() - t0)))
    socket.on('data', (d) => { data += d.toString('latin1') })
    socket.on('error', () => {})
    socket.once('error', reject)
  })
}
