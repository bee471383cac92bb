/**
 * SECURITY-NOTES §5 cases that need a real socket: 28 (slow headers), 29 (slow body), 32 (concurrent load with
 * wrk), 36 (TLS ≥ 1.2 and HTTP/2 via ALPN), plus Basic auth over TLS and the `npm start` defaults.
 */
import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { connect as h2connect } from 'node:http2'
import { request as httpsRequest } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect as tlsConnect } from 'node:tls'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hashPassword } from '../../src/server/middleware/authenticate/basic.js'
import { loadConfig } from '../../src/server/config.js'
import { RULE } from './helpers/app.js'
import { portOf, rawSocket, selfSigned, serveTest, type Running } from './helpers/server.js'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('plain HTTP on 127.0.0.1', () => {
  let s: Running
  beforeAll(async () => {
    s = await serveTest({
      server: { headersTimeoutMs: 1500, bodyTimeoutMs: 1500, requestTimeoutMs: 20_000 },
      rateLimit: { requests: { limit: 1_000_000, windowMs: 60_000 } },
    })
  })
  afterAll(async () => { await s.close() })

  test('case 28: slow headers (one header line per 400 ms) → 408 within headersTimeout + check interval', async () => {
    const { socket, received, closed } = await rawSocket(portOf(s.url))
    socket.write('POST /api/v1/translate HTTP/1.1\r\nHost: 127.0.0.1\r\n')
    let i = 0
    const drip = setInterval(() => { if (!socket.destroyed) socket.write(`X-Slow-${i++}: a\r\n`) }, 400)
    const ms = await closed
    clearInterval(drip)
    expect(received()).toMatch(/^HTTP\/1\.1 408/)
    expect(ms).toBeLessThan(1500 + 1000 + 2500)
    expect((await fetch(s.url + '/healthz')).status).toBe(200)
  })

  test('case 29: slow body (1 byte / 200 ms, Content-Length 1000) → 408 problem within the body deadline', async () => {
    const { socket, received, closed } = await rawSocket(portOf(s.url))
    socket.write('POST /api/v1/translate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{')
    const drip = setInterval(() => { if (!socket.destroyed) socket.write(' ') }, 200)
    const ms = await closed
    clearInterval(drip)
    const text = received()
    expect(text).toMatch(/^HTTP\/1\.1 408/)
    expect(text).toContain('application/problem+json')
    expect(text).toContain('"code":"body_timeout"')
    expect(ms).toBeLessThan(1500 + 3000)
    expect((await fetch(s.url + '/healthz')).status).toBe(200)
  })

  test('case 32: concurrent load (wrk -t2 -c50, POST /translate) → no non-2xx and no socket errors', async (ctx) => {
    const wrk = await new Promise<boolean>((r) => execFile('wrk', ['--version'], (e) => r(!e || !/ENOENT/.test(String(e)))))
    if (!wrk) { ctx.skip(true, 'wrk is not installed (apt-get install -y wrk)'); return }
    const dir = mkdtempSync(join(tmpdir(), 'sigmaport-wrk-'))
    const script = join(dir, 'post.lua')
    writeFileSync(script, `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = ${JSON.stringify(JSON.stringify({ rule: RULE, target: 'splunk' }))}\n`)
    const out = await new Promise<string>((resolve, reject) =>
      execFile('wrk', ['-t2', '-c50', '-d3s', '--timeout', '5s', '--latency', '-s', script, `${s.url}/api/v1/translate`], (e, stdout) => (e ? reject(e) : resolve(stdout))))
    expect(out).not.toMatch(/Non-2xx/)
    expect(out).not.toMatch(/Socket errors/)
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1])
    expect(rps).toBeGreaterThan(5) // throughput is measured by npm run bench:http, not asserted here
    expect((await fetch(s.url + '/healthz')).status).toBe(200)
  })
})

