/** The token store on Cloudflare Workers KV, shared by every isolate of a Worker. */
import type { TokenStore } from '../../core/auth/token-store.js'
import { decodeToken, encodeToken, ttlSeconds } from '../codec.js'

/**
 * The part of a Cloudflare Workers `KVNamespace` binding the store uses. A real `KVNamespace` fits;
 * nothing here depends on `@cloudflare/workers-types`.
 */
export interface KvNamespaceLike {
  get(key: string, type: 'text'): Promise<string | null>
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>
  delete(key: string): Promise<void>
}

/** Options of {@link kvTokenStore}. */
export interface KvTokenStoreOptions {
  /** Prepended to every key, e.g. to give several applications one namespace. Default `''`. */
  readonly prefix?: string
  /** Clock for the expiration TTL, in ms since the epoch. Default `Date.now`. */
  readonly now?: () => number
}

/** Cloudflare KV refuses an expiration less than 60 seconds away. */
const KV_MIN_TTL_SECONDS = 60

/**
 * A token store on Cloudflare Workers KV, shared by every Worker instance bound to the namespace.
 * Each token is written with an `expirationTtl` matching its `expiresAt`, so KV drops it when it
 * expires (never sooner than KV's 60-second minimum). KV is eventually consistent: another location
 * may read the previous token for up to a minute, which is harmless while that token is valid, and
 * after a 401 the SDK renews once on its own.
 *
 * @param namespace - a KV namespace binding (e.g. `env.BRIDGE_TOKENS`).
 * @param options - key `prefix` and clock.
 * @returns a {@link TokenStore} to pass as the context's `tokenStore`.
 * @example
 * ```ts
 * import { createContext, listAccounts } from 'bridgeapi'
 * import { kvTokenStore, type KvNamespaceLike } from 'bridgeapi/stores'
 *
 * export default {
 *   async fetch(request: Request, env: { BRIDGE_TOKENS: KvNamespaceLike; BRIDGE_CLIENT_SECRET: string }) {
 *     const ctx = createContext({
 *       clientId: 'client-id',
 *       clientSecret: env.BRIDGE_CLIENT_SECRET,
 *       tokenStore: kvTokenStore(env.BRIDGE_TOKENS),
 *       user: { externalUserId: new URL(request.url).searchParams.get('user') ?? '' },
 *     })
 *     const names: string[] = []
 *     for await (const account of listAccounts(ctx)) {
 *       if (account._tag === 'Left') return new Response(account.left.message, { status: 502 })
 *       names.push(account.right.name)
 *     }
 *     return Response.json(names)
 *   },
 * }
 * ```
 */
export const kvTokenStore = (namespace: KvNamespaceLike, options: KvTokenStoreOptions = {}): TokenStore => {
  const prefix = options.prefix ?? ''
  const now = options.now ?? Date.now
  return {
    get: async (key) => decodeToken(await namespace.get(prefix + key, 'text')),
    set: (key, token) =>
      namespace.put(prefix + key, encodeToken(token), {
        expirationTtl: ttlSeconds(token, now(), KV_MIN_TTL_SECONDS),
      }),
    delete: (key) => namespace.delete(prefix + key),
  }
}
