/** Reads the whole body within the size limit and receive deadline into `bodyText` (strict UTF-8). */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../../env.js'
import { checkDeclaredLength, readBodyText } from '../../body.js'

export function bodyReader(maxBytes: (c: { get(k: 'services'): AppEnv['Variables']['services'] }) => number): MiddlewareHandler<AppEnv> {
  return async function bodyReader(c, next) {
    const services = c.get('services')
    const max = maxBytes(c)
    checkDeclaredLength(c.req.header('content-length'), max)
    c.set('bodyText', await readBodyText(c.req.raw.body, { maxBytes: max, timeoutMs: services.config.server.bodyTimeoutMs }))
    await next()
  }
}
