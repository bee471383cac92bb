/**
 * POST /api/v1/translate/batch: many rules, one result per rule; a bad rule never fails the batch.
 * JSON in (`{target, …, rules: [...]}`) or NDJSON in (one `{id?, rule}` per line, settings in the query string);
 * JSON out, or NDJSON out (streamed in input order) when the input is NDJSON or Accept asks for it.
 * At most `pool.threads` rules of one batch convert at once, so a batch cannot starve single translations.
 */
import type { Context } from 'hono'
import { stream } from 'hono/streaming'
import type { AppEnv } from '../env.js'
import { logEvent } from '../env.js'
import { checkDeclaredLength, ndjsonLines, readRequestText } from '../body.js'
import { parseJsonBody, parseJsonText, validate } from '../json.js'
import { checkSettings, ruleTooLarge } from '../limits.js'
import { FAILURE_STATUS, OUTCOME_STATUS } from '../outcome.js'
import { ProblemError, problemBody } from '../problem.js'
import { batchRequest, ndjsonItem, translateRequest, type TranslateRequest } from '../schemas.js'
import { taskFrom } from './translate.js'
import type { Diagnostic } from '../../diagnostics.js'

type Settings = Omit<TranslateRequest, 'rule'>

interface BatchResult {
  readonly index: number
  readonly id?: string
  readonly ok: boolean
  readonly status: number
  readonly code?: string
  readonly queries: readonly (string | object)[]
  readonly output?: string
  readonly diagnostics: readonly Diagnostic[]
}

const failed = (index: number, id: string | undefined, status: number, code: string, message: string): BatchResult => ({
  index, ...(id === undefined ? {} : { id }), ok: false, status, code, queries: [],
  diagnostics: [{ severity: 'error', code: `request.${code}`, message }],
})

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function convertOne(c: Context<AppEnv>, settings: Settings, index: number, id: string | undefined, rule: string): Promise<BatchResult & { target?: string; format?: string }> {
  const { pool, config } = c.get('services')
  const big = ruleTooLarge(rule, config.limits)
  if (big) return failed(index, id, 413, big.code, big.detail)
  const task = taskFrom(settings, rule, id ?? `rules[${index}]`, 'translate', config.limits.outputBytes)
  for (let attempt = 0; ; attempt++) {
    const r = await pool.run(task, c.req.raw.signal)
    if (r.ok) {
      const x = r.result
      const base = { index, ...(id === undefined ? {} : { id }), target: x.target, format: x.format, diagnostics: x.diagnostics }
      if (x.outcome === 'ok') return { ...base, ok: true, status: 200, queries: x.queries, ...(x.output === undefined ? {} : { output: x.output }) }
      const m = OUTCOME_STATUS[x.outcome]
      return { ...base, ok: false, status: m.status, code: m.code, queries: [] }
    }
    // The batch shares the queue with single requests: wait for room instead of failing the rule.
    if (r.failure === 'overloaded' && attempt < 100) { await sleep(20); continue }
    const f = FAILURE_STATUS[r.failure]
    return failed(index, id, f.status, f.code, f.detail)
  }
}

/** Converts items with bounded concurrency, yielding results in input order. */
async function* inOrder(c: Context<AppEnv>, settings: Settings, items: AsyncIterable<{ id?: string; rule?: string; error?: BatchResult }>): AsyncGenerator<BatchResult & { target?: string; format?: string }> {
  const width = Math.max(1, c.get('services').pool.threads)
  const window: Promise<BatchResult & { target?: string; format?: string }>[] = []
  let index = 0
  for await (const it of items) {
    const i = index++
    window.push(it.error ? Promise.resolve({ ...it.error, index: i }) : convertOne(c, settings, i, it.id, it.rule ?? ''))
    if (window.length >= width) yield await (window.shift() as Promise<BatchResult>)
  }
  while (window.length > 0) yield await (window.shift() as Promise<BatchResult>)
}

async function* fromArray(rules: readonly (string | { id?: string | undefined; rule: string })[]): AsyncGenerator<{ id?: string; rule: string }> {
  for (const r of rules) yield typeof r === 'string' ? { rule: r } : { ...(r.id === undefined ? {} : { id: r.id }), rule: r.rule }
}

