/** The webhook delivery store on Redis (ioredis, node-redis or Upstash clients). */
import type { DeliveryClaim, DeliveryStore } from '../../webhooks/delivery-store.js'
import { type RedisScriptClientLike, scriptRunner } from './rate-limit-store.js'

/** Options of {@link redisDeliveryStore}. */
export interface RedisDeliveryStoreOptions {
  /** Prepended to every key (e.g. a prefix your Redis ACL allows). Default `''`. */
  readonly prefix?: string
}

/** `SET NX PX`: `claimed`, or the live mark's state. ARGV: leaseMs. */
const CLAIM = `
if redis.call('SET', KEYS[1], 'pending', 'PX', ARGV[1], 'NX') then return 'claimed' end
return redis.call('GET', KEYS[1])
`
/** ARGV: ttlMs. */
const COMMIT = `redis.call('SET', KEYS[1], 'done', 'PX', ARGV[1]) return 'ok'`
const RELEASE = `redis.call('DEL', KEYS[1]) return 'ok'`

const CLAIMS: readonly unknown[] = ['claimed', 'pending', 'done'] satisfies DeliveryClaim[]

/**
 * A webhook {@link DeliveryStore} on Redis, exact across every process that uses the same server: a
 * claim is one `SET … NX PX` (in a script, with the read of an existing mark), so of two copies
 * arriving together exactly one is handled, and Redis drops each mark when its TTL ends.
 *
 * @param client - a connected ioredis, node-redis (4+) or `@upstash/redis` client (anything with
 *   `call`, `sendCommand` or `eval`).
 * @param options - key `prefix`.
 * @returns a {@link DeliveryStore} for `webhookHandler`'s `dedup` option.
 * @example
 * ```ts
 * import { redisDeliveryStore, type RedisScriptClientLike } from 'bridgeapi/stores/redis'
 * import { webhookHandler } from 'bridgeapi/webhooks'
 *
 * declare const redis: RedisScriptClientLike // e.g. new Redis(process.env.REDIS_URL) with ioredis
 * const handler = webhookHandler({
 *   secrets: process.env.BRIDGE_WEBHOOK_SECRET,
 *   onEvent: (event) => console.log(event.type),
 *   dedup: { store: redisDeliveryStore(redis, { prefix: 'my-app:' }) },
 * })
 * ```
 */
export const redisDeliveryStore = (
  client: RedisScriptClientLike,
  options: RedisDeliveryStoreOptions = {},
): DeliveryStore => {
  const prefix = options.prefix ?? ''
  const run = scriptRunner(client)
  const ms = (value: number) => String(Math.max(1, Math.ceil(value)))
  return {
    claim: async (key, leaseMs) => {
      const answer = await run(CLAIM, [prefix + key], [ms(leaseMs)])
      if (CLAIMS.includes(answer)) return answer as DeliveryClaim
      // A value this store never writes: the key is used by something else.
      throw new Error(`Unexpected delivery mark in Redis: ${String(answer)}`)
    },
    commit: async (key, ttlMs) => {
      await run(COMMIT, [prefix + key], [ms(ttlMs)])
    },
    release: async (key) => {
      await run(RELEASE, [prefix + key], [])
    },
  }
}
