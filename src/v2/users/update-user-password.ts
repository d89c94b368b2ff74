/** The `updateUserPassword` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { PasswordParam, User } from './models.js'

/** Parameters of {@link updateUserPassword}. */
export const UpdateUserPasswordParams = v.object({
  userUuid: PathStringParam,
  currentPassword: PasswordParam,
  newPassword: PasswordParam,
})
/** Parameters of {@link updateUserPassword}. */
export type UpdateUserPasswordParams = v.InferInput<typeof UpdateUserPasswordParams>

/**
 * Changes a legacy user's password (`PUT /v2/users/{uuid}/password`, client credentials): the Python
 * client's `update_user_password`. Bridge then revokes all the user's sessions; give contexts the
 * new password. Neither password ever appears in an error or a hook event.
 * `PUT` as documented in the 2018-06-15 reference, https://docs.bridgeapi.io/v2018.06.15/reference/edit-user-credentials
 * ("put https://sync.bankin.com/v2/users/:uuid/password — Changing a user's password will revoke all
 * his active sessions."). Absent from the 2021-06-01 reference; the Python client's `POST` got 404
 * from the live API. Kept for legacy e-mail users.
 *
 * @param ctx - the context (client credentials).
 * @param params - `userUuid`, `currentPassword`, `newPassword`.
 * @returns a task of the updated {@link User}.
 * @example
 * ```ts
 * import { createContext, updateUserPassword } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * await updateUserPassword(ctx, { userUuid: 'uuid', currentPassword: 'password123', newPassword: 'n3w-password' })()
 * ```
 */
export const updateUserPassword = defineOperation({
  name: 'updateUserPassword',
  api: v2,
  method: 'PUT',
  auth: 'client',
  params: UpdateUserPasswordParams,
  path: (p) => path`/v2/users/${p.userUuid}/password`,
  body: (p) => ({ current_password: p.currentPassword, new_password: p.newPassword }),
  response: User,
  // A repeat after success would send a current password that no longer is.
  idempotent: false,
})
