/** The token store on Redis (ioredis, node-redis or Upstash clients). */
import type { TokenStore } from '../../core/auth/token-store.js'
import { decodeToken, encodeToken, ttlSeconds } from '../codec.js'

/** The read and delete commands of {@link RedisClientLike}. */
export interface RedisReadDelete {
  /** Resolves to the stored string (or the parsed value, for clients that decode JSON), or null. */
  get(key: string): Promise<unknown>
  del(key: string): Promise<unknown>
}

/**
 * The few Redis commands the store uses, in the method names the common clients give them:
 * `setex` (ioredis, `@upstash/redis`) or `setEx` (node-redis 4 and later). Nothing here depends on
 * a Redis client package; bring your own.
 */
export type RedisClientLike =
  | (RedisReadDelete & { setex(key: string, seconds: number, value: string): Promise<unknown> })
  | (RedisReadDelete & { setEx(key: string, seconds: number, value: string): Promise<unknown> })

/** Options of {@link redisTokenStore}. */
export interface RedisTokenStoreOptions {
  /** Prepended to every key (e.g. a prefix your Redis ACL allows). Default `''`. */
  readonly prefix?: string
  /** Clock for the expiry, in ms since the epoch. Default `Date.now`. */
  readonly now?: () => number
}

/**
 * A token store on Redis, shared by every process that uses the same server. Each token is written
 * with `SETEX` for the seconds left until its `expiresAt`, so Redis drops it when it expires.
 *
 * @param client - a connected ioredis, node-redis (4+) or `@upstash/redis` client, or any object with
 *   `get`, `del` and `setex`/`setEx`.
 * @param options - key `prefix` and clock.
 * @returns a {@link TokenStore} to pass as the context's `tokenStore`.
 * @example
 * ```ts
 * import { createContext } from 'bridgeapi'
 * import { redisTokenStore, type RedisClientLike } from 'bridgeapi/stores/redis'
 *
 * declare const redis: RedisClientLike // e.g. new Redis(process.env.REDIS_URL) with ioredis
 * const ctx = createContext({
 *   clientId: 'client-id',
 *   clientSecret: 'client-secret',
 *   tokenStore: redisTokenStore(redis, { prefix: 'my-app:' }),
 *   user: { externalUserId: 'customer-42' },
 * })
 * ```
 */
export const redisTokenStore = (
  client: RedisClientLike,
  options: RedisTokenStoreOptions = {},
): TokenStore => {
  const prefix = options.prefix ?? ''
  const now = options.now ?? Date.now
  const setex = 'setEx' in client ? client.setEx.bind(client) : client.setex.bind(client)
  return {
    get: async (key) => decodeToken(await client.get(prefix + key)),
    set: async (key, token) => {
      await setex(prefix + key, ttlSeconds(token, now(), 1), encodeToken(token))
    },
    delete: async (key) => {
      await client.del(prefix + key)
    },
  }
}
