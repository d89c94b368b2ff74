/** The token store on Deno KV, shared by every isolate of a Deno Deploy app. */
import type { TokenStore } from '../../core/auth/token-store.js'
import { decodeToken, ttlSeconds } from '../codec.js'

/** A Deno KV key part the store can put in front of its keys. */
export type DenoKvKeyPart = string | number | bigint | boolean | Uint8Array

/**
 * The part of a `Deno.Kv` (from `Deno.openKv()`) the store uses. A real `Deno.Kv` fits; nothing here
 * depends on Deno's types.
 */
export interface DenoKvLike {
  get(key: readonly DenoKvKeyPart[]): Promise<{ readonly value: unknown }>
  set(key: readonly DenoKvKeyPart[], value: unknown, options?: { expireIn?: number }): Promise<unknown>
  delete(key: readonly DenoKvKeyPart[]): Promise<void>
}

/** Options of {@link denoKvTokenStore}. */
export interface DenoKvTokenStoreOptions {
  /** Key parts put before the token key. Default `[]` (keys are `[key]`). */
  readonly prefix?: readonly DenoKvKeyPart[]
  /** Clock for `expireIn`, in ms since the epoch. Default `Date.now`. */
  readonly now?: () => number
}

/**
 * A token store on Deno KV (local SQLite, or Deno Deploy's shared KV for many isolates). Each token
 * is written with `expireIn` matching its `expiresAt`, so Deno KV deletes it after it expires.
 *
 * @param kv - an open `Deno.Kv`.
 * @param options - key `prefix` and clock.
 * @returns a {@link TokenStore} to pass as the context's `tokenStore`.
 * @example
 * ```ts
 * import { createContext } from 'bridgeapi'
 * import { denoKvTokenStore, type DenoKvLike } from 'bridgeapi/stores'
 *
 * declare const kv: DenoKvLike // const kv = await Deno.openKv()
 * const ctx = createContext({
 *   clientId: 'client-id',
 *   clientSecret: 'client-secret',
 *   tokenStore: denoKvTokenStore(kv, { prefix: ['bridge'] }),
 *   user: { externalUserId: 'customer-42' },
 * })
 * ```
 */
export const denoKvTokenStore = (kv: DenoKvLike, options: DenoKvTokenStoreOptions = {}): TokenStore => {
  const prefix = options.prefix ?? []
  const now = options.now ?? Date.now
  return {
    get: async (key) => decodeToken((await kv.get([...prefix, key])).value),
    set: async (key, token) => {
      const value = { accessToken: token.accessToken, expiresAt: token.expiresAt }
      await kv.set([...prefix, key], value, { expireIn: ttlSeconds(token, now(), 1) * 1000 })
    },
    delete: (key) => kv.delete([...prefix, key]),
  }
}
