/**
 * Service configuration: one JSON file validated with zod, plus a small set of environment overrides.
 * Every default is safe for `npm start` on a laptop: loopback only, no auth (allowed only on loopback),
 * in-memory rate limits. See docs/SERVICE.md for the full reference.
 */
import { readFileSync } from 'node:fs'
import { isIP } from 'node:net'
import { z } from 'zod'

const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]'])

/** Loopback literal or `localhost`: the only hosts where `auth.mode: none` is allowed. */
export function isLoopbackHost(host: string): boolean {
  if (LOOPBACK_NAMES.has(host)) return true
  return isIP(host) === 4 && host.startsWith('127.')
}

const scopes = z.array(z.enum(['translate', 'batch', 'admin'])).min(1)
export type Scope = z.infer<typeof scopes>[number]
export const ALL_SCOPES: readonly Scope[] = ['translate', 'batch', 'admin']

const apiKey = z.strictObject({
  /** Public id of the key: logged as api_key.id, never the key itself. */
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  /** Hex SHA-256 of the key (`printf %s "$KEY" | sha256sum`). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the lowercase hex SHA-256 of the key'),
  scopes,
})

const basicUser = z.strictObject({
  username: z.string().min(1).max(128).regex(/^[^:\s]+$/, 'must not contain ":" or whitespace'),
  /** `scrypt$N$r$p$<salt base64>$<hash base64>` — see `hashPassword` in middleware/auth/basic.ts. */
  password: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'must be an scrypt hash (scrypt$N$r$p$salt$hash)'),
  scopes,
})

const auth = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('none') }),
  z.strictObject({
    mode: z.literal('apiKey'),
    header: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).default('X-API-Key'),
    keys: z.array(apiKey).min(1),
  }),
  z.strictObject({ mode: z.literal('basic'), users: z.array(basicUser).min(1) }),
  z.strictObject({
    mode: z.literal('jwt'),
    issuer: z.string().min(1),
    audience: z.string().min(1),
    /** Pinned JWKS location; never taken from a token or request. HTTPS, or http on a loopback host. */
    jwksUri: z.url(),
    algorithms: z.array(z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'])).min(1).default(['RS256']),
    /** Claim holding the scopes: a space-separated string (`scope`) or an array (`scp`, `roles`). */
    scopeClaim: z.string().min(1).default('scope'),
    clockToleranceSec: z.number().int().min(0).max(300).default(30),
    cacheMaxAgeMs: z.number().int().min(1000).default(600_000),
    cooldownMs: z.number().int().min(0).default(30_000),
    timeoutMs: z.number().int().min(100).max(30_000).default(5000),
  }),
])

const tls = z.strictObject({
  cert: z.string().min(1),
  key: z.string().min(1),
  /** Serve HTTP/2 (ALPN h2) with HTTP/1.1 fallback. */
  http2: z.boolean().default(true),
  minVersion: z.enum(['TLSv1.2', 'TLSv1.3']).default('TLSv1.2'),
})

const server = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8080),
  tls: tls.optional(),
  headersTimeoutMs: z.number().int().min(100).default(5000),
  requestTimeoutMs: z.number().int().min(100).default(30_000),
  keepAliveTimeoutMs: z.number().int().min(100).default(5000),
  /** Time allowed to receive a request body once the headers are in (slow-body clients get 408). */
  bodyTimeoutMs: z.number().int().min(100).default(10_000),
  /** Socket addresses whose X-Forwarded-For is believed (the load balancer). */
  trustedProxies: z.array(z.string()).default([]),
})

