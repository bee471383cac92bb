/**
 * `npm start`: read the config (--config FILE or SIGMAPORT_CONFIG, then environment overrides), start the
 * server (HTTP, or HTTPS + HTTP/2 via ALPN when server.tls is set), reload on SIGHUP, stop on SIGTERM/SIGINT.
 * Exit codes: 0 stopped cleanly, 1 could not listen, 2 invalid configuration.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import { createSecureServer } from 'node:http2'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import type { Hono } from 'hono'
import { serve, type ServerType } from '@hono/node-server'
import { ConfigFileError, loadConfig, redactConfig, type Config } from './config.js'
import { appServices, closeApp, createApp } from './app.js'
import type { AppEnv } from './env.js'
import { createSecLog, sinkFor } from './seclog.js'

export interface RunningServer {
  readonly server: ServerType
  readonly url: string
  close(): Promise<void>
}

function configPath(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const i = argv.indexOf('--config')
  if (i >= 0) return argv[i + 1]
  const eq = argv.find((a) => a.startsWith('--config='))
  return eq?.slice(9) ?? env.SIGMAPORT_CONFIG
}

const fingerprint = (c: Config): string => createHash('sha256').update(JSON.stringify(redactConfig(c))).digest('hex').slice(0, 16)

/** Start listening with `config`; used by main() and by the socket-level tests. */
export async function startServer(config: Config, workerFile: string | URL, logSink = sinkFor(config.log.security)): Promise<RunningServer & { reload(next: Config): Promise<void> }> {
  let app: Hono<AppEnv> = createApp(config, { workerFile, logSink })
  // Listen only once the workers have loaded and warmed up: the first requests must not queue behind that.
  await appServices(app)?.pool.ready()
  const s = config.server
  const timeouts = {
    headersTimeout: s.headersTimeoutMs,
    requestTimeout: s.requestTimeoutMs,
    keepAliveTimeout: s.keepAliveTimeoutMs,
    // Node checks header/request timeouts only this often; its 30 s default delays a 408 by up to 30 s.
    connectionsCheckingInterval: 1000,
    maxHeaderSize: 16 * 1024,
  }
  const fetch = (req: Request, env: unknown) => app.fetch(req, env as never)
  const tls = s.tls ? { key: readFileSync(s.tls.key), cert: readFileSync(s.tls.cert), minVersion: s.tls.minVersion } : undefined
  const options = tls === undefined
    ? { fetch, hostname: s.host, port: s.port, serverOptions: timeouts }
    : s.tls?.http2
      ? { fetch, hostname: s.host, port: s.port, createServer: createSecureServer, serverOptions: { ...tls, ...timeouts, allowHTTP1: true } }
      : { fetch, hostname: s.host, port: s.port, createServer: createHttpsServer, serverOptions: { ...tls, ...timeouts } }
  const server = await new Promise<ServerType>((resolve, reject) => {
    const srv = serve(options, () => resolve(srv))
    srv.once('error', reject)
  })
  // Idle sockets (also HTTP/2 sessions, which ignore headersTimeout) are closed after this long.
  server.setTimeout(Math.max(s.requestTimeoutMs, s.keepAliveTimeoutMs))
  const addr = server.address() as AddressInfo
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address
  return {
    server,
    url: `${tls ? 'https' : 'http'}://${host}:${addr.port}`,
    async reload(next) {
      const old = app
      const fresh = createApp(next, { workerFile, logSink })
      await appServices(fresh)?.pool.ready()
      app = fresh
      // Let requests running on the old pool finish.
      setTimeout(() => { void closeApp(old) }, next.limits.deadlineMs + 1000).unref()
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
      })
      await closeApp(app)
    },
  }
}

export async function main(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const file = configPath(argv, env)
  let config: Config
  try {
    config = loadConfig(file, env)
  } catch (e) {
    process.stderr.write(`sigmaport: ${e instanceof ConfigFileError ? e.message : 'could not load the configuration'}\n`)
    process.exit(2)
  }
  const log = createSecLog(sinkFor(config.log.security))
  const workerFile = env.SIGMAPORT_WORKER_FILE ?? new URL('./worker.js', import.meta.url)
  let running: Awaited<ReturnType<typeof startServer>>
  try {
    running = await startServer(config, workerFile)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why = code ?? (e instanceof Error ? e.message : 'error')
    process.stderr.write(`sigmaport: cannot start on ${config.server.host}:${config.server.port}: ${why}\n`)
    process.exit(1)
  }
  log.event({ action: 'config_loaded', outcome: 'success', extra: { config_sha256: fingerprint(config), auth_mode: config.auth.mode } })
  log.event({ action: 'service_started', outcome: 'success', extra: { url: running.url } })
  process.stderr.write(`sigmaport listening on ${running.url} (auth: ${config.auth.mode})\n`)

  process.on('SIGHUP', () => { void reload() })
  const reload = async (): Promise<void> => {
    try {
      const next = loadConfig(file, env)
      const listener = JSON.stringify(next.server) !== JSON.stringify(config.server)
      await running.reload(next)
      log.event({ action: 'config_changed', outcome: 'success', extra: { config_sha256: fingerprint(next), previous_sha256: fingerprint(config), restart_required: listener } })
      config = next
    } catch (e) {
      log.event({ action: 'config_changed', outcome: 'failure', reason: e instanceof ConfigFileError ? 'invalid_config' : 'error' })
      process.stderr.write(`sigmaport: reload refused: ${e instanceof ConfigFileError ? e.message : 'error'}\n`)
    }
  }
  const stop = (signal: string) => {
    log.event({ action: 'service_stopped', outcome: 'success', reason: signal })
    void running.close().then(() => process.exit(0))
    setTimeout(() => process.exit(0), 5000).unref()
  }
  process.once('SIGTERM', () => stop('SIGTERM'))
  process.once('SIGINT', () => stop('SIGINT'))
}

// Run when executed as the entry point (dist/server.js), not when imported by tests.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) void main()
