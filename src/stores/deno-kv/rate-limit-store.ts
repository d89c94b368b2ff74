/** The rate-limit store on Deno KV: exact sliding windows through atomic checks. */
import {
  admit,
  type HeldSlot,
  lastUntil,
  type RateLimitStore,
  type RateLimitWindow,
} from '../../rate-limit/store.js'
import type { DenoKvKeyPart } from './token-store.js'

/** A Deno KV key, as `Deno.KvKey` (a list of parts). */
export type DenoKvKey = readonly DenoKvKeyPart[]

/** The part of a `Deno.AtomicOperation` the store uses. */
export interface DenoKvAtomicLike {
  check(...checks: { readonly key: DenoKvKey; readonly versionstamp: string | null }[]): DenoKvAtomicLike
  set(key: DenoKvKey, value: unknown, options?: { expireIn?: number }): DenoKvAtomicLike
  commit(): Promise<{ readonly ok: boolean }>
}

/**
 * The part of a `Deno.Kv` (from `Deno.openKv()`) the rate-limit store uses. A real `Deno.Kv` fits;
 * nothing here depends on Deno's types.
 */
export interface DenoKvRateLimitLike {
  get(key: DenoKvKey): Promise<{ readonly value: unknown; readonly versionstamp: string | null }>
  list(selector: {
    readonly prefix: DenoKvKey
  }): AsyncIterable<{ readonly key: readonly unknown[]; readonly value: unknown }>
  atomic(): DenoKvAtomicLike
}

/** Options of {@link denoKvRateLimitStore}. */
export interface DenoKvRateLimitStoreOptions {
  /** Key parts put before the store's keys. Default `[]`. */
  readonly prefix?: readonly DenoKvKeyPart[]
}

/** Deno KV refuses a zero or negative `expireIn`. */
const expireIn = (until: number, now: number) => Math.max(1, Math.ceil(until - now))

/**
 * A rate-limit store on Deno KV, exact across every isolate that opens the same KV (Deno Deploy, or one
 * SQLite file): each slot is a key (`[...prefix, window, 'slot', id]`, expiring with the slot), and a
 * decision commits only if no other decision on its windows committed since it read them (an atomic
 * check on each window's version key, which expires with the window's last slot); otherwise it
 * reads again and decides again.
 *
 * @param kv - an open `Deno.Kv`.
 * @param options - key `prefix`.
 * @returns a {@link RateLimitStore} to pass to `createRateLimiter`.
 * @example
 * ```ts
 * import { createContext, createRateLimiter } from 'bridgeapi'
 * import { denoKvRateLimitStore, type DenoKvRateLimitLike } from 'bridgeapi/stores'
 *
 * declare const kv: DenoKvRateLimitLike // const kv = await Deno.openKv()
 * const ctx = createContext({
 *   clientId: 'client-id',
 *   clientSecret: 'client-secret',
 *   user: { externalUserId: 'customer-42' },
 *   rateLimiter: createRateLimiter({ store: denoKvRateLimitStore(kv, { prefix: ['limits'] }) }),
 * })
 * ```
 */
export const denoKvRateLimitStore = (
  kv: DenoKvRateLimitLike,
  options: DenoKvRateLimitStoreOptions = {},
): RateLimitStore => {
  const prefix = options.prefix ?? []
  const versionKey = (window: RateLimitWindow): DenoKvKey => [...prefix, window.key, 'version']
  const slotKey = (window: RateLimitWindow, id: string): DenoKvKey => [...prefix, window.key, 'slot', id]
  const readSlots = async (window: RateLimitWindow): Promise<HeldSlot[]> => {
    const slots: HeldSlot[] = []
    for await (const entry of kv.list({ prefix: [...prefix, window.key, 'slot'] })) {
      const id = entry.key[entry.key.length - 1]
      if (typeof id === 'string' && typeof entry.value === 'number') slots.push({ id, until: entry.value })
    }
    return slots
  }
  return {
    acquire: async (windows, request) => {
      for (;;) {
        const versions = await Promise.all(windows.map((window) => kv.get(versionKey(window))))
        const decision = admit(await Promise.all(windows.map(readSlots)), windows, request)
        if (!decision.granted) return { granted: false, retryAt: decision.retryAt }
        let operation = kv.atomic()
        windows.forEach((window, index) => {
          const until = request.now + request.leaseMs + window.windowMs
          // The version key lives as long as the window's last slot, so no user leaves a key forever.
          const windowUntil = lastUntil(decision.held[index] ?? [])
          operation = operation
            .check({ key: versionKey(window), versionstamp: versions[index]?.versionstamp ?? null })
            .set(versionKey(window), request.id, { expireIn: expireIn(windowUntil, request.now) })
            .set(slotKey(window, request.id), until, { expireIn: expireIn(until, request.now) })
        })
        if ((await operation.commit()).ok) return { granted: true }
      }
    },
    release: async (windows, id, endedAt) => {
      // Freeing a slot sooner never lets a decision that read the older, later instant go over.
      let operation = kv.atomic()
      for (const window of windows) {
        const until = endedAt + window.windowMs
        operation = operation.set(slotKey(window, id), until, { expireIn: expireIn(until, endedAt) })
      }
      await operation.commit()
    },
  }
}
