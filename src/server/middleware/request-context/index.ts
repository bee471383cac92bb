/**
 * Per-request context: a server-generated request id (the client's X-Request-Id is kept only as a separate,
 * truncated log field), the client IP from the socket (X-Forwarded-For only from a trusted proxy), and the
 * fields every security event carries. Runs first, so even a 404 has a request id.
 */
import { randomUUID } from 'node:crypto'
import { isIP } from 'node:net'
import type { MiddlewareHandler } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { AppEnv, Services } from '../../env.js'

function socketAddress(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown' // app.request() in tests has no socket
  }
}

export function requestContext(services: Services): MiddlewareHandler<AppEnv> {
  const trusted = new Set(services.config.server.trustedProxies)
  return async function requestContext(c, next) {
    const requestId = randomUUID()
    const socketIp = socketAddress(c)
    let clientIp = socketIp
    if (trusted.has(socketIp)) {
      const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter((s) => isIP(s) !== 0)
      clientIp = hops[hops.length - 1] ?? socketIp
    }
    const clientRequestId = c.req.header('x-request-id')
    c.set('services', services)
    c.set('requestId', requestId)
    c.set('clientIp', clientIp)
    c.set('reqFields', {
      requestId,
      sourceIp: clientIp,
      method: c.req.method,
      path: c.req.path,
      ...(clientRequestId === undefined ? {} : { clientRequestId: clientRequestId.replace(/[^\w\-=.]/g, '') }),
      ...(c.req.header('user-agent') === undefined ? {} : { userAgent: c.req.header('user-agent') }),
    })
    await next()
    c.res.headers.set('X-Request-Id', requestId)
  }
}
