/**
 * Strict JSON for request bodies: syntax errors are 400 (never 500), `__proto__` / `constructor.prototype` are
 * refused (secure-json-parse), lone UTF-16 surrogates in strings are refused, then the zod schema decides (422).
 */
import sjson from 'secure-json-parse'
import type { z } from 'zod'
import { ProblemError } from './problem.js'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const wellFormed = (s: string): boolean => !LONE_SURROGATE.test(s)

/** Iterative walk (request JSON may be deeply nested): every string must be well-formed Unicode. */
function hasLoneSurrogate(value: unknown): boolean {
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const v = stack.pop()
    if (typeof v === 'string') {
      if (!wellFormed(v)) return true
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push(x)
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) { if (!wellFormed(k)) return true; stack.push(x) }
    }
  }
  return false
}

export function parseJsonText(text: string): unknown {
  let value: unknown
  try {
    value = sjson.parse(text, null, { protoAction: 'error', constructorAction: 'error' })
  } catch (e) {
    const proto = e instanceof SyntaxError && /prototype/i.test(e.message)
    throw proto
      ? new ProblemError(400, 'forbidden_key', 'The JSON body contains a reserved key (__proto__ or constructor.prototype).')
      : new ProblemError(400, 'malformed_json', 'The request body is not valid JSON.')
  }
  if (hasLoneSurrogate(value)) throw new ProblemError(400, 'invalid_utf8', 'The request body contains a lone UTF-16 surrogate escape.')
  return value
}

const clip = (s: string): string => (s.length > 200 ? s.slice(0, 200) + '…' : s)

export function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value)
  if (r.success) return r.data
  const errors = r.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: clip(i.message) }))
  throw new ProblemError(422, 'invalid_request', 'The request body does not match the schema; see errors.', { errors })
}

export function parseJsonBody<S extends z.ZodType>(schema: S, text: string): z.infer<S> {
  return validate(schema, parseJsonText(text))
}
