/**
 * SECURITY-NOTES §5 cases 21–27 (authentication), plus scopes per route and the auth modes' config rules.
 * JWTs are verified against a real JWKS served by a local issuer on 127.0.0.1.
 */
import { createHash, createHmac, createSecretKey } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SignJWT, generateKeyPair } from 'jose'
import { parseConfig, ConfigFileError } from '../../src/server/config.js'
import { sha256 } from '../../src/server/middleware/authenticate/api-key.js'
import { expectProblem, json, makeApp, RULE, translate, type TestApp } from './helpers/app.js'
import { startIssuer, type Issuer } from './helpers/issuer.js'

const ip = (addr: string) => ({ incoming: { socket: { remoteAddress: addr } } })
const b64url = (s: string) => Buffer.from(s).toString('base64url')
const stripId = (p: Record<string, unknown>) => ({ ...p, requestId: 'x' })

let issuer: Issuer
let jwtApp: TestApp
beforeAll(async () => {
  issuer = await startIssuer()
  jwtApp = await makeApp({ auth: { mode: 'jwt', issuer: issuer.issuer, audience: issuer.audience, jwksUri: issuer.jwksUri, algorithms: ['RS256'] } })
})
afterAll(async () => { await Promise.all([jwtApp.close(), issuer.close()]) })

const call = (a: TestApp, headers: Record<string, string>, env: object = ip('10.0.0.1')) =>
  a.app.request('/api/v1/translate', json(translate(RULE), headers), env)
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })

