/** The `createUser` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { EmailParam } from '../../common/params.js'
import { defineOperation } from '../../core/define/operation.js'
import { v2 } from '../api.js'
import { ExternalUserIdParam, PasswordParam, User } from './models.js'

/**
 * Parameters of {@link createUser}: `email` and `password` for a legacy e-mail user (applications
 * created before 23/10/2023), otherwise nothing or an `externalUserId`.
 */
export const CreateUserParams = v.union(
  [
    v.strictObject({ email: EmailParam, password: PasswordParam }),
    v.strictObject({ externalUserId: v.optional(ExternalUserIdParam) }),
  ],
  'give email and password, or an optional externalUserId',
)
/** Parameters of {@link createUser}. */
export type CreateUserParams = v.InferInput<typeof CreateUserParams>

/**
 * Creates a user (`POST /v2/users`, client credentials; 201): the Python client's
 * `create_user(email, password)`, plus the uuid / external-id form. The password goes only into the
 * JSON body, never into an error or a hook event.
 *
 * @param ctx - the context (client credentials).
 * @param params - `{ email, password }`, or `{ externalUserId? }`.
 * @returns a task of the created {@link User}; an existing e-mail is an `ApiError` 409 `conflict`.
 * @example
 * ```ts
 * import { createContext, createUser } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const user = await createUser(ctx, { email: 'john@doe.com', password: 'password123' })()
 * ```
 */
export const createUser = defineOperation({
  name: 'createUser',
  api: v2,
  method: 'POST',
  auth: 'client',
  params: CreateUserParams,
  path: () => '/v2/users',
  body: (p) =>
    'email' in p
      ? { email: p.email, password: p.password }
      : p.externalUserId === undefined
        ? {}
        : { external_user_id: p.externalUserId },
  response: User,
})
