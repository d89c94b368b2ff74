/** The webhook delivery store interface and its in-memory store (once-only handling). */
import { toHex } from './body.js'

/**
 * What {@link DeliveryStore.claim} found: no live mark (`claimed`: this call set a `pending` mark and
 * handles the delivery), a delivery being handled (`pending`), or one handled already (`done`).
 *
 * @example
 * ```ts
 * import type { DeliveryClaim } from 'bridgeapi/webhooks'
 * const status = (claim: DeliveryClaim) => (claim === 'pending' ? 409 : 200)
 * ```
 */
export type DeliveryClaim = 'claimed' | 'pending' | 'done'

/**
 * Where `webhookHandler` remembers the deliveries it has seen, so that a delivery sent again (Bridge's
 * retries, or someone replaying a captured request: Bridge's signature has no timestamp) is
 * acknowledged without being handled twice. A mark is `pending` while the delivery is handled, then
 * `done`. Small and async so Cloudflare KV, Deno KV or Redis fit behind it (`bridgeapi/stores`,
 * `bridgeapi/stores/redis`). Methods may reject: the handler then answers 500, and Bridge delivers again.
 *
 * @example
 * ```ts
 * import type { DeliveryStore } from 'bridgeapi/webhooks'
 * // One process only; use memoryDeliveryStore() rather than writing this.
 * const marks = new Map<string, { state: 'pending' | 'done'; until: number }>()
 * const live = (key: string) => ((marks.get(key)?.until ?? 0) > Date.now() ? marks.get(key) : undefined)
 * const store: DeliveryStore = {
 *   claim: async (key, leaseMs) => {
 *     const mark = live(key)
 *     if (mark) return mark.state
 *     marks.set(key, { state: 'pending', until: Date.now() + leaseMs })
 *     return 'claimed'
 *   },
 *   commit: async (key, ttlMs) => void marks.set(key, { state: 'done', until: Date.now() + ttlMs }),
 *   release: async (key) => void marks.delete(key),
 * }
 * ```
 */
export interface DeliveryStore {
  /**
   * Marks `key` `pending` for `leaseMs` unless it has a live mark, and says what it found. Atomic
   * where the backend allows it (memory, Deno KV, Redis; Workers KV is best effort).
   */
  claim(key: string, leaseMs: number): Promise<DeliveryClaim>
  /** Marks `key` `done` for `ttlMs` from now (the delivery was handled). */
  commit(key: string, ttlMs: number): Promise<void>
  /** Removes the mark of `key`, so the next delivery with that key is handled. */
  release(key: string): Promise<void>
}

/**
 * What {@link memoryDeliveryStore} accepts.
 *
 * @example
 * ```ts
 * import { memoryDeliveryStore, type MemoryDeliveryStoreOptions } from 'bridgeapi/webhooks'
 * const options: MemoryDeliveryStoreOptions = { maxEntries: 10_000 }
 * const store = memoryDeliveryStore(options)
 * ```
 */
export interface MemoryDeliveryStoreOptions {
  /**
   * Most marks kept. Past it, expired marks are dropped, then the oldest: a delivery that old would be
   * handled again if it came back. Default 100 000 (also for a value that is not a positive integer).
   */
  readonly maxEntries?: number
  /** Clock, in ms since the epoch. Default `Date.now`. */
  readonly now?: () => number
}

/**
 * A {@link DeliveryStore} in a `Map`, for one process (exact there: each call runs to its end before
 * another starts). With several instances behind a load balancer, use a shared store from
 * `bridgeapi/stores` or `bridgeapi/stores/redis`.
 *
 * @param options - `maxEntries`, the bound, and the clock.
 * @returns a new, empty store.
 * @example
 * ```ts
 * import { memoryDeliveryStore, webhookHandler } from 'bridgeapi/webhooks'
 * const handler = webhookHandler({
 *   secrets: 'whsec',
 *   onEvent: (event) => console.log(event.type),
 *   dedup: { store: memoryDeliveryStore() },
 * })
 * ```
 */
export const memoryDeliveryStore = (options: MemoryDeliveryStoreOptions = {}): DeliveryStore => {
  const { maxEntries, now = Date.now } = options ?? {}
  const bound = Number.isInteger(maxEntries) && (maxEntries as number) >= 1 ? (maxEntries as number) : 100_000
  const marks = new Map<string, { readonly state: 'pending' | 'done'; readonly until: number }>()
  const mark = (key: string, state: 'pending' | 'done', ttlMs: number) => {
    const at = now()
    // Re-inserting keeps the Map in order of last mark, oldest first.
    marks.delete(key)
    marks.set(key, { state, until: at + ttlMs })
    if (marks.size <= bound) return
    for (const [other, { until }] of marks) if (until <= at) marks.delete(other)
    for (const oldest of marks.keys()) {
      if (marks.size <= bound) break
      marks.delete(oldest)
    }
  }
  return {
    claim: async (key, leaseMs) => {
      const found = marks.get(key)
      if (found && found.until > now()) return found.state
      mark(key, 'pending', leaseMs)
      return 'claimed'
    },
    commit: async (key, ttlMs) => mark(key, 'done', ttlMs),
    release: async (key) => {
      marks.delete(key)
    },
  }
}

/**
 * The key a delivery is remembered by: `bridgeapi:webhook:` and the SHA-256 (hex) of its raw body.
 * Bridge's events carry no id; two deliveries with the same body (type, `timestamp` in ms, content)
 * are the same event. Rejects when Web Crypto is missing.
 */
export const deliveryKey = async (body: Uint8Array<ArrayBuffer>): Promise<string> =>
  `bridgeapi:webhook:${toHex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', body)))}`
