import * as v from 'valibot'
import { EmailParam } from '../../common/params.js'
import { defineOperation } from '../../core/operation.js'
import { v3 } from '../api.js'
import { AccountTypesParam, ConnectSession } from './models.js'

/** Parameters of {@link createUserManagementSession}. */
export const CreateUserManagementSessionParams = v.object({
  /** The end user's e-mail (the only field in Bridge's example). */
  userEmail: EmailParam,
  /** `payment` or `all` (accepted according to Bridge's error messages). */
  accountTypes: v.optional(AccountTypesParam),
})
/** Parameters of {@link createUserManagementSession}. */
export type CreateUserManagementSessionParams = v.InferInput<typeof CreateUserManagementSessionParams>

/**
 * Creates a user-management session, where the user fixes synchronisation problems or adds items
 * (`POST /v3/aggregation/user-management-sessions`, user token; 201).
 *
 * @param ctx - a context with a `user`.
 * @param params - `userEmail`, optional `accountTypes`.
 * @returns a task of the {@link ConnectSession}: send the user to its `url`.
 * @example
 * ```ts
 * import { createContext, createUserManagementSession } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * const session = await createUserManagementSession(ctx, { userEmail: 'j.doe@mail.com' })()
 * ```
 */
export const createUserManagementSession = defineOperation({
  name: 'createUserManagementSession',
  api: v3,
  method: 'POST',
  auth: 'user',
  params: CreateUserManagementSessionParams,
  path: () => '/v3/aggregation/user-management-sessions',
  body: (p) => ({ user_email: p.userEmail, account_types: p.accountTypes }),
  response: ConnectSession,
})
