/**
 * `bridgeapi/stores/redis`: a token store, a rate-limit store and a webhook delivery store on Redis, for ioredis, node-redis
 * and `@upstash/redis` clients. No Redis client is a dependency.
 * @module
 */
export { type RedisDeliveryStoreOptions, redisDeliveryStore } from './delivery-store.js'
export {
  type RedisRateLimitStoreOptions,
  type RedisScriptClientLike,
  redisRateLimitStore,
} from './rate-limit-store.js'
export {
  type RedisClientLike,
  type RedisReadDelete,
  type RedisTokenStoreOptions,
  redisTokenStore,
} from './token-store.js'