const limits = z.strictObject({
  bodyBytes: z.number().int().min(1024).default(64 * 1024),
  /** JSON or NDJSON body of /translate/batch. */
  batchBodyBytes: z.number().int().min(1024).default(4 * 1024 * 1024),
  ruleBytes: z.number().int().min(256).default(64 * 1024),
  batchItems: z.number().int().min(1).default(1000),
  pipelines: z.number().int().min(0).default(8),
  pipelineYamlBytes: z.number().int().min(0).default(32 * 1024),
  optionCount: z.number().int().min(0).default(16),
  /** Total size of the generated queries of one rule. */
  outputBytes: z.number().int().min(1024).default(1024 * 1024),
  /** Hard deadline of one conversion in the worker pool. */
  deadlineMs: z.number().int().min(10).default(2000),
  maxThreads: z.number().int().min(1).max(64).optional(),
  maxQueue: z.number().int().min(0).default(256),
  workerHeapMb: z.number().int().min(16).default(256),
})

const rateWindow = z.strictObject({ limit: z.number().int().min(1), windowMs: z.number().int().min(100) })

const rateLimit = z.strictObject({
  store: z.enum(['memory', 'redis']).default('memory'),
  redisUrl: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  /** Requests per principal (or client IP when unauthenticated) for translate/validate/targets. */
  requests: rateWindow.default({ limit: 600, windowMs: 60_000 }),
  /** Batch calls per principal. */
  batch: rateWindow.default({ limit: 30, windowMs: 60_000 }),
  /** Failed authentications per client IP before it is blocked for the rest of the window. */
  authFailures: rateWindow.default({ limit: 5, windowMs: 60_000 }),
  /** When the counter store is down: let requests through (true, like Kong) or answer 503. */
  failOpen: z.boolean().default(true),
})

export const configSchema = z
  .strictObject({
    server: server.default(() => server.parse({})),
    auth: auth.default({ mode: 'none' }),
    limits: limits.default(() => limits.parse({})),
    rateLimit: rateLimit.default(() => rateLimit.parse({})),
    cors: z.strictObject({ origins: z.array(z.url()).default([]) }).default({ origins: [] }),
    log: z.strictObject({ security: z.enum(['stdout', 'stderr', 'off']).default('stdout') }).default({ security: 'stdout' }),
    /** Directory of the built web page (served at /); relative paths resolve against the working directory. */
    web: z.strictObject({ root: z.string().default('web/dist') }).default({ root: 'web/dist' }),
  })
  .superRefine((c, ctx) => {
    if (c.auth.mode === 'none' && !isLoopbackHost(c.server.host)) {
      ctx.addIssue({ code: 'custom', path: ['auth', 'mode'], message: `'none' is only allowed when server.host is a loopback address (got '${c.server.host}'); configure apiKey, basic or jwt` })
    }
    if (c.auth.mode === 'basic' && c.server.tls === undefined) {
      ctx.addIssue({ code: 'custom', path: ['auth', 'mode'], message: "'basic' sends passwords and requires server.tls" })
    }
    if (c.auth.mode === 'jwt') {
      const u = new URL(c.auth.jwksUri)
      if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopbackHost(u.hostname))) {
        ctx.addIssue({ code: 'custom', path: ['auth', 'jwksUri'], message: 'must use https (plain http only for a loopback issuer)' })
      }
      if (u.username || u.password) ctx.addIssue({ code: 'custom', path: ['auth', 'jwksUri'], message: 'must not contain credentials' })
    }
    if (c.rateLimit.store === 'redis' && c.rateLimit.redisUrl === undefined) {
      ctx.addIssue({ code: 'custom', path: ['rateLimit', 'redisUrl'], message: "required when rateLimit.store is 'redis'" })
    }
    if (c.limits.ruleBytes > c.limits.bodyBytes) {
      ctx.addIssue({ code: 'custom', path: ['limits', 'ruleBytes'], message: 'must not exceed limits.bodyBytes' })
    }
  })

export type Config = z.infer<typeof configSchema>
export type ConfigInput = z.input<typeof configSchema>
export type AuthConfig = Config['auth']

export class ConfigFileError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigFileError'
  }
}

