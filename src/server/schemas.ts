/**
 * The API's request and response shapes (zod). The handlers validate with them and openapi.ts turns them into
 * the OpenAPI document, so the document cannot drift from the code.
 */
import { z } from 'zod'

/** Every named schema of the API; openapi.ts emits them as components. */
export const apiRegistry = z.registry<{ id: string }>()

const id = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits, _ . : - (at most 64)')

export const translateRequest = z.strictObject({
  rule: z.string().min(1).describe('The Sigma rule (YAML text); may hold several documents (rule collections, correlations, filters).'),
  target: id.describe('Target id or alias from GET /api/v1/targets, e.g. splunk.'),
  pipelines: z.array(id).optional().describe('Processing pipelines by id, applied in order (default: the target\'s default pipelines).'),
  pipelineYaml: z.string().optional().describe('An extra pipeline in pySigma YAML, applied after `pipelines`.'),
  format: id.optional().describe('Output format of the target (default: the target\'s default).'),
  options: z.record(id, z.string().max(1024)).optional().describe('Backend options (see GET /api/v1/targets).'),
  filters: z.array(z.string().min(1)).max(32).optional().describe('Sigma filter documents (YAML) applied to the rules whose logsource and rule list they match.'),
}).register(apiRegistry, { id: 'TranslateRequest' })
export type TranslateRequest = z.infer<typeof translateRequest>

export const diagnostic = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  key: z.string().optional(),
}).register(apiRegistry, { id: 'Diagnostic' })

const query = z.union([z.string(), z.record(z.string(), z.unknown())])

export const translateResponse = z.object({
  target: z.string(),
  format: z.string(),
  queries: z.array(query),
  output: z.string().optional().describe('Whole output for formats that have one (e.g. savedsearches.conf).'),
  diagnostics: z.array(diagnostic),
}).register(apiRegistry, { id: 'TranslateResponse' })

export const validateResponse = z.object({
  valid: z.boolean(),
  target: z.string(),
  rules: z.number().int(),
  diagnostics: z.array(diagnostic),
}).register(apiRegistry, { id: 'ValidateResponse' })

const batchItem = z.union([z.string().min(1), z.strictObject({ id: z.string().max(128).optional(), rule: z.string().min(1) })])

export const batchRequest = z.strictObject({
  target: translateRequest.shape.target,
  pipelines: translateRequest.shape.pipelines,
  pipelineYaml: translateRequest.shape.pipelineYaml,
  format: translateRequest.shape.format,
  options: translateRequest.shape.options,
  rules: z.array(batchItem).min(1).describe('Rules as YAML strings or {id, rule} objects.'),
}).register(apiRegistry, { id: 'BatchRequest' })
export type BatchRequest = z.infer<typeof batchRequest>

export const ndjsonItem = z.strictObject({ id: z.string().max(128).optional(), rule: z.string().min(1) }).register(apiRegistry, { id: 'BatchNdjsonLine' })

export const batchResult = z.object({
  index: z.number().int().describe('0-based position in the request.'),
  id: z.string().optional(),
  ok: z.boolean(),
  status: z.number().int().describe('The HTTP status /translate would have answered for this rule alone.'),
  code: z.string().optional(),
  queries: z.array(query),
  output: z.string().optional(),
  diagnostics: z.array(diagnostic),
}).register(apiRegistry, { id: 'BatchResult' })

export const batchResponse = z.object({
  target: z.string(),
  format: z.string(),
  results: z.array(batchResult),
  summary: z.object({ total: z.number().int(), ok: z.number().int(), failed: z.number().int() }),
}).register(apiRegistry, { id: 'BatchResponse' })

export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  requestId: z.string(),
  diagnostics: z.array(diagnostic).optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
}).register(apiRegistry, { id: 'Problem' })

const named = z.object({ id: z.string(), description: z.string() })

export const targetsResponse = z.object({
  targets: z.array(z.object({
    id: z.string(),
    label: z.string(),
    description: z.string(),
    aliases: z.array(z.string()),
    defaultFormat: z.string(),
    formats: z.array(named),
    pipelines: z.array(named),
    defaultPipelines: z.array(z.string()),
    options: z.array(named.extend({ default: z.string().optional() })),
    correlationMethods: z.array(named),
  })),
  pipelines: z.array(named.extend({ backends: z.array(z.string()) })),
}).register(apiRegistry, { id: 'TargetsResponse' })

export const healthResponse = z.object({ status: z.literal('ok') }).register(apiRegistry, { id: 'Health' })

export const testRequest = z.strictObject({
  rule: translateRequest.shape.rule,
  events: z.union([z.string().min(1), z.array(z.record(z.string(), z.unknown())).min(1)]).describe('Events: a JSON array of objects, or text (JSON, NDJSON, or a SigmaHQ regression export).'),
  target: translateRequest.shape.target.optional().describe('Apply this target\'s default pipelines (or `pipelines`) before evaluating.'),
  pipelines: translateRequest.shape.pipelines,
  pipelineYaml: translateRequest.shape.pipelineYaml,
  options: translateRequest.shape.options,
}).register(apiRegistry, { id: 'TestRequest' })
export type TestRequest = z.infer<typeof testRequest>

const fired = z.object({ detection: z.string().optional(), field: z.string().nullable(), value: z.unknown(), line: z.number().int().optional(), column: z.number().int().optional() }).passthrough()

export const testResponse = z.object({
  eventCount: z.number().int(),
  rules: z.array(z.object({
    id: z.string().optional(),
    title: z.string(),
    matched: z.number().int(),
    events: z.array(z.object({ event: z.number().int(), match: z.boolean(), fired: z.array(fired) })),
    diagnostics: z.array(diagnostic),
  }).passthrough()),
  diagnostics: z.array(diagnostic),
}).register(apiRegistry, { id: 'TestResponse' })
