/** The `setUserToken` helper (2021-06-01): stores a token obtained elsewhere. */
import type { TaskEither } from 'fp-ts/TaskEither'
import { storeToken } from '../../core/auth/user-token.js'
import type { Context } from '../../core/context.js'
import type { BridgeError } from '../../core/errors.js'
import type { Redacted } from '../../core/redacted.js'
import { asTask } from '../../core/task.js'
import { v2 } from '../api.js'

/**
 * Stores a 2021-06-01 token obtained elsewhere (another process, a value persisted from `renewAuth`)
 * for the context's user, so calls use it until it expires: the Python client's
 * `UserClient(..., access_token=..., expires_at=...)`.
 *
 * @param ctx - a context with a `user`.
 * @param token - the access token and its ISO 8601 expiry (a zone-less time is read as UTC).
 * @returns a task that completes once the token is stored.
 * @example
 * ```ts
 * import { createContext, setUserToken } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * await setUserToken(ctx, { accessToken: 'token-from-elsewhere', expiresAt: '2026-12-01T10:00:00Z' })()
 * ```
 */
export const setUserToken = (
  ctx: Context,
  token: { readonly accessToken: string | Redacted; readonly expiresAt: string },
): TaskEither<BridgeError, void> => asTask(() => storeToken(ctx, v2, token))
