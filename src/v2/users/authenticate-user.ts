/** The `authenticateUser` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { EmailParam } from '../../common/params.js'
import { defineOperation } from '../../core/define/operation.js'
import { PathStringParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { ExternalUserIdParam, PasswordParam, UserAuthInfo } from './models.js'

/** Parameters of {@link authenticateUser}: `email` + `password`, or `userUuid`, or `externalUserId`. */
export const AuthenticateUserParams = v.union(
  [
    v.strictObject({ email: EmailParam, password: PasswordParam }),
    v.strictObject({ userUuid: PathStringParam }),
    v.strictObject({ externalUserId: ExternalUserIdParam }),
  ],
  'give email and password, or userUuid, or externalUserId',
)
/** Parameters of {@link authenticateUser}. */
export type AuthenticateUserParams = v.InferInput<typeof AuthenticateUserParams>

/**
 * Mints a user access token (`POST /v2/authenticate`, client credentials): the Python client's
 * `authenticate_user`. You rarely need it — user-level endpoints obtain, store and renew tokens by
 * themselves; this one stores nothing. The token is {@link Redacted} in the result.
 *
 * @param ctx - the context (client credentials).
 * @param params - `{ email, password }`, `{ userUuid }` or `{ externalUserId }`.
 * @returns a task of the {@link UserAuthInfo}.
 * @example
 * ```ts
 * import { authenticateUser, createContext } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const auth = await authenticateUser(ctx, { email: 'john@doe.com', password: 'password123' })()
 * ```
 */
export const authenticateUser = defineOperation({
  name: 'authenticateUser',
  api: v2,
  method: 'POST',
  auth: 'client',
  params: AuthenticateUserParams,
  path: () => '/v2/authenticate',
  body: (p) =>
    'email' in p
      ? { email: p.email, password: p.password }
      : 'userUuid' in p
        ? { user_uuid: p.userUuid }
        : { external_user_id: p.externalUserId },
  response: UserAuthInfo,
  // Minting a token twice is harmless.
  idempotent: true,
  returnsCredential: true,
})
