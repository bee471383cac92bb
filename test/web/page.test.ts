/**
 * The web page in real headless Chromium: built from the current sources, served by a static server with the
 * service's CSP (so no inline script/style sneaks in), driven like a user would (paste, select, click).
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { BACKENDS, allPipelines, createConverter, loadPipeline, type Pipeline } from '../../src/index.js'
import { CHROMIUM, launch, openPage, pasteInto, pasteRule, queryText, tickPipeline } from './helpers/browser.js'
import { buildPage } from './helpers/build.js'
import { serveStatic, type StaticServer } from './helpers/static-server.js'
import { serveTest, type Running } from '../server/helpers/server.js'

const shared = fileURLToPath(new URL('../../../shared/', import.meta.url))
const repo = fileURLToPath(new URL('../../', import.meta.url))
const CORPUS_RULE = 'rules/windows/process_creation/proc_creation_win_whoami_priv_discovery.yml'
const ruleText = readFileSync(`${shared}sigma/${CORPUS_RULE}`, 'utf8')

/** The same engine in Node: what the page must show. */
function expected(rule: string, target: string, pipelines: readonly (string | Pipeline)[] = [], format?: string): string {
  const c = createConverter({ target, pipelines, ...(format ? { format } : {}) })
  const { results } = c.convertText(rule, 'rule.yml')
  const queries = results.flatMap((r) => r.queries)
  const done = c.finalize(queries)
  const show = (q: string | object): string => (typeof q === 'string' ? q : JSON.stringify(q, null, 2))
  return typeof done === 'string' ? done : done.map(show).join('\n\n')
}

/** Only assertion-free failures are real: without Chromium outside CI the suite is skipped with a reason. */
const skip = !CHROMIUM && !process.env.CI
if (skip) console.warn('test/web: skipped, no Chromium (apt-get install -y chromium)')

