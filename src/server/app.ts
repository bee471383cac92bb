/**
 * createApp(config) → the hono app (tests call app.request()). Middleware order, outermost first:
 * request context (id, client IP) → secure headers → credentials-in-URL check → [API] authenticate (with
 * brute-force guard) → scope → rate limit → content type → body reader → handler. Errors are problem+json.
 */
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { HTTPException } from 'hono/http-exception'
import { secureHeaders } from 'hono/secure-headers'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Config } from './config.js'
import type { AppEnv, Services } from './env.js'
import { logEvent } from './env.js'
import { createPool, type ConversionPool } from './pool.js'
import { ProblemError, problemResponse } from './problem.js'
import { MemoryStore, RedisStore, type CounterStore } from './ratelimit/store.js'
import { createSecLog, sinkFor, type SecLogSink } from './seclog.js'
import { requestContext } from './middleware/request-context/index.js'
import { urlCredentials } from './middleware/url-credentials/index.js'
import { authenticate } from './middleware/authenticate/index.js'
import { requireScope } from './middleware/require-scope/index.js'
import { rateLimit } from './middleware/rate-limit/index.js'
import { requireContentType } from './middleware/content-type/index.js'
import { bodyReader } from './middleware/body-reader/index.js'
import { testHandler, translateHandler, validateHandler } from './routes/translate.js'
import { batchHandler } from './routes/batch.js'
import { adminConfigHandler, targetsHandler } from './routes/meta.js'
import { openApiDocument } from './openapi.js'
import { NOT_BUILT_PAGE, loadWebRoot } from './web.js'
import { BACKENDS } from '../../backends/registry.js'

export const VERSION = '0.1.0'

const WARMUP_RULE = `title: warm-up
logsource: {product: windows, category: process_creation}
detection:
  sel:
    Image|endswith: '\\\\cmd.exe'
    CommandLine|contains|all: [' /c ', 'whoami']
  filter: {User|startswith: 'NT AUTHORITY'}
  condition: sel and not filter
`

export interface AppDeps {
  /** The bundled worker file (dist/worker.js). Required unless `pool` is given. */
  readonly workerFile?: string | URL
  readonly pool?: ConversionPool
  readonly store?: CounterStore
  /** Where security events go (default: config.log.security). */
  readonly logSink?: SecLogSink
}

const INPUT_STATUSES = new Set([400, 408, 413, 415, 422])
const services = new WeakMap<Hono<AppEnv>, Services>()

function createStore(config: Config): CounterStore {
  if (config.rateLimit.store === 'redis' && config.rateLimit.redisUrl !== undefined) return new RedisStore(config.rateLimit.redisUrl)
  return new MemoryStore()
}

function createServices(config: Config, deps: AppDeps): Services {
  const pool = deps.pool ?? (deps.workerFile !== undefined
    ? createPool({
      workerFile: deps.workerFile,
      ...(config.limits.maxThreads === undefined ? {} : { maxThreads: config.limits.maxThreads }),
      maxQueue: config.limits.maxQueue,
      deadlineMs: config.limits.deadlineMs,
      heapMb: config.limits.workerHeapMb,
      warmup: { mode: 'translate', rule: WARMUP_RULE, target: BACKENDS[0]?.id ?? 'splunk', pipelines: [], maxOutputBytes: 65536 },
    })
    : undefined)
  if (!pool) throw new Error('createApp: a workerFile or a pool is required')
  return {
    config,
    log: createSecLog(deps.logSink ?? sinkFor(config.log.security)),
    pool,
    store: deps.store ?? createStore(config),
    web: loadWebRoot(config.web.root),
  }
}

