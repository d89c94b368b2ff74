/** The `isAuthenticated` helper (2021-06-01): whether the token store holds a fresh token for the user. */
import type { TaskEither } from 'fp-ts/TaskEither'
import { hasFreshToken } from '../../core/auth/user-token.js'
import type { Context } from '../../core/context.js'
import type { BridgeError } from '../../core/errors.js'
import { asTask } from '../../core/task.js'
import { v2 } from '../api.js'

/**
 * Tells whether the token store holds a 2021-06-01 token for the context's user that is not about
 * to expire (the Python client's `is_authenticated()`). Sends no request.
 *
 * @param ctx - a context with a `user`.
 * @returns a task of `true` or `false` (or an error if the store fails).
 * @example
 * ```ts
 * import { createContext, isAuthenticated } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const authenticated = await isAuthenticated(ctx)()
 * ```
 */
export const isAuthenticated = (ctx: Context): TaskEither<BridgeError, boolean> =>
  asTask(() => hasFreshToken(ctx, v2))
