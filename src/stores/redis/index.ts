/**
 * `bridgeapi/stores/redis`: a token store on Redis, for any client with `get`, `del` and
 * `setex`/`setEx` (ioredis, node-redis, `@upstash/redis`). No Redis client is a dependency.
 * @module
 */
export {
  type RedisClientLike,
  type RedisReadDelete,
  type RedisTokenStoreOptions,
  redisTokenStore,
} from '../redis-token-store.js'
