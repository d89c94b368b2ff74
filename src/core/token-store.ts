/** A user access token as kept in a {@link TokenStore}. */
export interface StoredToken {
  /** The bearer token. Stores keep it as a plain string so they can persist it. */
  readonly accessToken: string
  /** ISO 8601 instant after which Bridge rejects the token. */
  readonly expiresAt: string
}

/**
 * The instant a stored token expires, in ms since the epoch; a timestamp without zone is read as
 * UTC (Bridge sends UTC). `NaN` when `expiresAt` is not a date.
 */
export const tokenExpiryMs = (expiresAt: string): number => {
  const zoned = /(?:Z|[+-]\d\d:?\d\d)$/i.test(expiresAt) ? expiresAt : `${expiresAt}Z`
  return Date.parse(zoned)
}

/**
 * Where user access tokens live between calls, keyed per application, API version and user.
 * Small and async so Cloudflare KV, Deno KV or Redis fit behind it. Methods may reject:
 * the SDK turns that into an `AuthenticationError` with reason `token_store`.
 */
export interface TokenStore {
  get(key: string): Promise<StoredToken | undefined>
  set(key: string, token: StoredToken): Promise<void>
  delete(key: string): Promise<void>
}

/**
 * The default store: a `Map` in memory, for one process. Share one instance between contexts
 * to share tokens between them.
 *
 * @returns a new, empty in-memory token store.
 * @example
 * ```ts
 * import { createContext, memoryTokenStore } from 'bridgeapi'
 * const tokenStore = memoryTokenStore()
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', tokenStore, user: { externalUserId: 'u-1' } })
 * ```
 */
export const memoryTokenStore = (): TokenStore => {
  const tokens = new Map<string, StoredToken>()
  return {
    get: async (key) => tokens.get(key),
    set: async (key, token) => {
      tokens.set(key, token)
    },
    delete: async (key) => {
      tokens.delete(key)
    },
  }
}
