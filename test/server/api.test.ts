/** The API surface: translate/validate/batch (JSON and NDJSON both ways), targets, OpenAPI, the page at `/`. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { expectProblem, json, makeApp, RULE, translate, type TestApp } from './helpers/app.js'

let t: TestApp
beforeAll(async () => { t = await makeApp({ limits: { batchItems: 50 } }) })
afterAll(async () => { await t.close() })

const BAD = 'title: broken\nlogsource: {product: windows}\ndetection:\n  sel: {a: b}\n  condition: sel and\n'
const UNSUPPORTED_FORMAT = { format: 'no_such_format' }

describe('translate and validate', () => {
  test('translate returns queries, diagnostics, target and format; aliases and formats resolve', async () => {
    const res = await t.app.request('/api/v1/translate', json(translate(RULE)))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ target: 'splunk', format: 'default', queries: ['Image="*\\\\whoami.exe" CommandLine="*/priv*"'], diagnostics: [] })
    const conf = await t.app.request('/api/v1/translate', json(translate(RULE, { format: 'savedsearches' })))
    const body = (await conf.json()) as { output?: string }
    expect(body.output).toContain('[Suspicious whoami]')
  })

  test('unknown target / format / option / pipeline → 422 invalid_settings with a diagnostic', async () => {
    for (const extra of [{ target: 'nope' }, UNSUPPORTED_FORMAT, { options: { nope: '1' } }, { pipelines: ['nope'] }]) {
      const p = await expectProblem(await t.app.request('/api/v1/translate', json(translate(RULE, extra))), 422)
      expect(p.code).toBe('invalid_settings')
      expect((p.diagnostics as unknown[]).length).toBeGreaterThan(0)
    }
  })

  test('schema violations → 422 invalid_request listing the paths; unknown keys are refused', async () => {
    const p = await expectProblem(await t.app.request('/api/v1/translate', json({ rule: 1, target: 'splunk', extra: true })), 422)
    expect(p.code).toBe('invalid_request')
    expect((p.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['(body)', 'rule'])
  })

  test('limits: too many pipelines → 422, oversized pipelineYaml → 413', async () => {
    const many = await t.app.request('/api/v1/translate', json(translate(RULE, { pipelines: Array(9).fill('x') })))
    expect((await expectProblem(many, 422)).code).toBe('too_many_items')
    const big = await t.app.request('/api/v1/translate', json(translate(RULE, { pipelineYaml: 'x'.repeat(33 * 1024) })))
    expect((await expectProblem(big, 413)).code).toBe('pipeline_too_large')
  })

  test('pipelineYaml is applied; a broken one is 422 with its diagnostics', async () => {
    const pipelineYaml = 'name: test\npriority: 10\ntransformations:\n  - type: field_name_mapping\n    mapping:\n      Image: process.executable\n'
    const res = await t.app.request('/api/v1/translate', json(translate(RULE, { pipelineYaml })))
    expect(res.status).toBe(200)
    expect(JSON.stringify(await res.json())).toContain('process.executable')
    const bad = await t.app.request('/api/v1/translate', json(translate(RULE, { pipelineYaml: 'transformations: [ {type: nope} ]' })))
    expect((await expectProblem(bad, 422)).code).toBe('invalid_settings')
  })

  test('validate answers valid/invalid with diagnostics (200), not an error', async () => {
    const ok = await t.app.request('/api/v1/validate', json(translate(RULE)))
    expect(await ok.json()).toMatchObject({ valid: true, rules: 1, diagnostics: [] })
    const bad = await t.app.request('/api/v1/validate', json(translate(BAD)))
    expect(bad.status).toBe(200)
    const b = (await bad.json()) as { valid: boolean; diagnostics: { code: string; line: number }[] }
    expect(b.valid).toBe(false)
    expect(b.diagnostics[0]).toMatchObject({ code: 'condition.syntax', line: 5 })
  })
})

