/** Conversion outcomes and pool failures → HTTP status and problem code (one table for translate and batch). */
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { PoolFailure } from './pool.js'
import type { Outcome } from './task.js'

export interface Mapped { readonly status: ContentfulStatusCode; readonly code: string; readonly detail: string }

export const OUTCOME_STATUS: Readonly<Record<Exclude<Outcome, 'ok'>, Mapped>> = {
  invalid_rule: { status: 400, code: 'invalid_rule', detail: 'The rule could not be read as Sigma; see diagnostics.' },
  too_many_items: { status: 422, code: 'too_many_items', detail: 'A list or map in the rule has more items than the service accepts; see diagnostics.' },
  unsupported: { status: 422, code: 'unsupported_rule', detail: 'The rule was read but cannot be converted for this target; see diagnostics.' },
  bad_request: { status: 422, code: 'invalid_settings', detail: 'The target, format, pipeline or options are not valid; see diagnostics.' },
  query_too_large: { status: 422, code: 'query_too_large', detail: 'The generated query is larger than the service returns; see diagnostics.' },
}

export const FAILURE_STATUS: Readonly<Record<PoolFailure, Mapped & { readonly retryAfter?: string }>> = {
  overloaded: { status: 503, code: 'overloaded', detail: 'The service is busy; retry after the time in Retry-After.', retryAfter: '1' },
  timeout: { status: 422, code: 'conversion_timeout', detail: 'The conversion did not finish within the deadline; simplify or split the rule.' },
  crashed: { status: 500, code: 'internal_error', detail: 'The conversion failed unexpectedly.' },
  cancelled: { status: 503, code: 'cancelled', detail: 'The request was cancelled.' },
}
