/** The `updateUserEmail` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { EmailParam } from '../../common/params.js'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { PasswordParam, User } from './models.js'

/** Parameters of {@link updateUserEmail}. */
export const UpdateUserEmailParams = v.object({
  userUuid: PathStringParam,
  /** The user's current password. */
  password: PasswordParam,
  newEmail: EmailParam,
})
/** Parameters of {@link updateUserEmail}. */
export type UpdateUserEmailParams = v.InferInput<typeof UpdateUserEmailParams>

/**
 * Changes a legacy user's e-mail (`PUT /v2/users/{uuid}/email`, client credentials): the Python
 * client's `update_user_email`. Bridge then revokes all the user's sessions.
 * `PUT` as documented in the 2018-06-15 reference, https://docs.bridgeapi.io/v2018.06.15/reference/edit-users-email
 * ("put https://sync.bankin.com/v2/users/:uuid/email — Changing a user's email will revoke all his
 * active sessions."). Absent from the 2021-06-01 reference; the Python client's `POST` got 404 from the
 * live API. Kept for legacy e-mail users.
 *
 * @param ctx - the context (client credentials).
 * @param params - `userUuid`, `password`, `newEmail`.
 * @returns a task of the updated {@link User}.
 * @example
 * ```ts
 * import { createContext, updateUserEmail } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * await updateUserEmail(ctx, { userUuid: 'uuid', password: 'password123', newEmail: 'jane@doe.com' })()
 * ```
 */
export const updateUserEmail = defineOperation({
  name: 'updateUserEmail',
  api: v2,
  method: 'PUT',
  auth: 'client',
  params: UpdateUserEmailParams,
  path: (p) => path`/v2/users/${p.userUuid}/email`,
  body: (p) => ({ password: p.password, new_email: p.newEmail }),
  response: User,
  // A repeat after success would be refused (sessions revoked, e-mail already changed).
  idempotent: false,
})
