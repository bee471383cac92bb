/**
 * OAuth2/OIDC bearer tokens verified with jose against the issuer's JWKS: keys cached (jose's remote set),
 * algorithms pinned, iss/aud/exp/sub required. The JWKS URL comes from config only. Every rejected token gets the
 * same 401 body; the jose error code goes to the security log.
 */
import { createRemoteJWKSet, jwtVerify, errors } from 'jose'
import type { Config, Scope } from '../../config.js'
import { ALL_SCOPES } from '../../config.js'
import type { Authenticator } from './types.js'

type JwtAuth = Extract<Config['auth'], { mode: 'jwt' }>

/** Codes that mean "we could not fetch/read the key set", not "the token is bad". */
const UNAVAILABLE = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JOSE_GENERIC', 'ERR_JWKS_INVALID'])

function scopesOf(claim: unknown): Scope[] {
  const list = typeof claim === 'string' ? claim.split(' ') : Array.isArray(claim) ? claim.filter((x): x is string => typeof x === 'string') : []
  // Accept both bare scopes and a `sigmaport:` namespace.
  return ALL_SCOPES.filter((s) => list.includes(s) || list.includes(`sigmaport:${s}`))
}

export function jwtAuthenticator(cfg: JwtAuth): Authenticator {
  const jwks = createRemoteJWKSet(new URL(cfg.jwksUri), {
    timeoutDuration: cfg.timeoutMs,
    cooldownDuration: cfg.cooldownMs,
    cacheMaxAge: cfg.cacheMaxAgeMs,
  })
  return {
    mode: 'jwt',
    challenge: (error) => `Bearer realm="sigmaport"${error ? `, error="${error}"` : ''}`,
    async authenticate(c) {
      const h = c.req.header('authorization')
      if (h === undefined) return { ok: false, reason: 'missing_credentials', missing: true }
      const m = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(h.trim())
      if (!m || m[1] === undefined) return { ok: false, reason: 'malformed_credentials' }
      try {
        const { payload } = await jwtVerify(m[1], jwks, {
          issuer: cfg.issuer,
          audience: cfg.audience,
          algorithms: cfg.algorithms,
          requiredClaims: ['exp', 'sub'],
          clockTolerance: cfg.clockToleranceSec,
        })
        return { ok: true, principal: { id: `sub:${String(payload.sub)}`, kind: 'jwt', scopes: scopesOf(payload[cfg.scopeClaim]) } }
      } catch (e) {
        const code = e instanceof errors.JOSEError ? e.code : 'ERR_JWKS_FETCH'
        if (UNAVAILABLE.has(code) || !(e instanceof errors.JOSEError)) return { ok: false, reason: code, unavailable: true }
        return { ok: false, reason: code }
      }
    },
  }
}
