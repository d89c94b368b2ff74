/** The `isAuthenticated` helper (2025-01-15): whether the token store holds a fresh token for the user. */
import type { TaskEither } from 'fp-ts/TaskEither'
import { hasFreshToken } from '../../core/auth/user-token.js'
import type { Context } from '../../core/context.js'
import type { BridgeError } from '../../core/errors.js'
import { asTask } from '../../core/task.js'
import { v3 } from '../api.js'

/**
 * Tells whether the token store holds a token for the context's user that is not about to expire
 * (the Python client's `is_authenticated()`). Sends no request.
 *
 * @param ctx - a context with a `user`.
 * @returns a task of `true` or `false` (or an error if the store fails).
 * @example
 * ```ts
 * import { createContext, isAuthenticated } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * const authenticated = await isAuthenticated(ctx)()
 * ```
 */
export const isAuthenticated = (ctx: Context): TaskEither<BridgeError, boolean> =>
  asTask(() => hasFreshToken(ctx, v3))
