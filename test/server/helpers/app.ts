/** Test apps: a config from defaults + overrides, the bundled worker, security events captured in memory. */
import type { Hono } from 'hono'
import { appServices, closeApp, createApp, type AppDeps } from '../../../src/server/app.js'
import { parseConfig, type ConfigInput } from '../../../src/server/config.js'
import type { AppEnv } from '../../../src/server/env.js'
import { workerFile } from './worker.js'

export interface TestApp {
  readonly app: Hono<AppEnv>
  /** Every security event logged so far, parsed. */
  readonly events: Record<string, unknown>[]
  /** The raw log lines. */
  readonly lines: string[]
  close(): Promise<void>
}

export async function makeApp(overrides: ConfigInput = {}, deps: Partial<AppDeps> = {}): Promise<TestApp> {
  const lines: string[] = []
  // The machine running the tests may be busy (parallel suites): a generous deadline unless a test sets one.
  const limits = { deadlineMs: 15_000, maxThreads: 1, ...(overrides.limits ?? {}) }
  const config = parseConfig({ log: { security: 'off' }, web: { root: '/nonexistent-web-root' }, ...overrides, limits })
  const app = createApp(config, { workerFile: await workerFile(), logSink: (l) => lines.push(l), ...deps })
  await appServices(app)?.pool.ready()
  return {
    app,
    lines,
    get events() { return lines.map((l) => JSON.parse(l) as Record<string, unknown>) },
    close: () => closeApp(app),
  }
}

export const RULE = `title: Suspicious whoami
id: 0a7e2e9f-3f0a-4a35-9c67-5f7c4b1f2c11
status: test
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    Image|endswith: '\\whoami.exe'
    CommandLine|contains: '/priv'
  condition: selection
level: medium
`

export const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
})

export const translate = (rule: string, extra: Record<string, unknown> = {}) => ({ rule, target: 'splunk', ...extra })

/** Checks every error response must pass (SECURITY-NOTES §5 preamble). */
export async function expectProblem(res: Response, status: number): Promise<Record<string, unknown>> {
  const text = await res.text()
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text.slice(0, 500)}`)
  if (!(res.headers.get('content-type') ?? '').startsWith('application/problem+json')) throw new Error(`not problem+json: ${res.headers.get('content-type')}`)
  const body = JSON.parse(text) as Record<string, unknown>
  for (const k of ['type', 'title', 'status', 'detail', 'requestId']) if (!(k in body)) throw new Error(`problem lacks ${k}: ${text}`)
  if (body.status !== status) throw new Error(`problem.status ${String(body.status)} != ${status}`)
  if (/\n\s+at |\/work\/|\/home\/|\/root\/|node_modules|\.ts:\d+/.test(text)) throw new Error(`problem leaks a stack or path: ${text}`)
  return body
}
