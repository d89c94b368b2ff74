/** How the shared token stores turn a token into a string and back. */
import { type StoredToken, tokenExpiryMs } from '../core/auth/token-store.js'

/** Serialises a token for a store that keeps strings. */
export const encodeToken = (token: StoredToken): string =>
  JSON.stringify({ accessToken: token.accessToken, expiresAt: token.expiresAt })

/**
 * Reads back what {@link encodeToken} wrote (as a string, or already parsed by a client that decodes
 * JSON itself). Anything else reads as "no token", so the SDK fetches a new one and overwrites it.
 */
export const decodeToken = (raw: unknown): StoredToken | undefined => {
  let value = raw
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw)
    } catch {
      return undefined
    }
  }
  if (typeof value !== 'object' || value === null) return undefined
  const { accessToken, expiresAt } = value as Record<string, unknown>
  return typeof accessToken === 'string' && accessToken !== '' && typeof expiresAt === 'string'
    ? { accessToken, expiresAt }
    : undefined
}

/**
 * Whole seconds from `nowMs` until the token expires, at least `minimum` (stores refuse shorter or
 * past expirations; the SDK checks freshness itself, so keeping a dead token a little longer is harmless).
 */
export const ttlSeconds = (token: StoredToken, nowMs: number, minimum: number): number => {
  const seconds = Math.ceil((tokenExpiryMs(token.expiresAt) - nowMs) / 1000)
  return Number.isFinite(seconds) ? Math.max(minimum, seconds) : minimum
}
