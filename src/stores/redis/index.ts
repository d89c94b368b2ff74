/**
 * `bridgeapi/stores/redis`: a token store, a rate-limit store and a webhook delivery store on Redis, for ioredis, node-redis
 * and `@upstash/redis` clients. No Redis client is a dependency.
 * @module
 */
export { type RedisDeliveryStoreOptions, redisDeliveryStore } from '../redis-delivery-store.js'
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
