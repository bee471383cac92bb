/** The OpenAPI 3.1 document, generated from the zod schemas in schemas.ts (nothing here restates a shape). */
import { z } from 'zod'
import type { Config } from './config.js'
import { apiRegistry } from './schemas.js'

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` })
const json = (id: string) => ({ 'application/json': { schema: ref(id) } })
const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: PROBLEM_TEXT[s] ?? 'Error', content: { 'application/problem+json': { schema: ref('Problem') } } }]))

const PROBLEM_TEXT: Record<number, string> = {
  400: 'Malformed request or unreadable rule (invalid JSON/UTF-8, YAML or condition syntax, credentials in the URL)',
  401: 'Missing or invalid credentials',
  403: 'The principal lacks the scope this route requires',
  408: 'The request body was not received in time',
  413: 'Body, rule or pipeline larger than the configured limit',
  415: 'Wrong Content-Type',
  422: 'Valid request the service cannot satisfy (unsupported construct, item caps, output cap, deadline)',
  429: 'Rate limit exceeded (Retry-After and RateLimit-* headers)',
  500: 'Internal error (generic, with requestId)',
  503: 'Overloaded or a dependency is down (Retry-After)',
}

function schemas(): Record<string, unknown> {
  const out = z.toJSONSchema(apiRegistry, { uri: (id) => `#/components/schemas/${id}`, io: 'input', unrepresentable: 'any' }).schemas
  return Object.fromEntries(Object.entries(out).map(([id, s]) => {
    const { $schema: _s, $id: _i, ...rest } = s as Record<string, unknown>
    return [id, rest]
  }))
}

function security(auth: Config['auth']): { schemes: Record<string, unknown>; requirement: Record<string, string[]>[] } {
  switch (auth.mode) {
    case 'none': return { schemes: {}, requirement: [] }
    case 'apiKey': return { schemes: { apiKey: { type: 'apiKey', in: 'header', name: auth.header } }, requirement: [{ apiKey: [] }] }
    case 'basic': return { schemes: { basic: { type: 'http', scheme: 'basic' } }, requirement: [{ basic: [] }] }
    case 'jwt': return { schemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }, requirement: [{ bearer: [] }] }
  }
}

export function openApiDocument(config: Config, version: string): Record<string, unknown> {
  const sec = security(config.auth)
  const guarded = (scope: string) => ({ security: sec.requirement, 'x-required-scope': scope })
  const post = (summary: string, scope: string, req: string, res: string, extra: Record<string, unknown> = {}) => ({
    post: {
      summary, ...guarded(scope),
      requestBody: { required: true, content: { ...json(req), ...((extra.ndjson as boolean | undefined) ? { 'application/x-ndjson': { schema: ref('BatchNdjsonLine') } } : {}) } },
      responses: { 200: { description: 'OK', content: json(res) }, ...problems(400, 401, 403, 408, 413, 415, 422, 429, 500, 503) },
    },
  })
  return {
    openapi: '3.1.0',
    info: { title: 'sigmaport translation service', version, description: 'Translate Sigma rules into SIEM queries. Errors are RFC 9457 problem details with a requestId.' },
    paths: {
      '/api/v1/translate': post('Translate one Sigma rule', 'translate', 'TranslateRequest', 'TranslateResponse'),
      '/api/v1/validate': post('Validate one Sigma rule (load and convert, no queries returned)', 'translate', 'TranslateRequest', 'ValidateResponse'),
      '/api/v1/translate/batch': post('Translate many rules; JSON, or NDJSON in/out (settings as query parameters target, format, pipeline, option=k=v)', 'batch', 'BatchRequest', 'BatchResponse', { ndjson: true }),
      '/api/v1/targets': { get: { summary: 'Targets, formats, pipelines and options', ...guarded('translate'), responses: { 200: { description: 'OK', content: json('TargetsResponse') }, ...problems(401, 403, 429) } } },
      '/healthz': { get: { summary: 'Liveness', responses: { 200: { description: 'OK', content: json('Health') } } } },
      '/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OK' } } } },
    },
    components: { schemas: schemas(), securitySchemes: sec.schemes },
  }
}
