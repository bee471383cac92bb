/** Types shared by the app, its middleware and routes. */
import type { Config, Scope } from './config.js'
import type { ConversionPool } from './pool.js'
import type { CounterStore } from './ratelimit/store.js'
import type { RequestFields, SecEvent, SecLog } from './seclog.js'

export interface Principal {
  /** Stable id used for rate limits and logs: api key id, user name, or JWT `sub`. */
  readonly id: string
  readonly kind: 'anonymous' | 'apiKey' | 'basic' | 'jwt'
  readonly scopes: readonly Scope[]
}

export interface Services {
  readonly config: Config
  readonly log: SecLog
  readonly pool: ConversionPool
  readonly store: CounterStore
  /** The built web page: path → file, loaded once at start-up (undefined when web/dist is missing). */
  readonly web: ReadonlyMap<string, { readonly body: Uint8Array; readonly type: string }> | undefined
}

export interface AppEnv {
  Variables: {
    requestId: string
    clientIp: string
    principal: Principal
    bodyText: string
    services: Services
    /** Request fields for security events. */
    reqFields: RequestFields
  }
}

/** Log a security event with the request's fields filled in. */
export function logEvent(c: { get(key: 'reqFields'): RequestFields; get(key: 'services'): Services }, e: Omit<SecEvent, keyof RequestFields>): void {
  c.get('services').log.event({ ...c.get('reqFields'), ...e })
}
