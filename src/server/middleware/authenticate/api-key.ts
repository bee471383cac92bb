/**
 * API keys in a header, stored as SHA-256 digests. Every configured digest is compared with timingSafeEqual
 * (no early exit), so neither the position of a differing byte nor which key matched shows in the timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { Config } from '../../config.js'
import type { Authenticator } from './types.js'

type ApiKeyAuth = Extract<Config['auth'], { mode: 'apiKey' }>

export const sha256 = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest()

export function apiKeyAuthenticator(cfg: ApiKeyAuth): Authenticator {
  const keys = cfg.keys.map((k) => ({ id: k.id, digest: Buffer.from(k.sha256, 'hex'), scopes: k.scopes }))
  return {
    mode: 'apiKey',
    challenge: (error) => `ApiKey realm="sigmaport", header="${cfg.header}"${error ? `, error="${error}"` : ''}`,
    async authenticate(c) {
      const presented = c.req.header(cfg.header)
      if (presented === undefined || presented === '') return { ok: false, reason: 'missing_credentials', missing: true }
      const digest = sha256(presented)
      let match: (typeof keys)[number] | undefined
      for (const k of keys) if (timingSafeEqual(digest, k.digest) && match === undefined) match = k
      if (!match) return { ok: false, reason: 'invalid_api_key' }
      return { ok: true, principal: { id: `key:${match.id}`, kind: 'apiKey', scopes: match.scopes } }
    },
  }
}
