/** The webhook delivery store on Cloudflare Workers KV (best effort: KV is eventually consistent). */
import type { DeliveryStore } from '../../webhooks/delivery-store.js'
import { encodeMark, liveMark, type MarkState } from '../delivery-mark.js'
import type { KvNamespaceLike } from './token-store.js'

/** Options of {@link kvDeliveryStore}. */
export interface KvDeliveryStoreOptions {
  /** Prepended to every key. Default `''`. */
  readonly prefix?: string
  /** Clock, in ms since the epoch. Default `Date.now`. */
  readonly now?: () => number
}

/** Cloudflare KV refuses an expiration less than 60 seconds away. */
const KV_MIN_TTL_SECONDS = 60

/**
 * A webhook {@link DeliveryStore} on Cloudflare Workers KV, shared by every Worker bound to the
 * namespace. **Best effort, not a guarantee:** KV has no atomic "set if absent" and is eventually
 * consistent (another location can read a key up to a minute old), so two copies of a delivery
 * arriving at the same time, or at two locations within about a minute, can both be handled. It
 * still stops later replays. For exact de-duplication across instances use Redis
 * (`bridgeapi/stores/redis`) or Deno KV. Marks expire with their TTL (KV keeps a key at least 60 s;
 * the mark's own end instant is what counts).
 *
 * @param namespace - a KV namespace binding (e.g. `env.BRIDGE_WEBHOOKS`).
 * @param options - key `prefix` and clock.
 * @returns a {@link DeliveryStore} for `webhookHandler`'s `dedup` option.
 * @example
 * ```ts
 * import { kvDeliveryStore, type KvNamespaceLike } from 'bridgeapi/stores'
 * import { webhookHandler } from 'bridgeapi/webhooks'
 *
 * export default {
 *   fetch(request: Request, env: { BRIDGE_KV: KvNamespaceLike; BRIDGE_WEBHOOK_SECRET: string }) {
 *     return webhookHandler({
 *       secrets: env.BRIDGE_WEBHOOK_SECRET,
 *       onEvent: (event) => console.log(event.type),
 *       dedup: { store: kvDeliveryStore(env.BRIDGE_KV, { prefix: 'webhooks:' }) },
 *     })(request)
 *   },
 * }
 * ```
 */
export const kvDeliveryStore = (
  namespace: KvNamespaceLike,
  options: KvDeliveryStoreOptions = {},
): DeliveryStore => {
  const prefix = options.prefix ?? ''
  const now = options.now ?? Date.now
  const mark = (key: string, state: MarkState, ttlMs: number) =>
    namespace.put(prefix + key, encodeMark(state, now() + ttlMs), {
      expirationTtl: Math.max(KV_MIN_TTL_SECONDS, Math.ceil(ttlMs / 1000)),
    })
  return {
    claim: async (key, leaseMs) => {
      const found = liveMark(await namespace.get(prefix + key, 'text'), now())
      if (found) return found
      await mark(key, 'pending', leaseMs)
      return 'claimed'
    },
    commit: (key, ttlMs) => mark(key, 'done', ttlMs),
    release: (key) => namespace.delete(prefix + key),
  }
}