/** Environment variable → config path. Numbers are parsed; everything else is a string. */
export const ENV_OVERRIDES: Readonly<Record<string, { readonly path: readonly string[]; readonly type: 'string' | 'number' }>> = {
  HOST: { path: ['server', 'host'], type: 'string' },
  PORT: { path: ['server', 'port'], type: 'number' },
  SIGMAPORT_TLS_CERT: { path: ['server', 'tls', 'cert'], type: 'string' },
  SIGMAPORT_TLS_KEY: { path: ['server', 'tls', 'key'], type: 'string' },
  SIGMAPORT_REDIS_URL: { path: ['rateLimit', 'redisUrl'], type: 'string' },
  SIGMAPORT_RATE_LIMIT_STORE: { path: ['rateLimit', 'store'], type: 'string' },
  SIGMAPORT_MAX_THREADS: { path: ['limits', 'maxThreads'], type: 'number' },
  SIGMAPORT_DEADLINE_MS: { path: ['limits', 'deadlineMs'], type: 'number' },
  SIGMAPORT_SECURITY_LOG: { path: ['log', 'security'], type: 'string' },
  SIGMAPORT_WEB_ROOT: { path: ['web', 'root'], type: 'string' },
}

function setPath(obj: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path
  if (head === undefined) return obj
  if (rest.length === 0) return { ...obj, [head]: value }
  const child = obj[head]
  const base = child !== null && typeof child === 'object' && !Array.isArray(child) ? (child as Record<string, unknown>) : {}
  return { ...obj, [head]: setPath(base, rest, value) }
}

export function applyEnv(raw: Record<string, unknown>, env: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  let out = raw
  for (const [name, o] of Object.entries(ENV_OVERRIDES)) {
    const v = env[name]
    if (v === undefined || v === '') continue
    const value = o.type === 'number' && /^\d+$/.test(v) ? Number(v) : v
    out = setPath(out, o.path, value)
  }
  return out
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`)
}

/** Validate an object (already merged with env overrides); throws ConfigFileError listing every problem. */
export function parseConfig(raw: unknown): Config {
  const r = configSchema.safeParse(raw)
  if (!r.success) throw new ConfigFileError(describeIssues(r.error))
  return r.data
}

/** Read the config file (if any), apply environment overrides, validate. */
export function loadConfig(file: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): Config {
  let raw: Record<string, unknown> = {}
  if (file !== undefined) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (e) {
      throw new ConfigFileError([`cannot read config file ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`])
    }
    try {
      const parsed: unknown = JSON.parse(text)
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigFileError([`${file}: must contain a JSON object`])
      raw = parsed as Record<string, unknown>
    } catch (e) {
      if (e instanceof ConfigFileError) throw e
      throw new ConfigFileError([`${file}: not valid JSON (${e instanceof Error ? e.message : 'parse error'})`])
    }
  }
  return parseConfig(applyEnv(raw, env))
}

/** The effective config without secrets (key digests, password hashes), for the admin endpoint and logs. */
export function redactConfig(c: Config): unknown {
  const auth =
    c.auth.mode === 'apiKey' ? { ...c.auth, keys: c.auth.keys.map((k) => ({ id: k.id, scopes: k.scopes })) }
    : c.auth.mode === 'basic' ? { mode: 'basic', users: c.auth.users.map((u) => ({ username: u.username, scopes: u.scopes })) }
    : c.auth
  const rl = c.rateLimit.redisUrl === undefined ? c.rateLimit : { ...c.rateLimit, redisUrl: redactUrl(c.rateLimit.redisUrl) }
  const server = c.server.tls ? { ...c.server, tls: { ...c.server.tls, key: '(set)' } } : c.server
  return { ...c, server, auth, rateLimit: rl }
}

function redactUrl(u: string): string {
  try {
    const url = new URL(u)
    if (url.password) url.password = 'redacted'
    return url.toString()
  } catch {
    return '(invalid)'
  }
}
