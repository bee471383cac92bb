/**
 * Headless Chromium (Debian's `chromium` package) driven by playwright-core. Pages record console errors and
 * every request, so a test can assert that nothing left the machine and that the CSP held.
 */
import { existsSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p)
export const CHROMIUM = CANDIDATES.find((p) => existsSync(p))

export function launch(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('Chromium not found: install Debian\'s `chromium` package (apt-get install -y chromium) or set CHROMIUM_PATH')
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

export interface Watched {
  readonly context: BrowserContext
  readonly page: Page
  readonly errors: string[]
  readonly requests: string[]
}

export async function openPage(browser: Browser, opts: { width?: number; height?: number; dark?: boolean } = {}): Promise<Watched> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
    colorScheme: opts.dark ? 'dark' : 'light',
    permissions: ['clipboard-read', 'clipboard-write'],
  })
  const page = await context.newPage()
  const errors: string[] = []
  const requests: string[] = []
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()) })
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`))
  page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`))
  return { context, page, errors, requests }
}

/** Replaces the rule the way a user pastes it: a real paste event on the editor. */
export function pasteRule(page: Page, text: string): Promise<void> {
  return pasteInto(page, '#rule-editor', text)
}

/** Replaces the text of the editor inside `host` with a select-all and a paste event. */
export async function pasteInto(page: Page, host: string, text: string): Promise<void> {
  await page.locator(`${host} .cm-content`).click()
  await page.keyboard.press('ControlOrMeta+a')
  await page.locator(`${host} .cm-content`).evaluate((el, t) => {
    const data = new DataTransfer()
    data.setData('text/plain', t)
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  }, text)
}

/** The text of the rendered query (all queries, as the page shows them). */
export async function queryText(page: Page): Promise<string> {
  const texts = await page.locator('#queries pre.query').allTextContents()
  return texts.join('\n\n')
}

/**
 * Ticks a pipeline checkbox. Playwright's check() fails outright when a click does not flip the box; on a loaded
 * 2-core CI machine that happened once in several runs (the click landed while the page was busy), so the tick is
 * retried a few times and must hold in the end.
 */
export async function tickPipeline(page: Page, value: string): Promise<void> {
  const box = page.locator(`#pipeline-list input[value="${value}"]`)
  for (let attempt = 0; attempt < 4 && !(await box.isChecked()); attempt++) {
    await box.click()
    if (!(await box.isChecked())) await page.waitForTimeout(250)
  }
  if (!(await box.isChecked())) throw new Error(`pipeline ${value} could not be ticked`)
}
