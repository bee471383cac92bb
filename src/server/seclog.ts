/**
 * Security event log: one JSON object per line, ECS field names (SECURITY-NOTES §7), for a SIEM.
 * What is never written: credentials, tokens, query strings, request bodies, rule text. Free text from clients
 * (user agent, user name) is truncated; JSON.stringify escapes CR/LF, so one event is always one line.
 */

export type SecAction =
  | 'auth_success'
  | 'auth_failure'
  | 'authz_denied'
  | 'rate_limited'
  | 'input_rejected'
  | 'credentials_in_url'
  | 'conversion_timeout'
  | 'overloaded'
  | 'internal_error'
  | 'rate_limit_store_error'
  | 'config_loaded'
  | 'config_changed'
  | 'service_started'
  | 'service_stopped'

const CATEGORY: Readonly<Record<SecAction, readonly string[]>> = {
  auth_success: ['authentication'],
  auth_failure: ['authentication'],
  authz_denied: ['iam'],
  rate_limited: ['web'],
  input_rejected: ['web'],
  credentials_in_url: ['authentication', 'web'],
  conversion_timeout: ['web'],
  overloaded: ['web'],
  internal_error: ['web'],
  rate_limit_store_error: ['database'],
  config_loaded: ['configuration'],
  config_changed: ['configuration'],
  service_started: ['process'],
  service_stopped: ['process'],
}

export interface RequestFields {
  readonly requestId?: string
  readonly clientRequestId?: string
  readonly sourceIp?: string
  readonly method?: string
  readonly path?: string
  readonly userAgent?: string
}

export interface SecEvent extends RequestFields {
  readonly action: SecAction
  readonly outcome: 'success' | 'failure' | 'unknown'
  /** Machine code: jose error code, input error code, limit name. */
  readonly reason?: string
  readonly status?: number
  readonly userId?: string
  readonly userName?: string
  readonly apiKeyId?: string
  readonly authMode?: string
  readonly durationMs?: number
  readonly extra?: Readonly<Record<string, string | number | boolean>>
}

export type SecLogSink = (line: string) => void

export interface SecLog {
  event(e: SecEvent): void
}

const clip = (s: string | undefined, n: number): string | undefined => (s === undefined ? undefined : s.length > n ? s.slice(0, n) + '…' : s)

/** The ECS document of one event; exported for tests and for the Sigma rules in rules/service/. */
export function ecsDocument(e: SecEvent, now: Date = new Date()): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    '@timestamp': now.toISOString(),
    'ecs.version': '8.11.0',
    'event.kind': 'event',
    'event.category': CATEGORY[e.action],
    'event.action': e.action,
    'event.outcome': e.outcome,
    'event.module': 'sigmaport',
    'event.dataset': 'sigmaport.security',
    'service.name': 'sigmaport',
  }
  const put = (k: string, v: unknown): void => { if (v !== undefined) doc[k] = v }
  put('event.reason', clip(e.reason, 128))
  put('event.duration', e.durationMs === undefined ? undefined : Math.round(e.durationMs * 1e6))
  put('http.request.id', e.requestId)
  put('labels.client_request_id', clip(e.clientRequestId, 64))
  put('source.ip', e.sourceIp)
  put('http.request.method', clip(e.method, 16))
  put('url.path', clip(e.path, 256))
  put('http.response.status_code', e.status)
  put('user_agent.original', clip(e.userAgent, 256))
  put('user.id', clip(e.userId, 128))
  put('user.name', clip(e.userName, 128))
  put('api_key.id', e.apiKeyId)
  put('sigmaport.auth_mode', e.authMode)
  for (const [k, v] of Object.entries(e.extra ?? {})) put(`sigmaport.${k}`, typeof v === 'string' ? clip(v, 256) : v)
  return doc
}

export function createSecLog(sink: SecLogSink, clock: () => Date = () => new Date()): SecLog {
  return {
    event(e) {
      try {
        sink(JSON.stringify(ecsDocument(e, clock())))
      } catch {
        // A broken log sink must not break request handling.
      }
    },
  }
}

export function sinkFor(target: 'stdout' | 'stderr' | 'off'): SecLogSink {
  if (target === 'off') return () => {}
  const stream = target === 'stdout' ? process.stdout : process.stderr
  return (line) => { stream.write(line + '\n') }
}