describe('batch', () => {
  test('JSON: one result per rule in order; a bad rule never fails the batch', async () => {
    const res = await t.app.request('/api/v1/translate/batch', json({ target: 'splunk', rules: [RULE, { id: 'bad', rule: BAD }, { id: 'big', rule: 'x'.repeat(70 * 1024) }, RULE] }))
    expect(res.status).toBe(200)
    const b = (await res.json()) as { results: { index: number; id?: string; ok: boolean; status: number; code?: string; queries: string[] }[]; summary: unknown }
    expect(b.results.map((r) => [r.index, r.ok, r.status, r.code ?? null])).toEqual([[0, true, 200, null], [1, false, 400, 'invalid_rule'], [2, false, 413, 'rule_too_large'], [3, true, 200, null]])
    expect(b.results[1]?.id).toBe('bad')
    expect(b.summary).toEqual({ total: 4, ok: 2, failed: 2 })
  })

  test('JSON in, NDJSON out when Accept asks for it', async () => {
    const res = await t.app.request('/api/v1/translate/batch', json({ target: 'splunk', rules: [RULE, BAD] }, { Accept: 'application/x-ndjson' }))
    expect(res.headers.get('content-type')).toContain('application/x-ndjson')
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.map((l) => l.ok ?? 'summary')).toEqual([true, false, 'summary'])
  })

  test('NDJSON streamed both ways; settings in the query; a malformed line is that item\'s error', async () => {
    const enc = new TextEncoder()
    const lines = [JSON.stringify({ id: 'a', rule: RULE }), '{not json', JSON.stringify({ id: 'c', rule: BAD }), JSON.stringify({ rule: RULE })]
    const body = new ReadableStream<Uint8Array>({
      async start(c) { for (const l of lines) { c.enqueue(enc.encode(l + '\n')); await new Promise((r) => setTimeout(r, 5)) } c.close() },
    })
    const res = await t.app.request('/api/v1/translate/batch?target=splunk&format=default', { method: 'POST', headers: { 'Content-Type': 'application/x-ndjson' }, body, duplex: 'half' } as RequestInit)
    expect(res.status).toBe(200)
    const out = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(out.map((o) => [o.index, o.id ?? null, o.ok, o.code ?? null])).toEqual([[0, 'a', true, null], [1, null, false, 'malformed_json'], [2, 'c', false, 'invalid_rule'], [3, null, true, null], [undefined, null, undefined, null]])
    expect(out.at(-1)).toEqual({ summary: { total: 4, ok: 2, failed: 2 } })
  })

  test('batch item cap → 422 too_many_items (JSON); NDJSON ends with a problem line', async () => {
    const p = await expectProblem(await t.app.request('/api/v1/translate/batch', json({ target: 'splunk', rules: Array(51).fill(RULE) })), 422)
    expect(p.code).toBe('too_many_items')
    const nd = Array.from({ length: 51 }, () => JSON.stringify({ rule: RULE })).join('\n')
    const res = await t.app.request('/api/v1/translate/batch?target=splunk', { method: 'POST', headers: { 'Content-Type': 'application/x-ndjson' }, body: nd })
    const last = JSON.parse((await res.text()).trim().split('\n').at(-1) as string) as { error: { code: string; status: number } }
    expect(last.error).toMatchObject({ code: 'too_many_items', status: 422 })
  })
})

describe('discovery and the page', () => {
  test('targets lists targets, formats, pipelines and options', async () => {
    const b = (await (await t.app.request('/api/v1/targets')).json()) as { targets: { id: string; formats: { id: string }[]; options: { id: string }[] }[]; pipelines: { id: string }[] }
    const splunk = b.targets.find((x) => x.id === 'splunk')
    expect(splunk?.formats.map((f) => f.id)).toEqual(expect.arrayContaining(['default', 'savedsearches']))
    expect(splunk?.options.map((o) => o.id)).toContain('min_time')
    expect(b.pipelines.length).toBeGreaterThan(0)
  })

  test('openapi.json is generated from the schemas: every $ref resolves, every route is documented', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/v1/targets', '/api/v1/translate', '/api/v1/translate/batch', '/api/v1/validate', '/healthz', '/openapi.json'])
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] as string)
    expect(refs.length).toBeGreaterThan(10)
    for (const r of refs) expect(doc.components.schemas, r).toHaveProperty(r)
    expect(JSON.stringify(doc.components.schemas.TranslateRequest)).toContain('"required":["rule","target"]')
  })

  test('`/` says the page is not built when web/dist is missing (the API is real)', async () => {
    const res = await t.app.request('/')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('not built')
  })

  test('`/` serves web/dist when it exists; no path escapes the build directory', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sigmaport-web-'))
    mkdirSync(join(root, 'assets'))
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>sigmaport</title><script type="module" src="/assets/app.js"></script>')
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
    const w = await makeApp({ web: { root } })
    try {
      expect(await (await w.app.request('/')).text()).toContain('<title>sigmaport</title>')
      const js = await w.app.request('/assets/app.js')
      expect(js.headers.get('content-type')).toContain('text/javascript')
      for (const p of ['/../package.json', '/assets/../../etc/passwd', '/%2e%2e/package.json']) expect((await w.app.request(p)).status).toBe(404)
    } finally {
      await w.close()
    }
  })
})
