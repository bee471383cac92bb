/**
 * The security event log (ECS, one JSON line per event, no secrets) and the Sigma rules in rules/service/ that
 * detect attacks from it: sigmaport converts every one of them, and their selections match real events.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { createConverter } from '../../src/convert.js'
import { ecsDocument, createSecLog } from '../../src/server/seclog.js'
import { json, makeApp, RULE, translate, type TestApp } from './helpers/app.js'

const RULES_DIR = new URL('../../rules/service/', import.meta.url)
const ruleFiles = readdirSync(RULES_DIR).filter((f) => f.endsWith('.yml')).sort()
const ip = (addr: string) => ({ incoming: { socket: { remoteAddress: addr } } })
const KEY = 'sp_test_key_with_enough_entropy_123456'

describe('ECS security log', () => {
  test('fields are ECS names; duration in ns; long client text truncated; one line per event', () => {
    const doc = ecsDocument({ action: 'auth_failure', outcome: 'failure', reason: 'ERR_JWT_EXPIRED', sourceIp: '10.0.0.1', requestId: 'r1', method: 'POST', path: '/api/v1/translate', status: 401, userAgent: 'x'.repeat(1000), durationMs: 1.5 }, new Date('2026-01-01T00:00:00Z'))
    expect(doc).toMatchObject({
      '@timestamp': '2026-01-01T00:00:00.000Z', 'event.kind': 'event', 'event.category': ['authentication'], 'event.action': 'auth_failure',
      'event.outcome': 'failure', 'event.reason': 'ERR_JWT_EXPIRED', 'source.ip': '10.0.0.1', 'http.request.id': 'r1', 'http.request.method': 'POST',
      'url.path': '/api/v1/translate', 'http.response.status_code': 401, 'event.duration': 1_500_000,
    })
    expect(String(doc['user_agent.original']).length).toBeLessThanOrEqual(257)
    const lines: string[] = []
    createSecLog((l) => lines.push(l)).event({ action: 'input_rejected', outcome: 'failure', userAgent: 'a\nb\r\nc' })
    expect(lines).toHaveLength(1)
    expect(lines[0]).not.toMatch(/\n|\r/)
  })
})

describe('rules/service', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await makeApp({
      auth: { mode: 'apiKey', keys: [{ id: 'low', sha256: (await import('node:crypto')).createHash('sha256').update(KEY).digest('hex'), scopes: ['translate'] }] },
      rateLimit: { requests: { limit: 2, windowMs: 60_000 } },
    })
  })
  afterAll(async () => { await t.close() })

  test('there are rules for brute force, credentials in URL, rate-limit abuse, rejected input, JWT algorithm attacks, scope probing, CPU exhaustion', () => {
    expect(ruleFiles).toEqual([
      'sigmaport_auth_bruteforce.yml', 'sigmaport_credentials_in_url.yml', 'sigmaport_jwt_algorithm_attack.yml', 'sigmaport_rate_limit_abuse.yml',
      'sigmaport_rejected_input_burst.yml', 'sigmaport_resource_exhaustion.yml', 'sigmaport_scope_probing.yml',
    ])
  })

  test.each(ruleFiles)('sigmaport converts %s (splunk) without errors', (file) => {
    const c = createConverter({ target: 'splunk' })
    const r = c.convertText(readFileSync(new URL(file, RULES_DIR), 'utf8'), file)
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(r.results.length).toBeGreaterThan(0)
    for (const x of r.results) {
      expect(x.ok, JSON.stringify(x.diagnostics)).toBe(true)
      expect(String(x.queries[0])).toContain('event.action=')
    }
  })

  test('the base rules match the events the service really logs, and correlations group by fields those events carry', async () => {
    // Produce real events: bad key, key in URL, rejected input, rate limit, missing scope.
    await t.app.request('/api/v1/translate', json(translate(RULE), { 'X-API-Key': 'wrong' }), ip('10.7.0.1'))
    await t.app.request(`/api/v1/translate?api_key=${KEY}`, json(translate(RULE)), ip('10.7.0.2'))
    await t.app.request('/api/v1/translate', json('{', { 'X-API-Key': KEY }), ip('10.7.0.3'))
    for (let i = 0; i < 3; i++) await t.app.request('/api/v1/targets', { headers: { 'X-API-Key': KEY } }, ip('10.7.0.4'))
    await t.app.request('/api/v1/translate/batch', json({ target: 'splunk', rules: [RULE] }, { 'X-API-Key': KEY }), ip('10.7.0.5'))
    const events = [
      ...t.events,
      ecsDocument({ action: 'auth_failure', outcome: 'failure', reason: 'ERR_JOSE_ALG_NOT_ALLOWED', sourceIp: '10.7.0.6', authMode: 'jwt' }),
      ecsDocument({ action: 'conversion_timeout', outcome: 'failure', reason: 'deadline', sourceIp: '10.7.0.7', status: 422 }),
    ]
    expect(t.lines.join('\n')).not.toContain(KEY)
    for (const file of ruleFiles) {
      const docs = parseAllDocuments(readFileSync(new URL(file, RULES_DIR), 'utf8')).map((d) => d.toJS() as Record<string, unknown>)
      for (const rule of docs.filter((d) => d.detection)) {
        const hits = events.filter((e) => matches(rule.detection as Detection, e))
        expect(hits.length, `${file}: ${String(rule.title)} matches no logged event`).toBeGreaterThan(0)
        for (const corr of docs.filter((d) => d.correlation)) {
          for (const field of ((corr.correlation as { 'group-by': string[] })['group-by'])) {
            for (const h of hits) expect(h, `${file}: ${field} missing`).toHaveProperty([field])
          }
        }
      }
    }
  })
})

type Detection = Record<string, unknown> & { condition: string }

/** Enough of Sigma for these rules: maps of field → value(s), and `a` / `a and not b` conditions. */
function matches(det: Detection, e: Record<string, unknown>): boolean {
  const sel = (name: string) => Object.entries(det[name] as Record<string, unknown>).every(([f, v]) => (Array.isArray(v) ? v : [v]).some((x) => e[f] === x))
  const m = /^(\w+)(?: and not (\w+))?$/.exec(det.condition)
  if (!m) throw new Error(`unsupported condition in test matcher: ${det.condition}`)
  return sel(m[1] as string) && (m[2] === undefined || !sel(m[2]))
}
