/** The `logoutUser` endpoint (2021-06-01): its parameters and its declaration. */
import type { TaskEither } from 'fp-ts/TaskEither'
import * as v from 'valibot'
import { forgetToken, hasFreshToken } from '../../core/auth/user-token.js'
import type { Context } from '../../core/context.js'
import { defineOperation } from '../../core/define/operation.js'
import * as E from '../../core/either.js'
import type { BridgeError } from '../../core/errors.js'
import { checkInput } from '../../core/http/pipeline.js'
import type { CallOptions } from '../../core/http/request.js'
import { asTask } from '../../core/task.js'
import { v2 } from '../api.js'

const NoParams = v.object({})

const logout = defineOperation({
  name: 'logoutUser',
  api: v2,
  method: 'POST',
  auth: 'user',
  params: NoParams,
  path: () => '/v2/logout',
  // The reference does not document the response (§17.2): whatever comes back is ignored.
  response: null,
})

/**
 * Logs the context's user out: revokes their token at Bridge (`POST /v2/logout`, user token) and
 * forgets it in the token store, like the Python client's `logout_user()`. When no fresh token is
 * stored there is nothing to revoke, so no request is sent (no token is minted just to log out).
 *
 * @param ctx - a context with a `user`.
 * @param params - none (kept so the function has the shape of every other endpoint); any key is refused.
 * @param options - per-call options.
 * @returns a task that completes once the token is revoked and forgotten.
 * @example
 * ```ts
 * import { createContext, logoutUser } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * await logoutUser(ctx)()
 * ```
 */
export const logoutUser = (
  ctx: Context,
  params?: {},
  options: CallOptions = {},
): TaskEither<BridgeError, void> =>
  asTask(async () => {
    // Checked before the store is read: a call with unknown keys or options does nothing at all.
    const input = checkInput(ctx, 'logoutUser', NoParams, params, options)
    if (E.isLeft(input)) return input
    const fresh = await hasFreshToken(ctx, v2, 'logoutUser')
    if (E.isLeft(fresh)) return fresh
    if (fresh.right) {
      const revoked = await logout(ctx, {}, options)()
      if (E.isLeft(revoked)) return revoked
    }
    return forgetToken(ctx, v2)
  })
