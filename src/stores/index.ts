/**
 * `bridgeapi/stores`: token stores shared by many instances, on Cloudflare Workers KV and Deno KV,
 * rate-limit stores and webhook delivery stores on Deno KV (exact) and Workers KV (best effort), and
 * `encryptTokenStore`, which keeps any token store's tokens encrypted, and `BridgeCoordinator`, a Durable
 * Object for Cloudflare with exact token and rate-limit stores over it. (Redis is in `bridgeapi/stores/redis`.)
 * @module
 */

export { type KvDeliveryStoreOptions, kvDeliveryStore } from './cloudflare-kv/delivery-store.js'
export { type KvRateLimitStoreOptions, kvRateLimitStore } from './cloudflare-kv/rate-limit-store.js'
export { type KvNamespaceLike, type KvTokenStoreOptions, kvTokenStore } from './cloudflare-kv/token-store.js'
export {
  type DenoKvDeliveryLike,
  type DenoKvDeliveryStoreOptions,
  denoKvDeliveryStore,
} from './deno-kv/delivery-store.js'
export {
  type DenoKvAtomicLike,
  type DenoKvKey,
  type DenoKvRateLimitLike,
  type DenoKvRateLimitStoreOptions,
  denoKvRateLimitStore,
} from './deno-kv/rate-limit-store.js'
export {
  type DenoKvKeyPart,
  type DenoKvLike,
  type DenoKvTokenStoreOptions,
  denoKvTokenStore,
} from './deno-kv/token-store.js'
export {
  BridgeCoordinator,
  type DurableObjectNamespaceLike,
  type DurableObjectRateLimitStoreOptions,
  type DurableObjectStateLike,
  type DurableObjectStorageLike,
  type DurableObjectStubLike,
  type DurableObjectTokenStoreOptions,
  durableObjectRateLimitStore,
  durableObjectTokenStore,
} from './durable-object/index.js'
export { type EncryptTokenStoreOptions, encryptTokenStore } from './encryption.js'
