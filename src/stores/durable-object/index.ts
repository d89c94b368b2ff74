/** The Durable Object coordinator for Cloudflare Workers and the stores over it (see docs/cloudflare-coordinator.md). */
export {
  BridgeCoordinator,
  type DurableObjectStateLike,
  type DurableObjectStorageLike,
} from './coordinator.js'
export {
  type DurableObjectRateLimitStoreOptions,
  durableObjectRateLimitStore,
} from './durable-object-rate-limit-store.js'
export { type DurableObjectTokenStoreOptions, durableObjectTokenStore } from './durable-object-token-store.js'
export type { DurableObjectNamespaceLike, DurableObjectStubLike } from './protocol.js'