describe('TLS and HTTP/2', () => {
  const tls = selfSigned()
  let s: Running
  let ca: Buffer
  let password: string
  beforeAll(async () => {
    if (!tls) return
    ca = readFileSync(tls.cert)
    password = await hashPassword('correct horse battery staple', 1024)
    s = await serveTest({
      server: { tls: { cert: tls.cert, key: tls.key, http2: true } },
      auth: { mode: 'basic', users: [{ username: 'analyst', password, scopes: ['translate'] }] },
    })
  })
  afterAll(async () => { await s?.close() })

  const handshake = (maxVersion: 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3', minVersion: 'TLSv1' | 'TLSv1.2' | 'TLSv1.3' = 'TLSv1') =>
    new Promise<string>((resolve) => {
      // SECLEVEL=0 lets this client offer TLS 1.1, so a refusal comes from the server, not from the client's OpenSSL.
      const sock = tlsConnect({ host: '127.0.0.1', port: portOf(s.url), ca, maxVersion, minVersion, ciphers: 'DEFAULT:@SECLEVEL=0', ALPNProtocols: ['h2', 'http/1.1'] }, () => {
        resolve(`ok ${sock.getProtocol()} ${sock.alpnProtocol}`)
        sock.end()
      })
      sock.on('error', (e) => resolve(`error ${(e as NodeJS.ErrnoException).code ?? e.message}`))
    })

  test('case 36: TLS 1.1 is refused, TLS 1.2/1.3 work, HTTP/2 is negotiated by ALPN, HTTP/1.1 still works', async (ctx) => {
    if (!tls) { ctx.skip(true, 'openssl CLI missing: cannot make a test certificate'); return }
    expect(await handshake('TLSv1.1')).toBe('error ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION') // the server's alert
    expect(await handshake('TLSv1.2')).toBe('ok TLSv1.2 h2')
    expect(await handshake('TLSv1.3', 'TLSv1.3')).toBe('ok TLSv1.3 h2')

    const session = h2connect(s.url, { ca })
    const h2 = await new Promise<{ status: number; body: string; hsts: string | undefined }>((resolve, reject) => {
      const req = session.request({ ':path': '/healthz' })
      let body = ''
      let status = 0
      let hsts: string | undefined
      req.on('response', (h) => { status = Number(h[':status']); hsts = h['strict-transport-security'] as string | undefined })
      req.on('data', (d: Buffer) => { body += d.toString() })
      req.on('end', () => resolve({ status, body, hsts }))
      req.on('error', reject)
      req.end()
    })
    session.close()
    expect(h2).toMatchObject({ status: 200, body: '{"status":"ok"}' })
    expect(h2.hsts).toContain('max-age=')

    const h1 = await new Promise<number>((resolve, reject) => {
      httpsRequest(`${s.url}/healthz`, { ca, ALPNProtocols: ['http/1.1'] } as object, (res) => { res.resume(); resolve(res.statusCode ?? 0) }).on('error', reject).end()
    })
    expect(h1).toBe(200)
  })

  test('HTTP Basic over TLS: right password converts (over h2), wrong password → 401 Basic challenge', async (ctx) => {
    if (!tls) { ctx.skip(true, 'openssl CLI missing'); return }
    const send = (user: string, pass: string) => new Promise<{ status: number; challenge?: string; body: string }>((resolve, reject) => {
      const session = h2connect(s.url, { ca })
      const req = session.request({ ':method': 'POST', ':path': '/api/v1/translate', 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` })
      let status = 0
      let challenge: string | undefined
      let body = ''
      req.on('response', (h) => { status = Number(h[':status']); challenge = h['www-authenticate'] as string | undefined })
      req.on('data', (d: Buffer) => { body += d.toString() })
      req.on('end', () => { session.close(); resolve({ status, body, ...(challenge === undefined ? {} : { challenge }) }) })
      req.on('error', reject)
      req.end(JSON.stringify({ rule: RULE, target: 'splunk' }))
    })
    const ok = await send('analyst', 'correct horse battery staple')
    expect(ok.status).toBe(200)
    expect(ok.body).toContain('whoami.exe')
    const bad = await send('analyst', 'Tr0ub4dor&3')
    expect(bad.status).toBe(401)
    expect(bad.challenge).toBe('Basic realm="sigmaport", charset="UTF-8"')
    expect(s.lines.join('\n')).not.toContain('Tr0ub4dor')
    const unknown = await send('mallory', 'x')
    expect(unknown.body.replace(/"requestId":"[^"]+"/, '')).toBe(bad.body.replace(/"requestId":"[^"]+"/, ''))
  })
})

describe('npm start defaults', () => {
  test('loopback 127.0.0.1:8080 with no auth by default; HOST and PORT override', () => {
    const d = loadConfig(undefined, {})
    expect(d.server).toMatchObject({ host: '127.0.0.1', port: 8080 })
    expect(d.auth.mode).toBe('none')
    expect(loadConfig(undefined, { HOST: '::1', PORT: '9090' }).server).toMatchObject({ host: '::1', port: 9090 })
    // Binding every interface without authentication is refused with a clear message.
    expect(() => loadConfig(undefined, { HOST: '0.0.0.0' })).toThrow(/auth\.mode: 'none' is only allowed/)
  })

  test('the example config file is valid', () => {
    const c = loadConfig(new URL('../../config/sigmaport.example.json', import.meta.url).pathname, { SIGMAPORT_TLS_CERT: '/tmp/c.pem', SIGMAPORT_TLS_KEY: '/tmp/k.pem' })
    expect(c.auth.mode).toBe('apiKey')
  })
})

void sleep
