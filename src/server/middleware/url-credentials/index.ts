/**
 * Refuse credentials in the URL (RFC 6750 §2.3 discourages them; URLs end up in proxy and access logs).
 * Only the parameter NAME is logged, never its value.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../../env.js'
import { logEvent } from '../../env.js'
import { ProblemError } from '../../problem.js'

const CREDENTIAL_PARAMS = new Set([
  'api_key', 'apikey', 'api-key', 'key', 'access_token', 'accesstoken', 'token', 'id_token', 'refresh_token',
  'password', 'passwd', 'pwd', 'secret', 'client_secret', 'auth', 'authorization', 'bearer', 'jwt', 'session',
])

export function urlCredentials(): MiddlewareHandler<AppEnv> {
  return async function urlCredentials(c, next) {
    const url = new URL(c.req.url)
    let found: string | undefined = url.username !== '' || url.password !== '' ? 'userinfo' : undefined
    for (const name of url.searchParams.keys()) {
      if (found) break
      if (CREDENTIAL_PARAMS.has(name.toLowerCase())) found = name.toLowerCase().slice(0, 32)
    }
    if (found) {
      logEvent(c, { action: 'credentials_in_url', outcome: 'failure', reason: found, status: 400 })
      throw new ProblemError(400, 'credentials_in_url', 'Credentials must not be sent in the URL; use the Authorization or API key header. Treat the credential as leaked and rotate it.')
    }
    await next()
  }
}
