/** The `createUserManagementSession` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { v3 } from '../api.js'
import { ConnectSession, sessionOptionEntries, toSessionOptionsBody } from './models.js'

/**
 * Parameters of {@link createUserManagementSession}: the options of the reference page
 * (docs.bridgeapi.io/reference/createusermanagementsession), all optional; Bridge asks for `userEmail`
 * except for temporary bank synchronisation.
 */
export const CreateUserManagementSessionParams = v.object(sessionOptionEntries)
/** Parameters of {@link createUserManagementSession}. */
export type CreateUserManagementSessionParams = v.InferInput<typeof CreateUserManagementSessionParams>

/**
 * Creates a user-management session, where the user fixes synchronisation problems or adds items
 * (`POST /v3/aggregation/user-management-sessions`, user token; 201).
 *
 * @param ctx - a context with a `user`.
 * @param params - optional `userEmail`, `countryCode`, `capabilities`, `allowAccountSelection`,
 *   `callbackUrl`, `context` (≤ 100 letters, digits or `-`) and `accountTypes`.
 * @returns a task of the {@link ConnectSession}: send the user to its `url`.
 * @example
 * ```ts
 * import { createContext, createUserManagementSession } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * const session = await createUserManagementSession(ctx, {
 *   userEmail: 'j.doe@mail.com',
 *   callbackUrl: 'https://app.example/done',
 *   context: 'order-42',
 * })()
 * ```
 */
export const createUserManagementSession = defineOperation({
  name: 'createUserManagementSession',
  api: v3,
  method: 'POST',
  auth: 'user',
  params: CreateUserManagementSessionParams,
  path: () => '/v3/aggregation/user-management-sessions',
  body: toSessionOptionsBody,
  response: ConnectSession,
})
