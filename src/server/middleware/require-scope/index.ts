/** Route-level authorization: deny unless the authenticated principal holds the scope. Checked on every request. */
import type { MiddlewareHandler } from 'hono'
import type { Scope } from '../../config.js'
import type { AppEnv } from '../../env.js'
import { logEvent } from '../../env.js'
import { ProblemError } from '../../problem.js'

export function requireScope(scope: Scope): MiddlewareHandler<AppEnv> {
  return async function requireScope(c, next) {
    const p = c.get('principal')
    if (!p || !p.scopes.includes(scope)) {
      logEvent(c, { action: 'authz_denied', outcome: 'failure', reason: `missing_scope:${scope}`, status: 403, ...(p ? { userId: p.id } : {}) })
      const mode = c.get('services').config.auth.mode
      const headers: Record<string, string> = mode === 'jwt' ? { 'WWW-Authenticate': `Bearer realm="sigmaport", error="insufficient_scope", scope="${scope}"` } : {}
      throw new ProblemError(403, 'insufficient_scope', `This operation requires the '${scope}' scope.`, { headers })
    }
    await next()
  }
}