describe('JWT bearer (OIDC, jose, cached JWKS)', () => {
  test('case 21: missing credentials → 401 with WWW-Authenticate: Bearer realm', async () => {
    const res = await call(jwtApp, {})
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="sigmaport"')
    await expectProblem(res, 401)
    expect(jwtApp.events.at(-1)).toMatchObject({ 'event.action': 'auth_failure', 'event.reason': 'missing_credentials' })
  })

  test('a valid token with the scope converts; the JWKS is fetched once and cached', async () => {
    issuer.fetches = 0
    for (let i = 0; i < 5; i++) expect((await call(jwtApp, bearer(await issuer.sign()), ip('10.0.0.2'))).status).toBe(200)
    expect(issuer.fetches).toBeLessThanOrEqual(1)
    expect(jwtApp.events.some((e) => e['event.action'] === 'auth_success' && e['user.id'] === 'sub:alice')).toBe(true)
  })

  test('case 22: expired token → 401 invalid_token; the log says ERR_JWT_EXPIRED', async () => {
    const token = await issuer.sign({}, { exp: Math.floor(Date.now() / 1000) - 3600 })
    const res = await call(jwtApp, bearer(token), ip('10.0.22.1'))
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="sigmaport", error="invalid_token"')
    await expectProblem(res, 401)
    expect(jwtApp.events.at(-1)).toMatchObject({ 'event.action': 'auth_failure', 'event.reason': 'ERR_JWT_EXPIRED' })
    expect(jwtApp.lines.join('\n')).not.toContain(token.split('.')[2])
  })

  test('case 23: bad tokens (aud, iss, alg none, HS256 with the public key, unknown kid, wrong key, garbage, no exp) → identical 401', async () => {
    const other = await generateKeyPair('RS256')
    const header = (h: object) => b64url(JSON.stringify(h))
    const payload = b64url(JSON.stringify({ iss: issuer.issuer, aud: issuer.audience, sub: 'alice', exp: Math.floor(Date.now() / 1000) + 600, scope: 'translate' }))
    const hsKey = createSecretKey(Buffer.from(JSON.stringify(issuer.publicJwk)))
    const hs256 = await new SignJWT({ scope: 'translate' }).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).setIssuer(issuer.issuer).setAudience(issuer.audience).setSubject('alice').setExpirationTime('10m').sign(hsKey)
    const otherSecret = createHash('sha256').update('another secret').digest()
    const hsManual = (() => { const h = header({ alg: 'HS256', kid: 'k1' }); const sig = createHmac('sha256', otherSecret).update(`${h}.${payload}`).digest('base64url'); return `${h}.${payload}.${sig}` })()
    const tokens = {
      wrongAud: await issuer.sign({}, { aud: 'someone-else' }),
      wrongIss: await issuer.sign({}, { iss: 'https://evil.example/' }),
      algNone: `${header({ alg: 'none', kid: 'k1' })}.${payload}.`,
      hs256WithPublicKey: hs256,
      hs256Other: hsManual,
      unknownKid: await issuer.sign({}, { kid: 'nope' }),
      wrongKey: await issuer.sign({}, { key: other.privateKey }),
      garbage: 'abc.def.ghi',
      noExp: await issuer.sign({}, { exp: null }),
    }
    const bodies: unknown[] = []
    const reasons: unknown[] = []
    let n = 0
    for (const token of Object.values(tokens)) {
      const res = await call(jwtApp, bearer(token), ip(`10.0.23.${++n}`))
      bodies.push(stripId(await expectProblem(res, 401)))
      reasons.push(jwtApp.events.at(-1)?.['event.reason'])
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1)
    expect(reasons).toEqual([
      'ERR_JWT_CLAIM_VALIDATION_FAILED', 'ERR_JWT_CLAIM_VALIDATION_FAILED', 'ERR_JOSE_ALG_NOT_ALLOWED', 'ERR_JOSE_ALG_NOT_ALLOWED',
      'ERR_JOSE_ALG_NOT_ALLOWED', 'ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'ERR_JWS_INVALID', 'ERR_JWT_CLAIM_VALIDATION_FAILED',
    ])
  })

  test('case 24: JWKS unavailable → cached keys keep working; without cached keys 503, the JWKS URL never leaks', async () => {
    const token = await issuer.sign()
    expect((await call(jwtApp, bearer(token), ip('10.0.24.1'))).status).toBe(200) // keys cached
    issuer.down = true
    try {
      expect((await call(jwtApp, bearer(await issuer.sign()), ip('10.0.24.1'))).status).toBe(200)
      const cold = await makeApp({ auth: { mode: 'jwt', issuer: issuer.issuer, audience: issuer.audience, jwksUri: issuer.jwksUri } })
      try {
        const res = await call(cold, bearer(token), ip('10.0.24.2'))
        expect(res.headers.get('retry-after')).toBe('5')
        const p = await expectProblem(res, 503)
        expect(p.code).toBe('auth_unavailable')
        expect(JSON.stringify(p)).not.toContain('127.0.0.1')
      } finally {
        await cold.close()
      }
    } finally {
      issuer.down = false
    }
  })

  test('scopes per route: a token without `batch` may translate but not batch (403 insufficient_scope)', async () => {
    const token = await issuer.sign({ scope: 'translate' })
    expect((await call(jwtApp, bearer(token), ip('10.0.30.1'))).status).toBe(200)
    const res = await jwtApp.app.request('/api/v1/translate/batch', json({ target: 'splunk', rules: [RULE] }, bearer(token)), ip('10.0.30.1'))
    expect(res.headers.get('www-authenticate')).toContain('insufficient_scope')
    expect((await expectProblem(res, 403)).code).toBe('insufficient_scope')
    const admin = await jwtApp.app.request('/api/v1/admin/config', { headers: bearer(token) }, ip('10.0.30.1'))
    await expectProblem(admin, 403)
    expect(jwtApp.events.at(-1)).toMatchObject({ 'event.action': 'authz_denied', 'event.reason': 'missing_scope:admin' })
  })
})

