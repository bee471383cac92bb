/**
 * Authentication, chosen by config (none | apiKey | basic | jwt), with a brute-force guard: a client IP with
 * `rateLimit.authFailures.limit` failed attempts in the window gets 429 before its credentials are even checked.
 * Successful logins do not count. Missing credentials are logged but not counted as guesses.
 */
import type { MiddlewareHandler } from 'hono'
import { ALL_SCOPES, type Config } from '../../config.js'
import type { AppEnv, Services } from '../../env.js'
import { logEvent } from '../../env.js'
import { ProblemError } from '../../problem.js'
import { apiKeyAuthenticator } from './api-key.js'
import { basicAuthenticator } from './basic.js'
import { jwtAuthenticator } from './jwt.js'
import type { Authenticator } from './types.js'
import { countOrFailOpen, rateHeaders } from '../rate-limit/index.js'

export function createAuthenticator(cfg: Config['auth']): Authenticator {
  switch (cfg.mode) {
    case 'none':
      return {
        mode: 'none',
        challenge: () => '',
        authenticate: async () => ({ ok: true, principal: { id: 'anonymous', kind: 'anonymous', scopes: ALL_SCOPES } }),
      }
    case 'apiKey':
      return apiKeyAuthenticator(cfg)
    case 'basic':
      return basicAuthenticator(cfg)
    case 'jwt':
      return jwtAuthenticator(cfg)
  }
}

export function authenticate(services: Services): MiddlewareHandler<AppEnv> {
  const auth = createAuthenticator(services.config.auth)
  const { limit, windowMs } = services.config.rateLimit.authFailures
  return async function authenticate(c, next) {
    if (auth.mode === 'none') {
      c.set('principal', { id: 'anonymous', kind: 'anonymous', scopes: ALL_SCOPES })
      return next()
    }
    const key = `authfail:${c.get('clientIp')}`
    const before = await countOrFailOpen(c, (s) => s.peek(key, windowMs))
    if (before && before.count >= limit) {
      logEvent(c, { action: 'rate_limited', outcome: 'failure', reason: 'auth_failures', status: 429, authMode: auth.mode })
      throw new ProblemError(429, 'too_many_auth_failures', 'Too many failed authentication attempts from this address; try again later.', {
        headers: rateHeaders(limit, 0, before.resetMs, windowMs, true),
      })
    }
    const r = await auth.authenticate(c)
    if (r.ok) {
      c.set('principal', r.principal)
      const who = r.principal.kind === 'apiKey' ? { apiKeyId: r.principal.id.slice(4) } : { userId: r.principal.id }
      logEvent(c, { action: 'auth_success', outcome: 'success', authMode: auth.mode, ...who })
      return next()
    }
    if (r.unavailable) {
      logEvent(c, { action: 'auth_failure', outcome: 'unknown', reason: r.reason, status: 503, authMode: auth.mode })
      throw new ProblemError(503, 'auth_unavailable', 'Credentials cannot be verified right now; try again later.', { headers: { 'Retry-After': '5' } })
    }
    if (!r.missing) await countOrFailOpen(c, (s) => s.hit(key, windowMs))
    logEvent(c, { action: 'auth_failure', outcome: 'failure', reason: r.reason, status: 401, authMode: auth.mode, ...(r.userName === undefined ? {} : { userName: r.userName }) })
    const challenge = auth.challenge(r.missing ? undefined : 'invalid_token')
    throw new ProblemError(401, 'unauthorized', 'Valid credentials are required.', { headers: { 'WWW-Authenticate': challenge } })
  }
}
