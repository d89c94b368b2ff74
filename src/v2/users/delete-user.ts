/** The `deleteUser` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { PasswordParam } from './models.js'

/** Parameters of {@link deleteUser}. */
export const DeleteUserParams = v.object({
  /** Bridge user uuid. */
  userUuid: PathStringParam,
  /**
   * Legacy e-mail users: their current password (Bridge asks for it; in practice any 6+ characters
   * were accepted). Omit it for uuid / external-id users.
   */
  password: v.optional(PasswordParam),
})
/** Parameters of {@link deleteUser}. */
export type DeleteUserParams = v.InferInput<typeof DeleteUserParams>

/**
 * Deletes a user and all their items, accounts and transactions (`POST /v2/users/{uuid}/delete`,
 * client credentials; 204): the Python client's `delete_user`, without its made-up default password.
 *
 * @param ctx - the context (client credentials).
 * @param params - `userUuid`, and `password` for legacy e-mail users.
 * @returns a task of `undefined` once deleted.
 * @example
 * ```ts
 * import { createContext, deleteUser } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * await deleteUser(ctx, { userUuid: '2ac33923-8c8f-4913-a7c7-7898d67159be', password: 'password123' })()
 * ```
 */
export const deleteUser = defineOperation({
  name: 'deleteUser',
  api: v2,
  method: 'POST',
  auth: 'client',
  params: DeleteUserParams,
  path: (p) => path`/v2/users/${p.userUuid}/delete`,
  body: (p) => (p.password === undefined ? {} : { password: p.password }),
  response: null,
})
