/**
 * SECURITY-NOTES §5 cases 1–20, 33 and 39: hostile request bodies and hostile Sigma YAML, through app.request().
 * Every error must be problem+json with a requestId, no stack or path, and the server must stay up.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { expectProblem, json, makeApp, RULE, translate, type TestApp } from './helpers/app.js'

let t: TestApp
/** A raised tier: bodies and rules up to 1 MiB (for cases that must get past the size limit). */
let big: TestApp
beforeAll(async () => {
  ;[t, big] = await Promise.all([
    makeApp(),
    makeApp({ limits: { bodyBytes: 1024 * 1024, ruleBytes: 1024 * 1024, outputBytes: 2048 } }),
  ])
})
afterAll(async () => { await Promise.all([t.close(), big.close()]) })

const up = async (a: TestApp = t) => expect((await a.app.request('/healthz')).status).toBe(200)
const post = async (body: BodyInit, headers: Record<string, string> = { 'Content-Type': 'application/json' }, a: TestApp = t): Promise<Response> =>
  a.app.request('/api/v1/translate', { method: 'POST', headers, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit)
const rule = (cond: string, extra = '') =>
  `title: t\nlogsource: {product: windows}\ndetection:\n  sel1: {a: b}\n  sel2: {c: d}\n  f1: {e: f}\n  f2: {g: h}\n  condition: ${cond}\n${extra}`
const codes = (p: Record<string, unknown>) => ((p.diagnostics ?? []) as { code: string }[]).map((d) => d.code)

describe('request bodies', () => {
  test('case 1: oversized body with Content-Length → 413 without reading the body', async () => {
    let pulled = false
    const stream = new ReadableStream<Uint8Array>({ pull(c) { pulled = true; c.enqueue(new Uint8Array(200 * 1024)); c.close() } }, { highWaterMark: 0 })
    const res = await post(stream, { 'Content-Type': 'application/json', 'Content-Length': String(200 * 1024) })
    const p = await expectProblem(res, 413)
    expect(p.code).toBe('body_too_large')
    expect(pulled).toBe(false)
    await up()
  })

  test('case 2: oversized chunked body (no Content-Length) → 413', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024))
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({ pull(c) { if (sent++ < 13) c.enqueue(chunk); else c.close() } })
    const p = await expectProblem(await post(stream), 413)
    expect(p.code).toBe('body_too_large')
    expect(sent).toBeLessThan(13) // stopped reading at the limit
    await up()
  })

  test('case 3: body of exactly the limit is accepted, limit + 1 is 413', async () => {
    const base = JSON.stringify(translate(RULE))
    const exact = base + ' '.repeat(64 * 1024 - Buffer.byteLength(base))
    expect(Buffer.byteLength(exact)).toBe(64 * 1024)
    expect((await post(exact)).status).toBe(200)
    await expectProblem(await post(exact + ' '), 413)
    await up()
  })

  test('case 4: wrong content type (text/plain, none, multipart) → 415', async () => {
    const body = JSON.stringify(translate(RULE))
    for (const headers of [{ 'Content-Type': 'text/plain' }, {} as Record<string, string>, { 'Content-Type': 'multipart/form-data; boundary=x' }, { 'Content-Type': 'application/json; charset=latin1' }]) {
      const p = await expectProblem(await post(body, headers), 415)
      expect(p.code).toBe('unsupported_media_type')
    }
    await up()
  })

  test('case 5: invalid UTF-8 (bad bytes, encoded surrogates, overlong) and lone surrogate escapes → 400 invalid_utf8', async () => {
    const bodies = [
      Uint8Array.from([...Buffer.from('{"a":"'), 0xff, 0xfe, ...Buffer.from('"}')]),
      Uint8Array.from([...Buffer.from('{"a":"'), 0xed, 0xa0, 0x80, ...Buffer.from('"}')]),
      Uint8Array.from([...Buffer.from('{"a":"'), 0xc0, 0xaf, ...Buffer.from('"}')]),
      Buffer.from(JSON.stringify(translate(RULE)).replace('Suspicious', '\\ud800Suspicious')),
    ]
    for (const b of bodies) expect((await expectProblem(await post(b), 400)).code).toBe('invalid_utf8')
    await up()
  })

  test('case 6: malformed JSON → 400, never 500', async () => {
    for (const b of ['{"a":', '', '{', 'nul', '[1,]']) expect((await expectProblem(await post(b), 400)).code).toBe('malformed_json')
    await up()
  })

  test('case 7: JSON prototype pollution → 400 and no pollution', async () => {
    for (const b of ['{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', `{"rule":"x","target":"splunk","options":{"__proto__":{"polluted":"1"}}}`]) {
      expect((await expectProblem(await post(b), 400)).code).toBe('forbidden_key')
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    await up()
  })
})