describe('API keys and Basic', () => {
  const KEY = 'sp_live_4f1c2d9e8b7a6f5e4d3c2b1a09f8e7d6'
  let keyApp: TestApp
  beforeAll(async () => {
    keyApp = await makeApp({
      auth: { mode: 'apiKey', keys: [
        { id: 'ci', sha256: createHash('sha256').update(KEY).digest('hex'), scopes: ['translate'] },
        { id: 'ops', sha256: createHash('sha256').update('sp_admin_key_0000000000000000000000').digest('hex'), scopes: ['translate', 'batch', 'admin'] },
      ] },
      rateLimit: { authFailures: { limit: 5, windowMs: 60_000 } },
    })
  })
  afterAll(async () => { await keyApp.close() })
  const key = (k: string) => ({ 'X-API-Key': k })

  test('case 25: wrong API key (same length, last char differs) and a short key → identical 401; keys stored as SHA-256, compared in constant time', async () => {
    const a = stripId(await expectProblem(await call(keyApp, key(KEY.slice(0, -1) + 'X'), ip('10.0.25.1')), 401))
    const b = stripId(await expectProblem(await call(keyApp, key('short'), ip('10.0.25.2')), 401))
    expect(a).toEqual(b)
    expect((await call(keyApp, key(KEY), ip('10.0.25.3'))).status).toBe(200)
    // Unit: the stored form is the SHA-256 digest, and every digest compare has the same length (timingSafeEqual).
    expect(sha256(KEY).toString('hex')).toBe(createHash('sha256').update(KEY).digest('hex'))
    expect(sha256('short').length).toBe(sha256(KEY).length)
    expect(() => parseConfig({ auth: { mode: 'apiKey', keys: [{ id: 'x', sha256: KEY, scopes: ['translate'] }] } })).toThrow(ConfigFileError)
  })

  test('case 26: credentials in the URL → 400 credentials_in_url; the value is never logged', async () => {
    for (const q of [`?api_key=${KEY}`, `?access_token=${KEY}`, `?target=splunk&Token=${KEY}`]) {
      const res = await keyApp.app.request('/api/v1/translate' + q, json(translate(RULE), key(KEY)), ip('10.0.26.1'))
      expect((await expectProblem(res, 400)).code).toBe('credentials_in_url')
    }
    expect((await expectProblem(await keyApp.app.request(`/healthz?access_token=${KEY}`), 400)).code).toBe('credentials_in_url')
    expect(keyApp.lines.join('\n')).not.toContain(KEY)
    expect(keyApp.events.filter((e) => e['event.action'] === 'credentials_in_url').map((e) => e['event.reason'])).toEqual(['api_key', 'access_token', 'token', 'access_token'])
  })

  test('case 27: brute force: the 6th bad attempt in a minute → 429 with Retry-After and RateLimit headers; successes do not count', async () => {
    const from = ip('10.0.27.1')
    for (let i = 0; i < 4; i++) await expectProblem(await call(keyApp, key(`wrong-${i}`), from), 401)
    expect((await call(keyApp, key(KEY), from)).status).toBe(200) // success: not counted
    await expectProblem(await call(keyApp, key('wrong-5'), from), 401) // 5th failure
    const res = await call(keyApp, key('wrong-6'), from)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(res.headers.get('ratelimit-limit')).toBe('5')
    expect(res.headers.get('ratelimit-remaining')).toBe('0')
    expect(res.headers.get('ratelimit-policy')).toBe('5;w=60')
    expect((await expectProblem(res, 429)).code).toBe('too_many_auth_failures')
    // Even the right key is refused from that address for the rest of the window; other addresses are not affected.
    expect((await call(keyApp, key(KEY), from)).status).toBe(429)
    expect((await call(keyApp, key(KEY), ip('10.0.27.2'))).status).toBe(200)
    expect(keyApp.events.some((e) => e['event.action'] === 'rate_limited' && e['event.reason'] === 'auth_failures' && e['source.ip'] === '10.0.27.1')).toBe(true)
  })

  test('admin scope: the admin key reads the redacted config (no key digests)', async () => {
    const res = await keyApp.app.request('/api/v1/admin/config', { headers: key('sp_admin_key_0000000000000000000000') }, ip('10.0.28.1'))
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).toContain('"mode":"apiKey"')
    expect(text).not.toMatch(/[0-9a-f]{64}/)
  })

  test('config rules: none only on loopback, basic only with TLS, JWKS over https (or loopback http)', () => {
    expect(() => parseConfig({ server: { host: '0.0.0.0' } })).toThrow(/only allowed when server.host is a loopback/)
    expect(() => parseConfig({ server: { host: '127.0.0.1' }, auth: { mode: 'basic', users: [{ username: 'u', password: 'scrypt$16384$8$1$AAAA$AAAA', scopes: ['translate'] }] } })).toThrow(/requires server.tls/)
    expect(() => parseConfig({ auth: { mode: 'jwt', issuer: 'i', audience: 'a', jwksUri: 'http://idp.example/jwks' } })).toThrow(/must use https/)
    expect(parseConfig({ server: { host: '::1' } }).auth.mode).toBe('none')
  })
})
