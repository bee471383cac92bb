import type { Context } from 'hono'
import type { AppEnv, Principal } from '../../env.js'

export type AuthResult =
  | { readonly ok: true; readonly principal: Principal }
  /** `missing`: no credentials presented (not counted as a guess); `unavailable`: we could not check (503). */
  | { readonly ok: false; readonly reason: string; readonly missing?: boolean; readonly unavailable?: boolean; readonly userName?: string }

export interface Authenticator {
  readonly mode: 'none' | 'apiKey' | 'basic' | 'jwt'
  /** WWW-Authenticate value for a 401 (error = RFC 6750 error code when a credential was rejected). */
  challenge(error?: string): string
  authenticate(c: Context<AppEnv>): Promise<AuthResult>
}
