/** POST /api/v1/translate and /api/v1/validate: one rule text, converted in the worker pool. */
import type { Context } from 'hono'
import type { AppEnv } from '../env.js'
import { logEvent } from '../env.js'
import { parseJsonBody } from '../json.js'
import { checkSettings, ruleTooLarge } from '../limits.js'
import { FAILURE_STATUS, OUTCOME_STATUS } from '../outcome.js'
import { ProblemError } from '../problem.js'
import { testRequest, translateRequest, type TranslateRequest } from '../schemas.js'
import type { ConversionResult, ConversionTask } from '../task.js'

export function taskFrom(req: Omit<TranslateRequest, 'rule'>, rule: string, file: string | undefined, mode: ConversionTask['mode'], maxOutputBytes: number): ConversionTask {
  return {
    mode,
    rule,
    ...(file === undefined ? {} : { file }),
    target: req.target,
    pipelines: req.pipelines ?? [],
    ...(req.pipelineYaml === undefined ? {} : { pipelineYaml: req.pipelineYaml }),
    ...(req.format === undefined ? {} : { format: req.format }),
    ...(req.options === undefined ? {} : { options: req.options }),
    ...(req.filters === undefined ? {} : { filters: req.filters }),
    maxOutputBytes,
  }
}

/** Runs the task; throws the problem for pool failures. */
async function convert(c: Context<AppEnv>, task: ConversionTask): Promise<ConversionResult> {
  const { pool } = c.get('services')
  const r = await pool.run(task, c.req.raw.signal)
  if (r.ok) return r.result
  const f = FAILURE_STATUS[r.failure]
  if (r.failure === 'overloaded') logEvent(c, { action: 'overloaded', outcome: 'failure', status: 503 })
  if (r.failure === 'timeout') logEvent(c, { action: 'conversion_timeout', outcome: 'failure', status: 422, reason: 'deadline' })
  if (r.failure === 'crashed') logEvent(c, { action: 'internal_error', outcome: 'failure', status: 500, reason: 'worker' })
  throw new ProblemError(f.status, f.code, f.detail, f.retryAfter ? { headers: { 'Retry-After': f.retryAfter } } : {})
}

function parse(c: Context<AppEnv>): TranslateRequest {
  const { limits } = c.get('services').config
  const req = parseJsonBody(translateRequest, c.get('bodyText'))
  checkSettings(req, limits)
  const big = ruleTooLarge(req.rule, limits)
  if (big) throw big
  return req
}

export async function translateHandler(c: Context<AppEnv>): Promise<Response> {
  const req = parse(c)
  const r = await convert(c, taskFrom(req, req.rule, undefined, 'translate', c.get('services').config.limits.outputBytes))
  if (r.outcome !== 'ok') {
    const m = OUTCOME_STATUS[r.outcome]
    throw new ProblemError(m.status, m.code, m.detail, { diagnostics: r.diagnostics })
  }
  return c.json({ target: r.target, format: r.format, queries: r.queries, ...(r.output === undefined ? {} : { output: r.output }), diagnostics: r.diagnostics })
}

export async function validateHandler(c: Context<AppEnv>): Promise<Response> {
  const req = parse(c)
  const r = await convert(c, taskFrom(req, req.rule, undefined, 'validate', c.get('services').config.limits.outputBytes))
  // A wrong target/format is a bad request; a wrong rule is the answer validate exists to give.
  if (r.outcome === 'bad_request') {
    const m = OUTCOME_STATUS[r.outcome]
    throw new ProblemError(m.status, m.code, m.detail, { diagnostics: r.diagnostics })
  }
  return c.json({ valid: r.outcome === 'ok', target: r.target, rules: r.rules, diagnostics: r.diagnostics })
}


/** POST /api/v1/test: does the rule match these events, and which detection items fired (same limits as translate). */
export async function testHandler(c: Context<AppEnv>): Promise<Response> {
  const { limits } = c.get('services').config
  const req = parseJsonBody(testRequest, c.get('bodyText'))
  checkSettings(req, limits)
  const big = ruleTooLarge(req.rule, limits)
  if (big) throw big
  const events = typeof req.events === 'string' ? req.events : JSON.stringify(req.events)
  const task: ConversionTask = {
    mode: 'test',
    rule: req.rule,
    events,
    maxEvents: limits.batchItems,
    target: req.target ?? 'splunk',
    // Without a target, evaluate the rule as written: no pipeline.
    pipelines: req.pipelines ?? [],
    ...(req.pipelineYaml === undefined ? {} : { pipelineYaml: req.pipelineYaml }),
    ...(req.options === undefined ? {} : { options: req.options }),
    maxOutputBytes: limits.outputBytes,
  }
  const r = await convert(c, task)
  if (r.outcome !== 'ok' || r.test === undefined) {
    const m = OUTCOME_STATUS[r.outcome === 'ok' ? 'invalid_rule' : r.outcome]
    throw new ProblemError(m.status, m.code, m.detail, { diagnostics: r.diagnostics })
  }
  return c.json(r.test)
}
