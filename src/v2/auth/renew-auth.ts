/** The `renewAuth` helper (2021-06-01): a new user token now, stored in the token store. */
import type { TaskEither } from 'fp-ts/TaskEither'
import { forceRenew, type TokenInfo } from '../../core/auth/user-token.js'
import type { Context } from '../../core/context.js'
import type { BridgeError } from '../../core/errors.js'
import { asTask } from '../../core/task.js'
import { v2 } from '../api.js'

/**
 * Requests a new access token for the context's user now (`POST /v2/authenticate`, with e-mail and
 * password for legacy users) and stores it: the Python client's `renew_auth()`. Use it in manual
 * mode (`autoRenew: false`); the token is {@link Redacted} in the result. Concurrent renewals for
 * the same user share one request.
 *
 * @param ctx - a context with a `user`.
 * @returns a task of the new token and its expiry.
 * @example
 * ```ts
 * import { createContext, renewAuth } from 'bridgeapi/v2'
 * const ctx = createContext({
 *   clientId: 'id', clientSecret: 'secret',
 *   user: { email: 'john@doe.com', password: 'password123' }, autoRenew: false,
 * })
 * const token = await renewAuth(ctx)()
 * ```
 */
export const renewAuth = (ctx: Context): TaskEither<BridgeError, TokenInfo> =>
  asTask(() => forceRenew(ctx, v2))
