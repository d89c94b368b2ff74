/** The rate-limit store on Redis: exact sliding windows in one Lua script per request. */
import type { RateLimitStore } from '../../rate-limit/store.js'

/**
 * A Redis client that can run a Lua script, in the shape the common clients give it: `call` (ioredis),
 * `sendCommand` (node-redis 4 and later) or `eval(script, keys, args)` (`@upstash/redis`). Nothing
 * here depends on a Redis client package; bring your own.
 */
export type RedisScriptClientLike =
  | { call(command: string, ...args: string[]): Promise<unknown> }
  | { sendCommand(args: string[]): Promise<unknown> }
  | { eval(script: string, keys: string[], args: string[]): Promise<unknown> }

/** Options of {@link redisRateLimitStore}. */
export interface RedisRateLimitStoreOptions {
  /** Prepended to every key (e.g. a prefix your Redis ACL allows). Default `''`. */
  readonly prefix?: string
}

/**
 * One sorted set per window (member: request id, score: the instant its slot frees). In one script,
 * so no other client runs between the check and the write: drop freed slots; if a window is full,
 * answer the instant its oldest needed slot frees (a slot in flight counts as freeing a full window
 * from now); otherwise add the slot to every window and expire each set with its last slot.
 * ARGV: now, id, leaseMs, then limit and windowMs per key.
 */
const ACQUIRE = `
local now = tonumber(ARGV[1])
local lease = tonumber(ARGV[3])
local retryAt = 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 + i * 2])
  local window = tonumber(ARGV[3 + i * 2])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  local count = redis.call('ZCARD', key)
  if count >= limit then
    local slot = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
    retryAt = math.max(retryAt, math.min(tonumber(slot[2]), now + window))
  end
end
if retryAt > 0 then return string.format('%d', retryAt) end
for i, key in ipairs(KEYS) do
  local window = tonumber(ARGV[3 + i * 2])
  redis.call('ZADD', key, string.format('%d', now + lease + window), ARGV[2])
  local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
  redis.call('PEXPIRE', key, string.format('%d', tonumber(last[2]) - now))
end
return 'granted'
`

/** Moves slot ARGV[1] to free at ARGV[1 + i] in KEYS[i], if it is still there. */
const RELEASE = `
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, 'XX', ARGV[1 + i], ARGV[1])
end
return 'ok'
`

/** Runs a Lua script with whichever command the client has (`call`, `sendCommand` or `eval`). */
export const scriptRunner = (client: RedisScriptClientLike) => {
  if ('call' in client)
    return (script: string, keys: string[], args: string[]) =>
      client.call('EVAL', script, String(keys.length), ...keys, ...args)
  if ('sendCommand' in client)
    return (script: string, keys: string[], args: string[]) =>
      client.sendCommand(['EVAL', script, String(keys.length), ...keys, ...args])
  return (script: string, keys: string[], args: string[]) => client.eval(script, keys, args)
}

/**
 * A rate-limit store on Redis, exact across every process that uses the same server: each decision
 * runs as one Lua script, so concurrent instances never both take the last slot. Windows are sorted
 * sets that expire with their last slot. The keys of one application share a hash tag, so this
 * works on Redis Cluster too.
 *
 * @param client - a connected ioredis, node-redis (4+) or `@upstash/redis` client.
 * @param options - key `prefix`.
 * @returns a {@link RateLimitStore} to pass to `createRateLimiter`.
 * @example
 * ```ts
 * import { createContext, createRateLimiter } from 'bridgeapi'
 * import { redisRateLimitStore, type RedisScriptClientLike } from 'bridgeapi/stores/redis'
 *
 * declare const redis: RedisScriptClientLike // e.g. new Redis(process.env.REDIS_URL) with ioredis
 * const ctx = createContext({
 *   clientId: 'client-id',
 *   clientSecret: 'client-secret',
 *   user: { externalUserId: 'customer-42' },
 *   rateLimiter: createRateLimiter({ store: redisRateLimitStore(redis, { prefix: 'my-app:' }) }),
 * })
 * ```
 */
export const redisRateLimitStore = (
  client: RedisScriptClientLike,
  options: RedisRateLimitStoreOptions = {},
): RateLimitStore => {
  const prefix = options.prefix ?? ''
  const run = scriptRunner(client)
  const ms = (value: number) => String(Math.ceil(value))
  return {
    acquire: async (windows, request) => {
      const answer = await run(
        ACQUIRE,
        windows.map((window) => prefix + window.key),
        [
          String(Math.floor(request.now)),
          request.id,
          ms(request.leaseMs),
          ...windows.flatMap((window) => [String(window.limit), ms(window.windowMs)]),
        ],
      )
      if (answer === 'granted') return { granted: true }
      const retryAt = Number(answer)
      if (!Number.isFinite(retryAt)) throw new Error(`Unexpected answer from Redis: ${String(answer)}`)
      return { granted: false, retryAt }
    },
    release: async (windows, id, endedAt) => {
      await run(
        RELEASE,
        windows.map((window) => prefix + window.key),
        [id, ...windows.map((window) => ms(endedAt + window.windowMs))],
      )
    },
  }
}