/** NDJSON input lines → items; a malformed line becomes that item's error, not the batch's. */
async function* fromNdjson(c: Context<AppEnv>): AsyncGenerator<{ id?: string; rule?: string; error?: BatchResult }> {
  const { config } = c.get('services')
  let count = 0
  for await (const { line, text } of ndjsonLines(c.req.raw.body, { maxBytes: config.limits.batchBodyBytes, timeoutMs: config.server.bodyTimeoutMs, maxLineBytes: config.limits.ruleBytes * 2 + 1024 })) {
    if (++count > config.limits.batchItems) throw new ProblemError(422, 'too_many_items', `At most ${config.limits.batchItems} rules per batch.`)
    try {
      const item = validate(ndjsonItem, parseJsonText(text))
      yield { ...(item.id === undefined ? {} : { id: item.id }), rule: item.rule }
    } catch (e) {
      const p = e instanceof ProblemError ? e : new ProblemError(400, 'malformed_json', 'invalid line')
      yield { error: failed(0, undefined, p.status, p.code, `line ${line}: ${p.detail}`) }
    }
  }
}

function settingsFromQuery(c: Context<AppEnv>): Settings {
  const q = new URL(c.req.url).searchParams
  const options = Object.fromEntries(q.getAll('option').map((o) => { const i = o.indexOf('='); return i < 0 ? [o, ''] : [o.slice(0, i), o.slice(i + 1)] }))
  const raw = {
    target: q.get('target') ?? undefined,
    ...(q.getAll('pipeline').length > 0 ? { pipelines: q.getAll('pipeline') } : {}),
    ...(q.get('format') === null ? {} : { format: q.get('format') }),
    ...(Object.keys(options).length > 0 ? { options } : {}),
  }
  return validate(translateRequest.omit({ rule: true }), raw)
}

export async function batchHandler(c: Context<AppEnv>): Promise<Response> {
  const { config } = c.get('services')
  const ndjsonIn = (c.req.header('content-type') ?? '').toLowerCase().startsWith('application/x-ndjson')
  const ndjsonOut = ndjsonIn || (c.req.header('accept') ?? '').includes('application/x-ndjson')
  checkDeclaredLength(c.req.header('content-length'), config.limits.batchBodyBytes)
  let settings: Settings
  let items: AsyncIterable<{ id?: string; rule?: string; error?: BatchResult }>
  if (ndjsonIn) {
    settings = settingsFromQuery(c)
    items = fromNdjson(c)
  } else {
    const text = await readRequestText(c.req.raw, c.req.header('content-length'), { maxBytes: config.limits.batchBodyBytes, timeoutMs: config.server.bodyTimeoutMs })
    const req = parseJsonBody(batchRequest, text)
    if (req.rules.length > config.limits.batchItems) throw new ProblemError(422, 'too_many_items', `At most ${config.limits.batchItems} rules per batch.`)
    const { rules, ...rest } = req
    settings = rest
    items = fromArray(rules)
  }
  checkSettings(settings, config.limits)
  const summary = { total: 0, ok: 0, failed: 0 }
  const count = (r: BatchResult): void => { summary.total++; if (r.ok) summary.ok++; else summary.failed++ }
  const report = (): void => {
    if (summary.failed > 0) logEvent(c, { action: 'input_rejected', outcome: 'failure', reason: 'batch_rules_rejected', status: 200, extra: { rejected: summary.failed, total: summary.total } })
  }
  const strip = ({ target: _t, format: _f, ...r }: BatchResult & { target?: string; format?: string }): BatchResult => r

  if (!ndjsonOut) {
    const results: BatchResult[] = []
    let target = settings.target
    let format = settings.format ?? ''
    for await (const r of inOrder(c, settings, items)) {
      if (r.target) { target = r.target; format = r.format ?? format }
      count(r)
      results.push(strip(r))
    }
    report()
    return c.json({ target, format, results, summary })
  }
  c.header('Content-Type', 'application/x-ndjson; charset=utf-8')
  c.header('Cache-Control', 'no-store')
  return stream(c, async (s) => {
    try {
      for await (const r of inOrder(c, settings, items)) {
        count(r)
        await s.write(JSON.stringify(strip(r)) + '\n')
      }
      await s.write(JSON.stringify({ summary }) + '\n')
    } catch (e) {
      // Headers are sent already: the failure becomes the last line (a problem object), then the stream ends.
      const p = e instanceof ProblemError ? e : new ProblemError(500, 'internal_error', 'The batch failed unexpectedly.')
      await s.write(JSON.stringify({ error: problemBody(p.status, p.code, p.detail, c.get('requestId')), summary }) + '\n')
    }
    report()
  })
}