export function createApp(config: Config, deps: AppDeps = {}): Hono<AppEnv> {
  const s = createServices(config, deps)
  const app = new Hono<AppEnv>()
  services.set(app, s)
  const bodyBytes = () => config.limits.bodyBytes

  app.use('*', requestContext(s))
  app.use('*', secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], connectSrc: ["'self'"],
      fontSrc: ["'self'"], workerSrc: ["'self'"], objectSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'self'"], frameAncestors: ["'none'"],
    },
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    xFrameOptions: 'DENY',
  }))
  if (config.cors.origins.length > 0) {
    app.use('/api/*', cors({
      origin: config.cors.origins,
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['Content-Type', 'Authorization', ...(config.auth.mode === 'apiKey' ? [config.auth.header] : [])],
      exposeHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy'],
      maxAge: 600,
    }))
  }
  app.use('*', urlCredentials())

  app.get('/healthz', (c) => { c.header('Cache-Control', 'no-store'); return c.json({ status: 'ok' }) })
  const openapi = openApiDocument(config, VERSION)
  app.get('/openapi.json', (c) => c.json(openapi))

  const api = new Hono<AppEnv>()
  api.use('*', authenticate(s))
  api.get('/targets', requireScope('translate'), rateLimit('requests'), targetsHandler)
  api.post('/translate', requireScope('translate'), rateLimit('requests'), requireContentType(['application/json']), bodyReader(bodyBytes), translateHandler)
  api.post('/validate', requireScope('translate'), rateLimit('requests'), requireContentType(['application/json']), bodyReader(bodyBytes), validateHandler)
  api.post('/test', requireScope('translate'), rateLimit('requests'), requireContentType(['application/json']), bodyReader(bodyBytes), testHandler)
  api.post('/translate/batch', requireScope('batch'), rateLimit('batch'), requireContentType(['application/json', 'application/x-ndjson']), batchHandler)
  api.get('/admin/config', requireScope('admin'), rateLimit('requests'), adminConfigHandler)
  for (const [path, allow] of [['/translate', 'POST'], ['/validate', 'POST'], ['/test', 'POST'], ['/translate/batch', 'POST'], ['/targets', 'GET'], ['/admin/config', 'GET']] as const) {
    api.all(path, () => { throw new ProblemError(405, 'method_not_allowed', `Use ${allow} for this resource.`, { headers: { Allow: allow } }) })
  }
  app.route('/api/v1', api)

  app.get('/*', (c) => {
    const path = c.req.path === '/' ? '/index.html' : c.req.path
    const file = s.web?.get(path)
    if (file) {
      c.header('Content-Type', file.type)
      c.header('Cache-Control', path === '/index.html' ? 'no-cache' : 'public, max-age=3600')
      return c.body(file.body as Uint8Array<ArrayBuffer>)
    }
    if (c.req.path === '/') return c.html(NOT_BUILT_PAGE)
    return c.notFound()
  })

  app.notFound((c) => problemResponse(c, 404, 'not_found', 'No such resource.'))
  app.onError((err, c) => {
    if (err instanceof ProblemError) {
      if (INPUT_STATUSES.has(err.status) && err.code !== 'credentials_in_url') {
        logEvent(c, { action: 'input_rejected', outcome: 'failure', reason: err.code, status: err.status })
      }
      return problemResponse(c, err.status, err.code, err.detail, err.options)
    }
    if (err instanceof HTTPException && err.status < 500) {
      return problemResponse(c, err.status as ContentfulStatusCode, 'http_error', 'The request could not be processed.')
    }
    // Never echo the error: its message may hold a path or input. The name is enough to find it in the log.
    logEvent(c, { action: 'internal_error', outcome: 'failure', reason: err.name.slice(0, 64), status: 500 })
    return problemResponse(c, 500, 'internal_error', 'An internal error occurred; quote the requestId when reporting it.')
  })
  return app
}

/** Stop the worker pool and close the rate-limit store of an app made by createApp. */
export async function closeApp(app: Hono<AppEnv>): Promise<void> {
  const s = services.get(app)
  if (!s) return
  services.delete(app)
  await Promise.allSettled([s.pool.close(), s.store.close()])
}

export function appServices(app: Hono<AppEnv>): Services | undefined {
  return services.get(app)
}
