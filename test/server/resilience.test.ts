/**
 * SECURITY-NOTES §5 cases 30, 31, 34, 35, 37, 38, 40: deadlines, overload, internal errors, unknown routes, headers,
 * injection (property test over arbitrary Unicode) and log injection.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ConversionPool } from '../../src/server/pool.js'
import { expectProblem, json, makeApp, RULE, translate, type TestApp } from './helpers/app.js'

/** A valid rule that takes seconds to load (thousands of selections): CPU-heavy but legal, and within 64 KB. */
const heavyRule = (n = 2000) =>
  `title: heavy\nlogsource: {product: windows}\ndetection:\n${Array.from({ length: n }, (_, i) => `  sel${i}:\n    F${i}: v${i}`).join('\n')}\n  condition: 1 of sel*\n`

describe('deadline and overload', () => {
  let t: TestApp
  beforeAll(async () => { t = await makeApp({ limits: { deadlineMs: 300, maxThreads: 1, maxQueue: 1 } }) })
  afterAll(async () => { await t.close() })

  test('case 30: CPU-heavy conversion → worker deadline 422 conversion_timeout; the event loop stays responsive', async () => {
    expect(heavyRule().length).toBeLessThan(64 * 1024)
    const t0 = performance.now()
    const heavy = Promise.resolve(t.app.request('/api/v1/translate', json(translate(heavyRule()))))
    const h0 = performance.now()
    expect((await t.app.request('/healthz')).status).toBe(200)
    expect(performance.now() - h0).toBeLessThan(1000)
    const p = await expectProblem(await heavy, 422)
    expect(p.code).toBe('conversion_timeout')
    expect(performance.now() - t0).toBeLessThan(300 + 3000) // killed at the deadline, not after the seconds it needs
    expect(t.events.some((e) => e['event.action'] === 'conversion_timeout')).toBe(true)
    // The pool recovered: a normal rule converts afterwards.
    const ok = await t.app.request('/api/v1/translate', json(translate(RULE)))
    expect([200, 503]).toContain(ok.status)
  })

  test('case 31: more than maxThreads + maxQueue concurrent conversions → 503 with Retry-After', async () => {
    const all = await Promise.all(Array.from({ length: 6 }, () => Promise.resolve(t.app.request('/api/v1/translate', json(translate(heavyRule()))))))
    const over = all.filter((r) => r.status === 503)
    expect(over.length).toBeGreaterThanOrEqual(4) // 1 running + 1 queued at most
    expect(over[0]?.headers.get('retry-after')).toBe('1')
    expect((await expectProblem(over[0] as Response, 503)).code).toBe('overloaded')
    expect(t.events.some((e) => e['event.action'] === 'overloaded')).toBe(true)
    expect((await t.app.request('/healthz')).status).toBe(200)
  })
})

describe('errors, routes, headers, logs', () => {
  let t: TestApp
  let broken: TestApp
  beforeAll(async () => {
    const throwing: ConversionPool = {
      threads: 1,
      ready: async () => {},
      run: async () => { throw new Error("ENOENT: no such file or directory, open '/work/main/secret/conf.ts' at Object.<anonymous> (/srv/app.js:1:1)") },
      close: async () => {},
    }
    ;[t, broken] = await Promise.all([makeApp(), makeApp({}, { pool: throwing })])
  })
  afterAll(async () => { await Promise.all([t.close(), broken.close()]) })

  test('case 34: an internal error with a path in its message → generic 500 with requestId, nothing leaked', async () => {
    const res = await broken.app.request('/api/v1/translate', json(translate(RULE)))
    const p = await expectProblem(res, 500)
    expect(p.code).toBe('internal_error')
    expect(JSON.stringify(p)).not.toMatch(/ENOENT|secret|conf\.ts/)
    expect(res.headers.get('x-request-id')).toBe(p.requestId)
    expect(broken.events.at(-1)).toMatchObject({ 'event.action': 'internal_error', 'event.reason': 'Error', 'http.request.id': p.requestId })
    expect(broken.lines.join('\n')).not.toContain('secret')
    expect((await broken.app.request('/healthz')).status).toBe(200)
  })

  test('case 35: unknown route → 404 problem+json; wrong method → 405 with Allow', async () => {
    expect((await expectProblem(await t.app.request('/nope'), 404)).code).toBe('not_found')
    expect((await expectProblem(await t.app.request('/api/v1/nope'), 404)).code).toBe('not_found')
    const res = await t.app.request('/api/v1/translate')
    expect(res.headers.get('allow')).toBe('POST')
    await expectProblem(res, 405)
  })

  test('case 37: security headers on every response (CSP, nosniff, frame-ancestors, HSTS, no X-Powered-By)', async () => {
    for (const res of [await t.app.request('/healthz'), await t.app.request('/'), await t.app.request('/nope'), await t.app.request('/api/v1/translate', json('{'))]) {
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("default-src 'self'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("object-src 'none'")
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/)
      expect(res.headers.get('x-powered-by')).toBeNull()
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    }
  })

  test('case 38: injection property test (splunk): any Unicode value stays exactly one quoted literal', async () => {
    // Values avoid Sigma's own wildcard/escape characters (* ? \), which are meant to change the query.
    const value = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => !/[*?\\]/.test(s) && s.trim() === s && s.length > 0)
    await fc.assert(fc.asyncProperty(value, async (v) => {
      const rule = `title: t\nlogsource: {product: windows}\ndetection:\n  sel:\n    CommandLine: ${JSON.stringify(v)}\n  condition: sel\n`
      const res = await t.app.request('/api/v1/translate', json(translate(rule)))
      if (res.status !== 200) return true // e.g. values YAML itself rejects; never a 500
      const q = ((await res.json()) as { queries: string[] }).queries[0] ?? ''
      const m = /^CommandLine="((?:[^"\\]|\\.)*)"$/su.exec(q)
      expect(m, q).not.toBeNull()
      expect((m?.[1] ?? '').replace(/\\(.)/gsu, '$1')).toBe(v)
      return true
    }), { numRuns: 150 })
  })

  test('case 40: CR/LF in a user name and in the path → one JSON-escaped log line per event', async () => {
    // HTTP forbids raw CR/LF in header values, but a Basic user name is base64 and may hold anything.
    const basic = await makeApp({
      server: { tls: { cert: 'unused-by-createApp.pem', key: 'unused.pem' } },
      auth: { mode: 'basic', users: [{ username: 'analyst', password: 'scrypt$1024$8$1$c2FsdA==$aGFzaA==', scopes: ['translate'] }] },
    })
    try {
      const evil = 'x\r\n{"event.action" "auth_success" "user.name" "admin"}' // Basic user names end at the first ':'
      const auth = `Basic ${Buffer.from(`${evil}:pw`).toString('base64')}`
      await basic.app.request('/api/v1/translate%0d%0a{"forged":1}', json(translate(RULE), { Authorization: auth }))
      expect(basic.lines).toHaveLength(1)
      expect(basic.lines[0]).not.toMatch(/[\r\n]/)
      const e = JSON.parse(basic.lines[0] as string) as Record<string, unknown>
      expect(e).toMatchObject({ 'event.action': 'auth_failure', 'user.name': evil })
      expect(e['url.path']).toBe('/api/v1/translate\r\n{"forged":1}') // decoded, yet escaped inside one line
    } finally {
      await basic.close()
    }
  })
})
