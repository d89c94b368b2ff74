/** The webhook delivery store on Deno KV (exact, atomic checks). */
import type { DeliveryStore } from '../../webhooks/delivery-store.js'
import { encodeMark, liveMark } from '../delivery-mark.js'
import type { DenoKvRateLimitLike } from './rate-limit-store.js'
import type { DenoKvKeyPart, DenoKvLike } from './token-store.js'

/**
 * The part of a `Deno.Kv` (from `Deno.openKv()`) the delivery store uses. A real `Deno.Kv` fits;
 * nothing here depends on Deno's types.
 */
export type DenoKvDeliveryLike = Pick<DenoKvRateLimitLike, 'get' | 'atomic'> &
  Pick<DenoKvLike, 'set' | 'delete'>

/** Options of {@link denoKvDeliveryStore}. */
export interface DenoKvDeliveryStoreOptions {
  /** Key parts put before the delivery key. Default `[]` (keys are `[key]`). */
  readonly prefix?: readonly DenoKvKeyPart[]
  /** Clock, in ms since the epoch. Default `Date.now`. */
  readonly now?: () => number
}

/**
 * A webhook {@link DeliveryStore} on Deno KV, exact across every isolate that opens the same KV (Deno
 * Deploy, or one SQLite file): a claim commits only if the key did not change since it was read (an
 * atomic check on its versionstamp), so of two copies arriving together exactly one is handled.
 * Marks are written with `expireIn`, so Deno KV deletes them after their TTL.
 *
 * @param kv - an open `Deno.Kv`.
 * @param options - key `prefix` and clock.
 * @returns a {@link DeliveryStore} for `webhookHandler`'s `dedup` option.
 * @example
 * ```ts
 * import { denoKvDeliveryStore, type DenoKvDeliveryLike } from 'bridgeapi/stores'
 * import { webhookHandler } from 'bridgeapi/webhooks'
 *
 * declare const kv: DenoKvDeliveryLike // const kv = await Deno.openKv()
 * const handler = webhookHandler({
 *   secrets: 'whsec',
 *   onEvent: (event) => console.log(event.type),
 *   dedup: { store: denoKvDeliveryStore(kv, { prefix: ['webhooks'] }) },
 * })
 * ```
 */
export const denoKvDeliveryStore = (
  kv: DenoKvDeliveryLike,
  options: DenoKvDeliveryStoreOptions = {},
): DeliveryStore => {
  const prefix = options.prefix ?? []
  const now = options.now ?? Date.now
  return {
    claim: async (key, leaseMs) => {
      const at = [...prefix, key]
      for (;;) {
        const entry = await kv.get(at)
        const found = liveMark(entry.value, now())
        if (found) return found
        // Commits only if nobody wrote the key since it was read; otherwise read again.
        const written = await kv
          .atomic()
          .check({ key: at, versionstamp: entry.versionstamp })
          .set(at, encodeMark('pending', now() + leaseMs), { expireIn: leaseMs })
          .commit()
        if (written.ok) return 'claimed'
      }
    },
    commit: async (key, ttlMs) => {
      await kv.set([...prefix, key], encodeMark('done', now() + ttlMs), { expireIn: ttlMs })
    },
    release: (key) => kv.delete([...prefix, key]),
  }
}
