/** What an API version is to the engine: its Bridge-Version and its token requests. */
import type { Context, ContextUser } from './context.js'

/** The request that mints a user access token, or why this API version cannot authenticate that user. */
export type TokenRequest =
  | { readonly path: string; readonly body: Record<string, string> }
  | { readonly unsupported: string }

/**
 * What differs between the two Bridge API versions as far as the engine is concerned.
 * Each entry point (`bridgeapi`, `bridgeapi/v2`) has one; endpoints name theirs.
 */
export interface ApiVersion {
  /** Value of the `Bridge-Version` header. */
  readonly bridgeVersion: '2025-01-15' | '2021-06-01'
  /** How to obtain a token for a user. */
  readonly tokenRequest: (user: ContextUser) => TokenRequest
  /**
   * The part of an e-mail user's token-store key that binds it to the password (see `credentialTag` in
   * `src/v2`); only versions with e-mail users have it. `undefined` when it cannot be computed.
   */
  readonly emailUserTag?: (ctx: Context, user: ContextUser & { kind: 'email' }) => Promise<string | undefined>
}
