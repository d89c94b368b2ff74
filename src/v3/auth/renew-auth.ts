/** The `renewAuth` helper (2025-01-15): a new user token now, stored in the token store. */
import type { TaskEither } from 'fp-ts/TaskEither'
import { forceRenew, type TokenInfo } from '../../core/auth/user-token.js'
import type { Context } from '../../core/context.js'
import type { BridgeError } from '../../core/errors.js'
import { asTask } from '../../core/task.js'
import { v3 } from '../api.js'

/**
 * Requests a new access token for the context's user now and stores it (the Python client's
 * `renew_auth()`). Returns the token so you can persist it; the token is {@link Redacted}.
 * Concurrent renewals for the same user share one request.
 *
 * @param ctx - a context with a `user`.
 * @returns a task of the new token and its expiry.
 * @example
 * ```ts
 * import { createContext, renewAuth } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' }, autoRenew: false })
 * const token = await renewAuth(ctx)()
 * ```
 */
export const renewAuth = (ctx: Context): TaskEither<BridgeError, TokenInfo> =>
  asTask(() => forceRenew(ctx, v3))
