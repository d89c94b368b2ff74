/**
 * `bridgeapi/stores/redis`: a token store and a rate-limit store on Redis, for ioredis, node-redis
 * and `@upstash/redis` clients. No Redis client is a dependency.
 * @module
 */
export {
  type RedisRateLimitStoreOptions,
  type RedisScriptClientLike,
  redisRateLimitStore,
} from '../redis-rate-limit-store.js'
export {
  type RedisClientLike,
  type RedisReadDelete,
  type RedisTokenStoreOptions,
  redisTokenStore,
} from '../redis-token-store.js'