describe.skipIf(skip)('web page', () => {
  let browser: Browser
  let site: StaticServer

  beforeAll(async () => {
    const dist = await buildPage()
    site = await serveStatic(dist)
    browser = await launch()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await site?.close()
  })

  test('a pasted corpus rule shows the expected query for every target, offline and without CSP errors', async () => {
    const w = await openPage(browser)
    await w.page.goto(site.url)
    await pasteRule(w.page, ruleText)
    // The pySigma reference for Splunk is the fixed point: the page must show exactly it.
    const ref = readFileSync(`${shared}reference/pysigma/splunk.jsonl`, 'utf8').split('\n').find((l) => l.includes(CORPUS_RULE))
    const refQuery = (JSON.parse(ref ?? '{}') as { queries?: string[] }).queries?.[0]
    await w.page.selectOption('#target', 'splunk')
    await expect.poll(() => queryText(w.page)).toBe(refQuery)
    for (const b of BACKENDS) {
      await w.page.selectOption('#target', b.id)
      await expect.poll(() => queryText(w.page), { message: b.id }).toBe(expected(ruleText, b.id))
      // Only the pipelines valid for the target are offered.
      const offered = await w.page.locator('#pipeline-list input').evaluateAll((xs) => xs.map((x) => (x as HTMLInputElement).value))
      const all = allPipelines()
      expect(offered.length, b.id).toBeGreaterThan(0)
      for (const p of offered) expect(b.pipelines?.[p] !== undefined || all[p]?.backends.length === 0, `${b.id} offers ${p}`).toBe(true)
    }
    // Every request stayed on the page's own origin (no CDN) and nothing was posted.
    expect(w.requests.filter((r) => !r.startsWith(`GET ${site.url}`))).toEqual([])
    expect(w.errors).toEqual([])
    await w.context.close()
  })

  test('choosing a pipeline and a format changes the query accordingly', async () => {
    const w = await openPage(browser)
    await w.page.goto(site.url)
    await pasteRule(w.page, ruleText)
    await w.page.selectOption('#target', 'splunk')
    await tickPipeline(w.page, 'sysmon')
    await expect.poll(() => queryText(w.page)).toBe(expected(ruleText, 'splunk', ['sysmon']))
    const formats = Object.keys(BACKENDS.find((b) => b.id === 'splunk')?.formats ?? {}).filter((f) => f !== 'default')
    for (const f of formats) {
      await w.page.selectOption('#format', f)
      await expect.poll(() => queryText(w.page), { message: f }).toBe(expected(ruleText, 'splunk', ['sysmon'], f))
    }
    expect(w.errors).toEqual([])
    await w.context.close()
  })

  test('a rule opened from a file with a pasted pipeline: mapped fields listed, query downloadable', async () => {
    const w = await openPage(browser)
    await w.page.goto(site.url)
    await w.page.locator('#open-file').setInputFiles({ name: 'whoami.yml', mimeType: 'text/yaml', buffer: Buffer.from(ruleText) })
    await w.page.selectOption('#target', 'splunk')
    await expect.poll(() => queryText(w.page)).toBe(expected(ruleText, 'splunk'))
    const pipeline = 'name: mine\npriority: 100\ntransformations:\n  - type: field_name_mapping\n    mapping:\n      Image: process.executable\n'
    await w.page.locator('#custom-pipeline summary').click()
    await pasteInto(w.page, '#pipeline-editor', pipeline)
    const loaded = loadPipeline(pipeline, 'pipelineYaml').pipeline
    if (!loaded) throw new Error('test pipeline does not load')
    await expect.poll(() => queryText(w.page)).toBe(expected(ruleText, 'splunk', [loaded]))
    expect(await queryText(w.page)).toContain('process.executable=')
    expect(await w.page.locator('#fields-mapped').textContent()).toContain('Image → process.executable')
    expect(await w.page.locator('#fields-kept').textContent()).toMatch(/OriginalFileName.*CommandLine/)
    const [file] = await Promise.all([w.page.waitForEvent('download'), w.page.click('#download')])
    expect(file.suggestedFilename()).toBe('security-privileges-enumeration-via-whoami-exe.spl')
    const saved = await file.path()
    expect(readFileSync(saved, 'utf8')).toBe(await queryText(w.page))
    // A broken pipeline is reported on the pipeline editor, not on the rule.
    await pasteInto(w.page, '#pipeline-editor', 'name: broken\ntransformations:\n  - type: no_such_transformation\n')
    await expect.poll(() => w.page.locator('#problems li.diag').count()).toBeGreaterThan(0)
    expect(await w.page.locator('#problems li.diag button.where').first().textContent()).toMatch(/^pipeline line \d+/)
    expect(await w.page.locator('#pipeline-editor .cm-lintRange-error').count()).toBeGreaterThan(0)
    expect(await w.page.locator('#rule-editor .cm-lintRange-error').count()).toBe(0)
    expect(w.errors).toEqual([])
    await w.context.close()
  })

  const INVALID: readonly { name: string; rule: string; line: number; code: string; text: RegExp }[] = [
    {
      name: 'undefined identifier in the condition',
      rule: "title: Bad\nlogsource:\n    product: windows\ndetection:\n    selection:\n        Image|endswith: '\\x.exe'\n    condition: selection and not filter\n",
      line: 7, code: 'condition.undefined_identifier', text: /'filter' is not defined/,
    },
    {
      name: 'unknown modifier',
      rule: "title: Bad\nlogsource:\n    product: windows\ndetection:\n    selection:\n        Image|foo: 'x'\n    condition: selection\n",
      line: 6, code: 'modifier.unknown', text: /Unknown modifier 'foo'/,
    },
    {
      name: 'YAML syntax error',
      rule: "title: Bad\nlogsource:\n    product: windows\ndetection:\n    selection:\n        Image: 'x'\n      bad: [\n    condition: selection\n",
      line: 7, code: 'yaml.syntax', text: /same column/,
    },
  ]

  test.each(INVALID)('an invalid rule shows its error at the right line: $name', async ({ rule, line, code, text }) => {
    const w = await openPage(browser)
    await w.page.goto(site.url)
    await pasteRule(w.page, rule)
    const item = w.page.locator(`#problems li.diag[data-code="${code}"]`).first()
    await expect.poll(() => item.getAttribute('data-line')).toBe(String(line))
    expect(await item.textContent()).toMatch(text)
    // The mark is on the rule itself, on that line, with a marker in the gutter.
    const marked = await w.page.locator('#rule-editor .cm-line').evaluateAll((lines) =>
      lines.map((l, i) => (l.querySelector('.cm-lintRange-error') ? i + 1 : 0)).filter((n) => n > 0))
    expect(marked).toContain(line)
    await expect.poll(() => w.page.locator('#rule-editor .cm-lint-marker-error').count()).toBeGreaterThan(0)
    // The line link puts the cursor there.
    await item.locator('button.where').click()
    const active = await w.page.locator('#rule-editor .cm-activeLineGutter').first().textContent()
    expect(active?.trim()).toBe(String(line))
    expect(w.errors).toEqual([])
    await w.context.close()
  })

  test('a share link restores rule, target, format and pipelines, and the fragment never reaches the server', async () => {
    const a = await openPage(browser)
    await a.page.goto(site.url)
    const rule = ruleText.replace('title: ', 'title: Shared ')
    await pasteRule(a.page, rule)
    const target = BACKENDS[BACKENDS.length - 1]?.id ?? 'splunk'
    await a.page.selectOption('#target', target)
    const pipeline = await a.page.locator('#pipeline-list input').first().getAttribute('value')
    if (pipeline) await tickPipeline(a.page, pipeline)
    const format = Object.keys(BACKENDS.find((b) => b.id === target)?.formats ?? {}).find((f) => f !== BACKENDS.find((b) => b.id === target)?.defaultFormat)
    if (format) await a.page.selectOption('#format', format)
    const want = expected(rule, target, pipeline ? [pipeline] : [], format)
    await expect.poll(() => queryText(a.page)).toBe(want)
    await a.page.click('#share')
    await expect.poll(() => a.page.url()).toMatch(/#s=/)
    const link = a.page.url()
    await a.context.close()

    const b = await openPage(browser)
    await b.page.goto(link)
    await expect.poll(() => queryText(b.page)).toBe(want)
    expect(await b.page.locator('#target').inputValue()).toBe(target)
    expect(await b.page.locator('#format').inputValue()).toBe(format ?? '')
    if (pipeline) expect(await b.page.locator(`#pipeline-list input[value="${pipeline}"]`).isChecked()).toBe(true)
    const lines = await b.page.locator('#rule-editor .cm-line').allTextContents()
    expect(lines.join('\n')).toBe(rule)
    expect(b.errors).toEqual([])
    expect(site.requests.every((r) => r.startsWith('GET ') && !r.includes('#') && !r.includes('s='))).toBe(true)
    await b.context.close()
  })

  test('"All targets" shows the rule in every target side by side', async () => {
    const w = await openPage(browser)
    await w.page.goto(site.url)
    await pasteRule(w.page, ruleText)
    await w.page.click('#tab-all')
    await expect.poll(() => w.page.locator('#all-grid .card').count()).toBe(BACKENDS.length)
    for (const b of BACKENDS) {
      const card = w.page.locator(`#all-grid .card[data-target="${b.id}"]`)
      await expect.poll(() => card.locator('pre.query').textContent(), { message: b.id }).toBe(expected(ruleText, b.id))
    }
    expect(w.errors).toEqual([])
    await w.context.close()
  })

  test('screenshots of the main view (1280×800 light, dark, narrow; all targets) are saved for review', async () => {
    mkdirSync(`${repo}test-output`, { recursive: true })
    for (const [name, opts] of [['web-main', {}], ['web-dark', { dark: true }], ['web-narrow', { width: 390, height: 844 }]] as const) {
      const w = await openPage(browser, opts)
      await w.page.goto(site.url)
      await pasteRule(w.page, ruleText)
      await w.page.selectOption('#target', 'splunk')
      await tickPipeline(w.page, 'sysmon')
      await expect.poll(() => queryText(w.page)).toBe(expected(ruleText, 'splunk', ['sysmon']))
      // Nothing may overflow the viewport sideways.
      const overflow = await w.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(overflow, name).toBeLessThanOrEqual(0)
      await w.page.screenshot({ path: `${repo}test-output/${name}.png`, fullPage: name === 'web-narrow' })
      if (name === 'web-main') {
        await w.page.click('#tab-all')
        await expect.poll(() => w.page.locator('#all-grid .card').count()).toBe(BACKENDS.length)
        await w.page.screenshot({ path: `${repo}test-output/web-all.png` })
      }
      expect(w.errors).toEqual([])
      await w.context.close()
    }
  })
})

describe.skipIf(skip)('web page served by the service, in server mode', () => {
  let browser: Browser
  let service: Running

  beforeAll(async () => {
    const dist = await buildPage()
    service = await serveTest({ web: { root: dist } })
    browser = await launch()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await service?.close()
  })

  test('the service serves the page under its real CSP, and server mode posts the rule to /api/v1/translate', async () => {
    const w = await openPage(browser)
    await w.page.goto(`${service.url}/`)
    await pasteRule(w.page, ruleText)
    await w.page.selectOption('#target', 'splunk')
    await expect.poll(() => queryText(w.page)).toBe(expected(ruleText, 'splunk'))
    expect(w.requests.filter((r) => r.startsWith('POST'))).toEqual([])
    expect(await w.page.locator('#privacy').textContent()).toMatch(/never leaves this machine/)

    await w.page.locator('#server-mode').check()
    expect(await w.page.locator('#privacy').textContent()).toMatch(/sent to 127\.0\.0\.1/)
    await tickPipeline(w.page, 'sysmon')
    await expect.poll(() => queryText(w.page)).toBe(expected(ruleText, 'splunk', ['sysmon']))
    await expect.poll(() => w.page.locator('#status').textContent()).toMatch(/by the service/)
    expect(w.requests.some((r) => r === `POST ${service.url}/api/v1/translate`)).toBe(true)

    // The service's diagnostics land on the rule too.
    const bad = "title: Bad\nlogsource:\n    product: windows\ndetection:\n    selection:\n        Image|foo: 'x'\n    condition: selection\n"
    await pasteRule(w.page, bad)
    const item = w.page.locator('#problems li.diag[data-code="modifier.unknown"]').first()
    await expect.poll(() => item.getAttribute('data-line')).toBe('6')
    // A 400 answer is logged by Chromium as a failed resource; anything else (CSP, script errors) is a defect.
    expect(w.errors.filter((e) => !/Failed to load resource: the server responded with a status of 400/.test(e))).toEqual([])
    await w.context.close()
  })
})
