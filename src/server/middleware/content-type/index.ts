/**
 * 415 unless the request declares one of the accepted media types (hono's validator would silently read a
 * text/plain body as `{}`, SECURITY-NOTES finding 6). A charset other than UTF-8 is refused as well.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../../env.js'
import { ProblemError } from '../../problem.js'

export function requireContentType(accepted: readonly string[]): MiddlewareHandler<AppEnv> {
  return async function requireContentType(c, next) {
    const raw = c.req.header('content-type') ?? ''
    const [type = '', ...params] = raw.split(';').map((s) => s.trim().toLowerCase())
    const charset = params.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '')
    if (!accepted.includes(type) || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
      throw new ProblemError(415, 'unsupported_media_type', `Send the body as ${accepted.join(' or ')} (UTF-8).`, { headers: { Accept: accepted.join(', ') } })
    }
    await next()
  }
}
