// A RateLimitStore over the BridgeCoordinator Durable Object: exact limits shared by every isolate.
import type { Admission, RateLimitStore } from '../../rate-limit/store.js'
import { callCoordinator, type DurableObjectNamespaceLike } from './protocol.js'

/** Options of {@link durableObjectRateLimitStore}. */
export interface DurableObjectRateLimitStoreOptions {
  /**
   * Name of the one object that decides every slot of the application (give each application its
   * own). Default `'bridgeapi:rate-limits'`.
   */
  readonly name?: string
}

/** Reads the coordinator's answer to `acquire`; anything else is an error, never a grant. */
const toAdmission = (raw: unknown): Admission => {
  const { granted, retryAt } = (raw ?? {}) as { granted?: unknown; retryAt?: unknown }
  if (granted === true) return { granted: true }
  if (granted === false && Number.isFinite(retryAt)) return { granted: false, retryAt: retryAt as number }
  throw new Error('Bridge coordinator answered acquire with something that is not an admission')
}

/**
 * An exact rate-limit store over the {@link BridgeCoordinator} Durable Object, shared by every
 * isolate bound to it. One object decides every slot of the application (the user, token and
 * application windows together, all or none, one request at a time), so no window is ever over its
 * limit. One object is enough: Bridge's application budget (2,000 requests per 5 minutes, about 7 a
 * second) is far below what one Durable Object answers (about 1,000 a second). Each decision is one
 * round trip to the object.
 *
 * @param namespace - the coordinator's namespace binding (e.g. `env.BRIDGE_COORDINATOR`).
 * @param options - the deciding object's `name`.
 * @returns a {@link RateLimitStore} to pass to `createRateLimiter`.
 * @example
 * ```ts
 * import { createContext, createRateLimiter } from 'bridgeapi'
 * import { durableObjectRateLimitStore, type DurableObjectNamespaceLike } from 'bridgeapi/stores'
 *
 * declare const env: { BRIDGE_COORDINATOR: DurableObjectNamespaceLike }
 * const ctx = createContext({
 *   clientId: 'client-id',
 *   clientSecret: 'client-secret',
 *   user: { externalUserId: 'customer-42' },
 *   rateLimiter: createRateLimiter({ store: durableObjectRateLimitStore(env.BRIDGE_COORDINATOR) }),
 * })
 * ```
 */
export const durableObjectRateLimitStore = (
  namespace: DurableObjectNamespaceLike,
  options: DurableObjectRateLimitStoreOptions = {},
): RateLimitStore => {
  const name = options.name ?? 'bridgeapi:rate-limits'
  return {
    acquire: async (windows, request) =>
      toAdmission(await callCoordinator(namespace, name, 'limits/acquire', { windows, request })),
    release: async (windows, id, endedAt) => {
      await callCoordinator(namespace, name, 'limits/release', { windows, id, endedAt })
    },
  }
}
