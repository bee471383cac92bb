/** Reads the whole body within the size limit and receive deadline into `bodyText` (strict UTF-8). */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../../env.js'
import { checkDeclaredLength, readRequestText } from '../../body.js'

export function bodyReader(maxBytes: (c: { get(k: 'services'): AppEnv['Variables']['services'] }) => number): MiddlewareHandler<AppEnv> {
  return async function bodyReader(c, next) {
    const services = c.get('services')
    const max = maxBytes(c)
    const declared = c.req.header('content-length')
    checkDeclaredLength(declared, max)
    c.set('bodyText', await readRequestText(c.req.raw, declared, { maxBytes: max, timeoutMs: services.config.server.bodyTimeoutMs }))
    await next()
  }
}
