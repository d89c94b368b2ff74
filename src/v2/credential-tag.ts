/** The keyed hash of an e-mail user's password that names its tokens in a store. */
import type { Context, ContextUser } from '../core/context.js'

const encoder = new TextEncoder()

/** Credential tags already computed, per context user (a context's user never changes). */
const credentialTags = new WeakMap<ContextUser, Promise<string | undefined>>()

/**
 * A keyed hash of an e-mail user's credentials: HMAC-SHA-256 keyed with the client secret, over the
 * client id, e-mail and password, truncated to 128 bits of hex. It binds a stored token to the password
 * that minted it (a wrong password finds no token) without the password, or anything that can be
 * checked offline without the client secret, ever reaching the store. `undefined` without Web Crypto.
 * Only 2021-06-01 has e-mail users, so only `bridgeapi/v2` bundles carry this.
 */
export const credentialTag = (
  ctx: Context,
  user: ContextUser & { kind: 'email' },
): Promise<string | undefined> => {
  const cached = credentialTags.get(user)
  if (cached) return cached
  const tag = (async () => {
    const subtle = globalThis.crypto?.subtle
    if (!subtle) return undefined
    try {
      const key = await subtle.importKey(
        'raw',
        encoder.encode(ctx.clientSecret.reveal()),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      )
      // JSON keeps the fields apart whatever characters they hold.
      const data = encoder.encode(JSON.stringify([ctx.clientId, user.email, user.password.reveal()]))
      const mac = new Uint8Array(await subtle.sign('HMAC', key, data))
      return Array.from(mac.subarray(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('')
    } catch {
      return undefined
    }
  })()
  credentialTags.set(user, tag)
  return tag
}
