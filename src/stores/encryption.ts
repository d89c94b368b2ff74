/** encryptTokenStore: wraps any token store so that it keeps tokens encrypted (AES-GCM). */
import type { StoredToken, TokenStore } from '../core/auth/token-store.js'

/** Options of {@link encryptTokenStore}. */
export interface EncryptTokenStoreOptions {
  /**
   * AES-GCM keys, the current one first: raw 128- or 256-bit keys (`Uint8Array`) or `CryptoKey`s
   * for `AES-GCM` with `encrypt` and `decrypt` usages. Tokens are written with the first; every key is
   * tried when reading, so during a rotation list the new key first and the previous ones after it.
   */
  readonly keys: readonly (CryptoKey | Uint8Array)[]
}

/** Marks an encrypted access token, and the format's version. */
const PREFIX = 'bridgeapi:aes-gcm:v1:'
const IV_BYTES = 12

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes))
const fromBase64 = (text: string): Uint8Array<ArrayBuffer> | undefined => {
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0))
  } catch {
    return undefined
  }
}

/** The key (store key and expiry) a ciphertext is bound to: a token moved to another user's key does not decrypt. */
const boundTo = (key: string, expiresAt: string) => new TextEncoder().encode(`${key}\n${expiresAt}`)

const importKeys = async (keys: EncryptTokenStoreOptions['keys']): Promise<CryptoKey[]> => {
  if (!Array.isArray(keys) || keys.length === 0) throw new Error('encryptTokenStore needs at least one key')
  return Promise.all(
    keys.map((key) => {
      if (!(key instanceof Uint8Array)) return key
      if (key.length !== 16 && key.length !== 32)
        throw new Error('encryptTokenStore keys must be 16 or 32 bytes (AES-128 or AES-256)')
      // A copy: Web Crypto wants bytes on an ArrayBuffer (not a SharedArrayBuffer).
      return globalThis.crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, [
        'encrypt',
        'decrypt',
      ])
    }),
  )
}

/**
 * Wraps a token store so access tokens are kept encrypted (AES-GCM, through Web Crypto): whoever
 * reads the store (Redis, Workers KV, Deno KV…) sees no usable token. Works in Node 20+, Deno, Bun,
 * browsers and Workers. The expiry stays in clear (the stores expire entries with it).
 *
 * Reading: a token encrypted with none of the keys (a wrong key, a tampered value, or one moved to
 * another user's key) makes the store fail, so the call ends with an `AuthenticationError` (reason
 * `token_store`) rather than silently re-authenticating every user (fail closed: a misconfigured key
 * shows at once). A token stored in clear (written before encryption was turned on) is read as
 * missing: the SDK authenticates again and stores it encrypted.
 *
 * @param store - the store to wrap (any {@link TokenStore}).
 * @param options - `keys`, the current one first.
 * @returns a {@link TokenStore} to pass as the context's `tokenStore`.
 * @example
 * ```ts
 * import { createContext } from 'bridgeapi'
 * import { encryptTokenStore, kvTokenStore, type KvNamespaceLike } from 'bridgeapi/stores'
 *
 * declare const env: { TOKENS: KvNamespaceLike; TOKEN_KEY: string; OLD_TOKEN_KEY: string }
 * const key = (base64: string) => Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
 * const ctx = createContext({
 *   clientId: 'client-id',
 *   clientSecret: 'client-secret',
 *   tokenStore: encryptTokenStore(kvTokenStore(env.TOKENS), { keys: [key(env.TOKEN_KEY), key(env.OLD_TOKEN_KEY)] }),
 *   user: { externalUserId: 'customer-42' },
 * })
 * ```
 */
export const encryptTokenStore = (store: TokenStore, options: EncryptTokenStoreOptions): TokenStore => {
  // Imported once, on first use: creating the wrapper does no I/O and cannot throw.
  let imported: Promise<CryptoKey[]> | undefined
  const keys = () => {
    imported ??= Promise.resolve().then(() => importKeys(options?.keys))
    return imported
  }
  const encrypt = async (key: string, token: StoredToken): Promise<string> => {
    const [current] = await keys()
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES))
    const sealed = await globalThis.crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: boundTo(key, token.expiresAt) },
      current as CryptoKey,
      new TextEncoder().encode(token.accessToken),
    )
    const bytes = new Uint8Array(IV_BYTES + sealed.byteLength)
    bytes.set(iv)
    bytes.set(new Uint8Array(sealed), IV_BYTES)
    return PREFIX + toBase64(bytes)
  }
  const decrypt = async (key: string, token: StoredToken): Promise<string> => {
    const bytes = fromBase64(token.accessToken.slice(PREFIX.length))
    if (bytes && bytes.length > IV_BYTES) {
      const iv = bytes.subarray(0, IV_BYTES)
      for (const candidate of await keys()) {
        try {
          const opened = await globalThis.crypto.subtle.decrypt(
            { name: 'AES-GCM', iv, additionalData: boundTo(key, token.expiresAt) },
            candidate,
            bytes.subarray(IV_BYTES),
          )
          return new TextDecoder().decode(opened)
        } catch {
          // Not this key: try the next one.
        }
      }
    }
    throw new Error('The stored token could not be decrypted with any of the keys')
  }
  return {
    get: async (key) => {
      const token = await store.get(key)
      if (!token?.accessToken.startsWith(PREFIX)) return undefined
      return { accessToken: await decrypt(key, token), expiresAt: token.expiresAt }
    },
    set: async (key, token) =>
      store.set(key, { accessToken: await encrypt(key, token), expiresAt: token.expiresAt }),
    delete: (key) => store.delete(key),
  }
}
