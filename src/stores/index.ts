/**
 * `bridgeapi/stores`: token stores shared by many instances, on Cloudflare Workers KV and Deno KV.
 * (Redis is in `bridgeapi/stores/redis`.)
 * @module
 */
export {
  type DenoKvKeyPart,
  type DenoKvLike,
  type DenoKvTokenStoreOptions,
  denoKvTokenStore,
} from './deno-kv-token-store.js'
export { type KvNamespaceLike, type KvTokenStoreOptions, kvTokenStore } from './kv-token-store.js'
