/** A local OIDC-like issuer on 127.0.0.1: serves a JWKS, counts fetches, can go down; signs test tokens. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose'

export interface Issuer {
  readonly url: string
  readonly jwksUri: string
  readonly issuer: string
  readonly audience: string
  readonly publicJwk: JWK
  fetches: number
  down: boolean
  sign(claims?: Record<string, unknown>, opts?: { kid?: string; exp?: number | null; key?: CryptoKey; iss?: string; aud?: string }): Promise<string>
  close(): Promise<void>
}

export async function startIssuer(): Promise<Issuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }
  const state = { fetches: 0, down: false }
  const server: Server = createServer((req, res) => {
    if (req.url !== '/jwks') { res.statusCode = 404; res.end(); return }
    state.fetches++
    if (state.down) { res.statusCode = 503; res.end('down'); return }
    res.setHeader('Content-Type', 'application/json')
    res.end(JSON.stringify({ keys: [publicJwk] }))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const issuer = `${url}/`
  const audience = 'sigmaport-api'
  return {
    url, jwksUri: `${url}/jwks`, issuer, audience, publicJwk,
    get fetches() { return state.fetches }, set fetches(v) { state.fetches = v },
    get down() { return state.down }, set down(v) { state.down = v },
    async sign(claims = {}, opts = {}) {
      let jwt = new SignJWT({ scope: 'translate batch', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'k1' })
        .setIssuer(opts.iss ?? issuer)
        .setAudience(opts.aud ?? audience)
        .setSubject('alice')
        .setIssuedAt()
      if (opts.exp !== null) jwt = jwt.setExpirationTime(opts.exp ?? Math.floor(Date.now() / 1000) + 600)
      return jwt.sign(opts.key ?? privateKey)
    },
    close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections() }),
  }
}
