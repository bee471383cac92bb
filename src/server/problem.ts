/**
 * RFC 9457 problem details. Every error response of the service goes through here, so none can carry a stack
 * trace, a server path or an echo of a credential: `detail` is always text we wrote, never an exception message.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Diagnostic } from '../diagnostics.js'

export const PROBLEM_TYPE = 'application/problem+json'

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

export interface ProblemBody {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  readonly code: string
  readonly requestId: string
  readonly diagnostics?: readonly Diagnostic[]
  readonly errors?: readonly { readonly path: string; readonly message: string }[]
}

export interface ProblemOptions {
  readonly headers?: Readonly<Record<string, string>>
  readonly diagnostics?: readonly Diagnostic[]
  readonly errors?: readonly { readonly path: string; readonly message: string }[]
}

/** Thrown by middleware and handlers; app.onError renders it. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly detail: string,
    readonly options: ProblemOptions = {},
  ) {
    super(detail)
    this.name = 'ProblemError'
  }
}

export function problemBody(status: number, code: string, detail: string, requestId: string, options: ProblemOptions = {}): ProblemBody {
  return {
    type: `urn:sigmaport:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    requestId,
    ...(options.diagnostics ? { diagnostics: options.diagnostics } : {}),
    ...(options.errors ? { errors: options.errors } : {}),
  }
}

export function problemResponse(c: Context, status: ContentfulStatusCode, code: string, detail: string, options: ProblemOptions = {}): Response {
  const requestId = (c.get('requestId' as never) as string | undefined) ?? 'unknown'
  const body = JSON.stringify(problemBody(status, code, detail, requestId, options))
  const headers: Record<string, string> = { 'Content-Type': PROBLEM_TYPE, 'Cache-Control': 'no-store', ...(options.headers ?? {}) }
  // Responses built here replace c.res; keep headers the middleware already set (security headers, rate limits).
  c.res.headers.forEach((v, k) => { if (!(k in headers) && k !== 'content-type' && k !== 'content-length') headers[k] = v })
  return new Response(body, { status, headers })
}
