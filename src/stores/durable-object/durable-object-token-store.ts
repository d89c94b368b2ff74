// A TokenStore over the BridgeCoordinator Durable Object: one token renewal per user across isolates.
import type { TokenStore } from '../../core/auth/token-store.js'
import { decodeToken, encodeToken } from '../codec.js'
import { callCoordinator, type DurableObjectNamespaceLike } from './protocol.js'

/** Options of {@link durableObjectTokenStore}. */
export interface DurableObjectTokenStoreOptions {
  /** Prepended to every key (and so to the object's name). Default `''`. */
  readonly prefix?: string
  /**
   * The context's `renewBeforeMs`: a token closer than this to its expiry is renewed (by one caller).
   * Give the same value as the contexts using the store. Default 60 000, the SDK's default.
   */
  readonly renewBeforeMs?: number
  /**
   * How long the other callers wait for the renewer's token before one of them renews instead (the
   * renewer died, or Bridge refused it). Keep it below the contexts' `timeoutMs`. Default 10 000.
   */
  readonly leaseMs?: number
  /** The contexts' clock, in ms since the epoch. Default `Date.now`. */
  readonly now?: () => number
}

/**
 * A token store over the {@link BridgeCoordinator} Durable Object, one object per user key: every
 * isolate reads the same token at once (no eventual consistency), and renewal is single flight across
 * isolates. The first caller to find a user's token stale is told to renew; the others wait for the
 * token it stores, so each user costs one token request per expiry. If the renewer dies or Bridge
 * refuses it, the others wait `leaseMs`, then one of them renews. (After a 401 on a fresh-looking
 * token, each isolate renews on its own, as with any store.)
 *
 * @param namespace - the coordinator's namespace binding (e.g. `env.BRIDGE_COORDINATOR`).
 * @param options - key `prefix`, `renewBeforeMs`, `leaseMs` and clock.
 * @returns a {@link TokenStore} to pass as the context's `tokenStore`.
 * @example
 * ```ts
 * import { createContext } from 'bridgeapi'
 * import { durableObjectTokenStore, type DurableObjectNamespaceLike } from 'bridgeapi/stores'
 *
 * declare const env: { BRIDGE_COORDINATOR: DurableObjectNamespaceLike; BRIDGE_CLIENT_SECRET: string }
 * const ctx = createContext({
 *   clientId: 'client-id',
 *   clientSecret: env.BRIDGE_CLIENT_SECRET,
 *   tokenStore: durableObjectTokenStore(env.BRIDGE_COORDINATOR),
 *   user: { externalUserId: 'customer-42' },
 * })
 * ```
 */
export const durableObjectTokenStore = (
  namespace: DurableObjectNamespaceLike,
  options: DurableObjectTokenStoreOptions = {},
): TokenStore => {
  const prefix = options.prefix ?? ''
  const renewBeforeMs = options.renewBeforeMs ?? 60_000
  const leaseMs = options.leaseMs ?? 10_000
  const now = options.now ?? Date.now
  // Names this instance to the coordinator: the SDK reads twice before it renews, and the lease
  // holder must not wait for itself.
  const holder = crypto.randomUUID()
  return {
    get: async (key) =>
      decodeToken(
        await callCoordinator(namespace, prefix + key, 'token/get', {
          key: prefix + key,
          holder,
          now: now(),
          renewBeforeMs,
          leaseMs,
        }),
      ),
    set: async (key, token) => {
      await callCoordinator(namespace, prefix + key, 'token/set', {
        key: prefix + key,
        token: JSON.parse(encodeToken(token)),
      })
    },
    delete: async (key) => {
      await callCoordinator(namespace, prefix + key, 'token/delete', { key: prefix + key })
    },
  }
}
