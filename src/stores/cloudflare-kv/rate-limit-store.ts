/** The rate-limit store on Cloudflare Workers KV (best effort: KV is eventually consistent). */
import {
  admit,
  type HeldSlot,
  lastUntil,
  type RateLimitStore,
  type RateLimitWindow,
  releaseSlot,
} from '../../rate-limit/store.js'
import type { KvNamespaceLike } from './token-store.js'

/** Options of {@link kvRateLimitStore}. */
export interface KvRateLimitStoreOptions {
  /** Prepended to every key. Default `''`. */
  readonly prefix?: string
}

/** Cloudflare KV refuses an expiration less than 60 seconds away. */
const KV_MIN_TTL_SECONDS = 60

/** Reads a window as written below (`[[id, until], …]`); anything else reads as empty. */
const decodeSlots = (text: string | null): HeldSlot[] => {
  try {
    const parsed: unknown = JSON.parse(text ?? '[]')
    return Array.isArray(parsed)
      ? parsed
          .filter(
            (pair): pair is [string, number] => typeof pair?.[0] === 'string' && Number.isFinite(pair[1]),
          )
          .map(([id, until]) => ({ id, until }))
      : []
  } catch {
    return []
  }
}

/**
 * A rate-limit store on Cloudflare Workers KV, shared by every Worker bound to the namespace.
 * **Best effort, not a guarantee:** KV has no atomic read-modify-write and is eventually consistent
 * (another location can read a window up to a minute old), so instances racing for the last slots
 * of a window can both take them, and the limits can then be exceeded. KV also accepts about one
 * write per second to a key, which caps what this store can count. Within one instance of the store
 * the limiter is exact (its reads and writes take turns); for an exact limit across instances use Redis (`bridgeapi/stores/redis`), or a
 * Durable Object behind a {@link RateLimitStore} of your own.
 *
 * @param namespace - a KV namespace binding (e.g. `env.BRIDGE_RATE_LIMITS`).
 * @param options - key `prefix`.
 * @returns a {@link RateLimitStore} to pass to `createRateLimiter`.
 * @example
 * ```ts
 * import { createContext, createRateLimiter } from 'bridgeapi'
 * import { kvRateLimitStore, type KvNamespaceLike } from 'bridgeapi/stores'
 *
 * declare const env: { BRIDGE_KV: KvNamespaceLike }
 * const ctx = createContext({
 *   clientId: 'client-id',
 *   clientSecret: 'client-secret',
 *   user: { externalUserId: 'customer-42' },
 *   rateLimiter: createRateLimiter({ store: kvRateLimitStore(env.BRIDGE_KV, { prefix: 'limits:' }) }),
 * })
 * ```
 */
export const kvRateLimitStore = (
  namespace: KvNamespaceLike,
  options: KvRateLimitStoreOptions = {},
): RateLimitStore => {
  const prefix = options.prefix ?? ''
  const read = (windows: readonly RateLimitWindow[]) =>
    Promise.all(windows.map(async (window) => decodeSlots(await namespace.get(prefix + window.key, 'text'))))
  const write = (window: RateLimitWindow, slots: readonly HeldSlot[], now: number) =>
    namespace.put(prefix + window.key, JSON.stringify(slots.map((slot) => [slot.id, slot.until])), {
      expirationTtl: Math.max(KV_MIN_TTL_SECONDS, Math.ceil((lastUntil(slots) - now) / 1000)),
    })
  // One read-modify-write at a time in this instance, so it is exact on its own.
  let last: Promise<unknown> = Promise.resolve()
  const exclusive = <T>(step: () => Promise<T>): Promise<T> => {
    const next = last.then(step)
    last = next.catch(() => undefined)
    return next
  }
  return {
    acquire: (windows, request) =>
      exclusive(async () => {
        const decision = admit(await read(windows), windows, request)
        if (!decision.granted) return { granted: false, retryAt: decision.retryAt }
        await Promise.all(
          windows.map((window, index) => write(window, decision.held[index] ?? [], request.now)),
        )
        return { granted: true }
      }),
    release: (windows, id, endedAt) =>
      exclusive(async () => {
        const held = await read(windows)
        await Promise.all(
          windows.map((window, index) =>
            write(window, releaseSlot(held[index] ?? [], window, id, endedAt), endedAt),
          ),
        )
      }),
  }
}
