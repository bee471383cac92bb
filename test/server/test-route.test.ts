/** POST /api/v1/test (the reference evaluator behind the API) and `filters` on translate. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { expectProblem, json, makeApp, RULE, translate, type TestApp } from './helpers/app.js'

let t: TestApp
beforeAll(async () => { t = await makeApp() })
afterAll(async () => { await t.close() })

interface TestBody { eventCount: number; rules: { title: string; matched: number; events: { event: number; match: boolean; fired: { field: string | null }[] }[] }[] }

describe('POST /api/v1/test', () => {
  test('reports which events match and the detection items that fired', async () => {
    const events = [
      { Image: 'C:\\Windows\\System32\\WHOAMI.EXE', CommandLine: 'whoami /priv' },
      { Image: 'C:\\Windows\\System32\\whoami.exe', CommandLine: 'whoami /all' },
    ]
    const res = await t.app.request('/api/v1/test', json({ rule: RULE, events }))
    expect(res.status).toBe(200)
    const body = (await res.json()) as TestBody
    expect(body.eventCount).toBe(2)
    expect(body.rules[0]?.events.map((e) => e.match)).toEqual([true, false])
    expect(body.rules[0]?.events[0]?.fired.map((f) => f.field).sort()).toEqual(['CommandLine', 'Image'])
  })

  test('NDJSON events as text; an invalid rule is a 400 problem with positioned diagnostics', async () => {
    const ok = await t.app.request('/api/v1/test', json({ rule: RULE, events: '{"Image":"x\\\\whoami.exe","CommandLine":"/priv"}\n{"Image":"y"}\n' }))
    expect(((await ok.json()) as TestBody).rules[0]?.events.map((e) => e.match)).toEqual([true, false])
    const bad = await expectProblem(await t.app.request('/api/v1/test', json({ rule: 'title: x\nlogsource: {product: a}\ndetection:\n  s: {a|nope: 1}\n  condition: s\n', events: [{}] })), 400)
    expect((bad.diagnostics as { line?: number }[])[0]?.line).toBe(4)
  })
})

describe('filters on translate', () => {
  const FILTER = `title: not for admins
logsource:
  product: windows
  category: process_creation
filter:
  rules: [0a7e2e9f-3f0a-4a35-9c67-5f7c4b1f2c11]
  admin:
    User|startswith: 'adm_'
  condition: not admin
`
  test('a matching filter adds its exclusion; a non-matching one changes nothing', async () => {
    const res = await t.app.request('/api/v1/translate', json(translate(RULE, { filters: [FILTER] })))
    expect(res.status).toBe(200)
    expect(((await res.json()) as { queries: string[] }).queries).toEqual(['Image="*\\\\whoami.exe" CommandLine="*/priv*" NOT User="adm_*"'])
    const other = FILTER.replace('process_creation', 'image_load')
    const res2 = await t.app.request('/api/v1/translate', json(translate(RULE, { filters: [other] })))
    expect(((await res2.json()) as { queries: string[] }).queries).toEqual(['Image="*\\\\whoami.exe" CommandLine="*/priv*"'])
  })

  test('a filter field that is not a filter document is refused', async () => {
    const p = await expectProblem(await t.app.request('/api/v1/translate', json(translate(RULE, { filters: [RULE] }))), 400)
    expect((p.diagnostics as { code: string }[]).some((d) => d.code === 'filter.not_a_filter')).toBe(true)
  })
})