describe('hostile Sigma YAML', () => {
  test('case 8: YAML __proto__ key → 400 reserved key', async () => {
    const p = await expectProblem(await post(JSON.stringify(translate(rule('sel1', '__proto__: {isAdmin: true}\n')))), 400)
    expect(codes(p)).toContain('yaml.reserved_key')
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
    await up()
  })

  test('case 9: billion laughs (9×9 aliases, < 1 KB) → 400 quickly', async () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (const [prev, cur] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'gh', 'hi']) lines.push(`${cur}: &${cur} [${Array(9).fill('*' + prev).join(',')}]`)
    const doc = lines.join('\n') + '\n'
    expect(doc.length).toBeLessThan(1024)
    const t0 = performance.now()
    const p = await expectProblem(await post(JSON.stringify(translate(doc))), 400)
    expect(performance.now() - t0).toBeLessThan(3000)
    expect(codes(p)).toContain('yaml.alias')
    await up()
  })

  test('case 10: 10 000 anchor/alias pairs (240 KB) → 413 by size; 1 000 pairs within the limit → 400 quickly', async () => {
    const pairs = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: &a${i} v\nr${i}: *a${i}`).join('\n') + '\n'
    await expectProblem(await post(JSON.stringify(translate(pairs(10_000)))), 413)
    const t0 = performance.now()
    const p = await expectProblem(await post(JSON.stringify(translate(pairs(1000)))), 400)
    expect(performance.now() - t0).toBeLessThan(3000)
    expect(codes(p)).toContain('yaml.alias')
    await up()
  })

  test('case 11: deep nesting ([ × 10 000) → 400 before the recursive parser', async () => {
    const p = await expectProblem(await post(JSON.stringify(translate('a: ' + '['.repeat(10_000) + ']'.repeat(10_000)))), 400)
    expect(codes(p)).toEqual(['yaml.too_large'])
    expect(JSON.stringify(p.diagnostics)).toMatch(/nests deeper/)
    await up()
  })

  test('case 12: duplicate keys → 400 with line 2 column 1', async () => {
    const p = await expectProblem(await post(JSON.stringify(translate('title: a\ntitle: b\n'))), 400)
    const d = (p.diagnostics as { code: string; line: number; column: number }[]).find((x) => x.code === 'yaml.duplicate_key')
    expect(d).toMatchObject({ line: 2, column: 1 })
    await up()
  })

  test('case 13: 6 000 keys (52 KB) convert quickly in the pool; other requests are unaffected', async () => {
    const keys = Array.from({ length: 6000 }, (_, i) => `k${i}: 1`).join('\n')
    const doc = rule('sel1', keys + '\n')
    expect(doc.length).toBeGreaterThan(50_000)
    const t0 = performance.now()
    const heavy = post(JSON.stringify(translate(doc))).then((r) => ({ status: r.status, ms: performance.now() - t0 }))
    const h0 = performance.now()
    await up()
    const healthMs = performance.now() - h0
    const r = await heavy
    expect(r.status).toBe(200)
    expect(r.ms).toBeLessThan(5000)
    // The conversion runs in a worker: the event loop answers at once (generous bound for a busy CI machine).
    expect(healthMs).toBeLessThan(1000)
  })

  test('case 14: YAML tags (!!js/function, !js/regexp, !!binary, !!set) → 400, nothing executed', async () => {
    for (const v of ['!!js/function "function(){ globalThis.pwned = 1 }"', '!js/regexp /a+/', '!!binary aGVsbG8=', '!!set {a, b}']) {
      const p = await expectProblem(await post(JSON.stringify(translate(rule('sel1', `x: ${v}\n`)))), 400)
      expect(codes(p)).toContain('yaml.tag')
    }
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined()
    await up()
  })

  test('case 15: multiple documents: non-rules → 400; rule collections convert; document cap', async () => {
    await expectProblem(await post(JSON.stringify(translate('a: 1\n---\nb: 2\n'))), 400)
    const two = await post(JSON.stringify(translate(RULE + '---\n' + RULE.replace('0a7e2e9f', '1a7e2e9f'))))
    expect(two.status).toBe(200)
    expect(((await two.json()) as { queries: unknown[] }).queries).toHaveLength(2)
    const many = Array.from({ length: 1500 }, () => 'a: 1').join('\n---\n')
    const p = await expectProblem(await post(JSON.stringify(translate(many))), 400)
    expect(JSON.stringify(p.diagnostics)).toMatch(/more than 1000 YAML documents/)
    await up()
  })

  test('case 16: 100k-item list → 413; with a raised body limit 422 too_many_items (cap ≥ 4 432)', async () => {
    const list = (n: number) => `title: t\nlogsource: {product: windows}\ndetection:\n  sel:\n    a:\n${Array.from({ length: n }, (_, i) => `      - v${i}`).join('\n')}\n  condition: sel\n`
    const huge = list(100_000)
    expect(huge.length).toBeGreaterThan(700_000)
    await expectProblem(await post(JSON.stringify(translate(huge))), 413)
    const over = list(12_000)
    const p = await expectProblem(await post(JSON.stringify(translate(over)), undefined, big), 422)
    expect(p.code).toBe('too_many_items')
    // The largest SigmaHQ list (4 432 items) is inside the cap.
    const ok = await post(JSON.stringify(translate(list(4432))), undefined, t)
    expect([200, 422]).toContain(ok.status)
    expect(((await ok.json()) as { code?: string }).code).not.toBe('too_many_items')
    await up(big)
  })

  test('case 17: deeply nested condition → 400 condition.too_deep before parsing (no RangeError)', async () => {
    for (const n of [40, 10_000]) {
      const p = await expectProblem(await post(JSON.stringify(translate(rule('('.repeat(n) + 'sel1' + ')'.repeat(n)))), undefined, big), 400)
      expect(codes(p)).toContain('condition.too_deep')
    }
    await up(big)
  })

  test('case 18: very long condition (x and x … × 100 000) → 413; with a raised limit 400 condition.too_long', async () => {
    await expectProblem(await post(JSON.stringify(translate(rule(Array(100_000).fill('sel1').join(' and '))))), 413)
    // Raised body limit: a 108 KB condition reaches the condition checks (longer strings hit the YAML string cap).
    const p = await expectProblem(await post(JSON.stringify(translate(rule(Array(12_000).fill('sel1').join(' and ')))), undefined, big), 400)
    expect(codes(p)).toContain('condition.too_long')
    const p2 = await expectProblem(await post(JSON.stringify(translate(rule(Array(1000).fill('sel1').join(' and '))))), 400)
    expect(codes(p2)).toContain('condition.too_long')
    await up()
  })

  test('case 19: condition lexer error → 400 with the position of the bad character', async () => {
    const p = await expectProblem(await post(JSON.stringify(translate(rule('sel1 & sel2')))), 400)
    // `  condition: ` is 13 characters, so condition offset 5 (column 6) is YAML column 19 on line 8.
    expect(p.diagnostics).toEqual([expect.objectContaining({ code: 'condition.lexer', line: 8, column: 19, key: 'detection.condition' })])
    await up()
  })

  test('case 20: unexpected end of condition → 400 at the end of the input', async () => {
    const cond = 'sel1 and (f1 or f2'
    const p = await expectProblem(await post(JSON.stringify(translate(rule(cond)))), 400)
    expect(p.diagnostics).toEqual([expect.objectContaining({ code: 'condition.syntax', line: 8, column: 14 + cond.length })])
    await up()
  })
})

describe('conversion', () => {
  test('case 33: ReDoS regex value is passed through, never executed; conversion stays fast', async () => {
    const t0 = performance.now()
    const doc = `title: t\nlogsource: {product: windows}\ndetection:\n  sel:\n    CommandLine|re: '(a+)+$'\n    Image: '${'a'.repeat(5000)}!'\n  condition: sel\n`
    const res = await post(JSON.stringify(translate(doc)))
    expect(res.status).toBe(200)
    expect(JSON.stringify(await res.json())).toContain('(a+)+$')
    // The service never runs a rule's regex (no matcher); the pattern goes to the SIEM as text.
    expect(performance.now() - t0).toBeLessThan(3000)
  })

  test('case 39: output cap → 422 query_too_large', async () => {
    const doc = `title: t\nlogsource: {product: windows}\ndetection:\n  sel:\n    CommandLine|contains:\n${Array.from({ length: 300 }, (_, i) => `      - value${i}`).join('\n')}\n  condition: sel\n`
    const p = await expectProblem(await post(JSON.stringify(translate(doc)), undefined, big), 422)
    expect(p.code).toBe('query_too_large')
    expect(codes(p)).toContain('output.too_large')
    await up(big)
  })
})
