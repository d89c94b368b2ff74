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

/** What {@link memoryTokenStore} accepts. */
export interface MemoryTokenStoreOptions {
  /**
   * Most tokens kept (one per user and API version). Past it, the least recently used is dropped:
   * that user authenticates again on their next call. Default 10 000 (also for a value that is not
   * a positive integer).
   */
  readonly maxEntries?: number
}

/**
 * The default store: a `Map` in memory, for one process, bounded (least recently used tokens go
 * first, so a long-running server with many users does not grow without end). Share one instance
 * between contexts to share tokens between them.
 *
 * @param options - `maxEntries`, the bound.
 * @returns a new, empty in-memory token store.
 * @example
 * ```ts
 * import { createContext, memoryTokenStore } from 'bridgeapi'
 * const tokenStore = memoryTokenStore({ maxEntries: 50_000 })
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', tokenStore, user: { externalUserId: 'u-1' } })
 * ```
 */
export const memoryTokenStore = (options: MemoryTokenStoreOptions = {}): TokenStore => {
  const { maxEntries } = options ?? {}
  const bound = Number.isInteger(maxEntries) && (maxEntries as number) >= 1 ? (maxEntries as number) : 10_000
  // A Map iterates in insertion order: re-inserting on each use keeps the least recently used first.
  const tokens = new Map<string, StoredToken>()
  const touch = (key: string, token: StoredToken) => {
    tokens.delete(key)
    tokens.set(key, token)
    for (const oldest of tokens.keys()) {
      if (tokens.size <= bound) break
      tokens.delete(oldest)
    }
  }
  return {
    get: async (key) => {
      const token = tokens.get(key)
      if (token) touch(key, token)
      return token
    },
    set: async (key, token) => touch(key, token),
    delete: async (key) => {
      tokens.delete(key)
    },
  }
}
