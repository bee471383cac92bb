/**
 * Per-principal (or per-IP when anonymous) fixed-window rate limits with RateLimit headers (draft-ietf-httpapi-
 * ratelimit-headers -06 names, as Kong sends them, plus RateLimit-Policy) and Retry-After on 429. When the counter
 * store fails the request passes (failOpen, Kong's default) or gets 503, and the failure is logged.
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../../env.js'
import { logEvent } from '../../env.js'
import { ProblemError } from '../../problem.js'
import type { CounterStore, WindowCount } from '../../ratelimit/store.js'

export function rateHeaders(limit: number, remaining: number, resetMs: number, windowMs: number, exceeded: boolean): Record<string, string> {
  const reset = String(Math.max(1, Math.ceil(resetMs / 1000)))
  return {
    'RateLimit-Limit': String(limit),
    'RateLimit-Remaining': String(Math.max(0, remaining)),
    'RateLimit-Reset': reset,
    'RateLimit-Policy': `${limit};w=${Math.ceil(windowMs / 1000)}`,
    ...(exceeded ? { 'Retry-After': reset } : {}),
  }
}

/** Run a store operation; on store failure log it and either continue (undefined) or answer 503. */
export async function countOrFailOpen(c: Context<AppEnv>, op: (s: CounterStore) => Promise<WindowCount>): Promise<WindowCount | undefined> {
  const services = c.get('services')
  try {
    return await op(services.store)
  } catch {
    logEvent(c, { action: 'rate_limit_store_error', outcome: 'failure', reason: services.config.rateLimit.store })
    if (services.config.rateLimit.failOpen) return undefined
    throw new ProblemError(503, 'rate_limit_unavailable', 'The service cannot check rate limits right now; try again later.', { headers: { 'Retry-After': '5' } })
  }
}

export function rateLimit(bucket: 'requests' | 'batch'): MiddlewareHandler<AppEnv> {
  return async function rateLimit(c, next) {
    const { limit, windowMs } = c.get('services').config.rateLimit[bucket]
    const who = c.get('principal')?.id ?? 'anonymous'
    const id = who === 'anonymous' ? `ip:${c.get('clientIp')}` : who
    const w = await countOrFailOpen(c, (s) => s.hit(`${bucket}:${id}`, windowMs))
    if (!w) return next()
    const exceeded = w.count > limit
    const headers = rateHeaders(limit, limit - w.count, w.resetMs, windowMs, exceeded)
    if (exceeded) {
      logEvent(c, { action: 'rate_limited', outcome: 'failure', reason: bucket, status: 429, userId: who })
      throw new ProblemError(429, 'rate_limited', 'Rate limit exceeded; retry after the time in Retry-After.', { headers })
    }
    await next()
    for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v)
  }
}
