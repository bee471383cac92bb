/**
 * HTTP Basic over TLS (the config refuses basic without TLS), passwords stored as scrypt hashes and checked
 * off the event loop. An unknown user still costs one scrypt run, so timing does not reveal which users exist.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import type { Config } from '../../config.js'
import type { Authenticator } from './types.js'

type BasicAuth = Extract<Config['auth'], { mode: 'basic' }>

interface ScryptHash { readonly N: number; readonly r: number; readonly p: number; readonly salt: Buffer; readonly hash: Buffer }

function parseHash(s: string): ScryptHash {
  const [, n, r, p, salt, hash] = s.split('$')
  return { N: Number(n), r: Number(r), p: Number(p), salt: Buffer.from(salt ?? '', 'base64'), hash: Buffer.from(hash ?? '', 'base64') }
}

const derive = (password: string, h: Pick<ScryptHash, 'N' | 'r' | 'p' | 'salt'>, len: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scrypt(password, h.salt, len, { N: h.N, r: h.r, p: h.p, maxmem: 256 * h.N * h.r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)))
  })

/** `scrypt$N$r$p$salt$hash`, for the config file (docs/SERVICE.md shows the one-liner). */
export async function hashPassword(password: string, N = 16384, r = 8, p = 1): Promise<string> {
  const salt = randomBytes(16)
  const hash = await derive(password, { N, r, p, salt }, 32)
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`
}

export function basicAuthenticator(cfg: BasicAuth): Authenticator {
  const users = new Map(cfg.users.map((u) => [u.username, { hash: parseHash(u.password), scopes: u.scopes }]))
  const dummy = parseHash(cfg.users[0]?.password ?? 'scrypt$16384$8$1$AAAA$AAAA')
  return {
    mode: 'basic',
    challenge: () => 'Basic realm="sigmaport", charset="UTF-8"',
    async authenticate(c) {
      const h = c.req.header('authorization')
      if (h === undefined) return { ok: false, reason: 'missing_credentials', missing: true }
      const m = /^Basic ([A-Za-z0-9+/]+=*)$/i.exec(h.trim())
      if (!m) return { ok: false, reason: 'malformed_credentials' }
      const decoded = Buffer.from(m[1] ?? '', 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon < 0) return { ok: false, reason: 'malformed_credentials' }
      const username = decoded.slice(0, colon)
      const password = decoded.slice(colon + 1)
      const user = users.get(username)
      const ref = user?.hash ?? dummy
      const got = await derive(password, ref, ref.hash.length || 32)
      const same = got.length === ref.hash.length && timingSafeEqual(got, ref.hash)
      if (!user || !same) return { ok: false, reason: 'invalid_password', userName: username }
      return { ok: true, principal: { id: `user:${username}`, kind: 'basic', scopes: user.scopes } }
    },
  }
}
