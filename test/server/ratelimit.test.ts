/**
 * Rate limits: RateLimit headers and 429 + Retry-After; counters shared across instances through a real
 * redis-server (RESP via ioredis), as when several stateless instances run behind a load balancer; fail-open/closed.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { MemoryStore, RedisStore } from '../../src/server/ratelimit/store.js'
import { expectProblem, json, makeApp, RULE, translate, type TestApp } from './helpers/app.js'
import { redisAvailable, startRedis, type RedisProcess } from './helpers/redis.js'

if (!redisAvailable()) console.warn('ratelimit.test: redis-server not found on PATH; the Redis store tests are skipped (apt-get install -y redis-server)')

const ip = (addr: string) => ({ incoming: { socket: { remoteAddress: addr } } })

test('in-memory: RateLimit headers on success, 429 with Retry-After over the limit, per client address', async () => {
  const t = await makeApp({ rateLimit: { requests: { limit: 3, windowMs: 60_000 } } })
  try {
    const go = (addr: string) => t.app.request('/api/v1/translate', json(translate(RULE)), ip(addr))
    const first = await go('10.9.0.1')
    expect(first.headers.get('ratelimit-limit')).toBe('3')
    expect(first.headers.get('ratelimit-remaining')).toBe('2')
    expect(first.headers.get('ratelimit-policy')).toBe('3;w=60')
    await go('10.9.0.1')
    await go('10.9.0.1')
    const over = await go('10.9.0.1')
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await expectProblem(over, 429)).code).toBe('rate_limited')
    expect((await go('10.9.0.2')).status).toBe(200)
    expect(t.events.some((e) => e['event.action'] === 'rate_limited' && e['source.ip'] === '10.9.0.1')).toBe(true)
  } finally {
    await t.close()
  }
})

test('MemoryStore windows reset', async () => {
  let now = 0
  const s = new MemoryStore(() => now)
  expect((await s.hit('k', 1000)).count).toBe(1)
  expect((await s.hit('k', 1000)).count).toBe(2)
  now = 1001
  expect(await s.peek('k', 1000)).toEqual({ count: 0, resetMs: 1000 })
  expect((await s.hit('k', 1000)).count).toBe(1)
  await s.close()
})

describe.skipIf(!redisAvailable())('redis-server store (skipped with this reason when the redis-server binary is missing)', () => {
  let redis: RedisProcess
  let a: TestApp
  let b: TestApp
  beforeAll(async () => {
    redis = await startRedis()
    const cfg = { rateLimit: { store: 'redis' as const, redisUrl: redis.url, requests: { limit: 4, windowMs: 60_000 }, authFailures: { limit: 3, windowMs: 60_000 } } }
    const keyed = { auth: { mode: 'apiKey' as const, keys: [{ id: 'k', sha256: '2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b', scopes: ['translate' as const] }] } }
    ;[a, b] = await Promise.all([makeApp({ ...cfg, ...keyed }), makeApp({ ...cfg, ...keyed })])
  })
  afterAll(async () => { await Promise.all([a?.close(), b?.close()]); await redis?.stop() })

  const KEY = 'secret' // sha256 above
  test('two instances share one request budget per principal', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const app = i % 2 === 0 ? a : b
      statuses.push((await app.app.request('/api/v1/translate', json(translate(RULE), { 'X-API-Key': KEY }), ip('10.8.0.1'))).status)
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429])
  })

  test('failed logins on one instance count on the other (brute-force guard across the cluster)', async () => {
    for (let i = 0; i < 3; i++) await expectProblem(await (i % 2 ? a : b).app.request('/api/v1/translate', json(translate(RULE), { 'X-API-Key': `bad${i}` }), ip('10.8.0.2')), 401)
    const res = await a.app.request('/api/v1/translate', json(translate(RULE), { 'X-API-Key': 'bad' }), ip('10.8.0.2'))
    expect((await expectProblem(res, 429)).code).toBe('too_many_auth_failures')
  })

  test('RedisStore counts atomically with an expiry', async () => {
    const s = new RedisStore(redis.url, 'sigmaport:test:')
    await s.ready()
    const hits = await Promise.all(Array.from({ length: 20 }, () => s.hit('x', 5000)))
    expect(hits.map((h) => h.count).sort((p, q) => p - q)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(hits.every((h) => h.resetMs > 0 && h.resetMs <= 5000)).toBe(true)
    await s.close()
  })

  test('store down: fail open (default) logs the failure; fail closed answers 503', async () => {
    const down = 'redis://127.0.0.1:1/0'
    const open = await makeApp({ rateLimit: { store: 'redis', redisUrl: down } })
    const closed = await makeApp({ rateLimit: { store: 'redis', redisUrl: down, failOpen: false } })
    try {
      expect((await open.app.request('/api/v1/translate', json(translate(RULE)))).status).toBe(200)
      expect(open.events.some((e) => e['event.action'] === 'rate_limit_store_error')).toBe(true)
      const p = await expectProblem(await closed.app.request('/api/v1/translate', json(translate(RULE))), 503)
      expect(p.code).toBe('rate_limit_unavailable')
      expect(JSON.stringify(p)).not.toContain('127.0.0.1:1')
    } finally {
      await Promise.all([open.close(), closed.close()])
    }
  })
})
