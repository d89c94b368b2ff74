/**
 * `bridgeapi/stores`: token stores shared by many instances, on Cloudflare Workers KV and Deno KV,
 * and a rate-limit store on Workers KV (best effort). (Redis is in `bridgeapi/stores/redis`.)
 * @module
 */
export {
  type DenoKvKeyPart,
  type DenoKvLike,
  type DenoKvTokenStoreOptions,
  denoKvTokenStore,
} from './deno-kv-token-store.js'
export { type KvRateLimitStoreOptions, kvRateLimitStore } from './kv-rate-limit-store.js'
export { type KvNamespaceLike, type KvTokenStoreOptions, kvTokenStore } from './kv-token-store.js'
