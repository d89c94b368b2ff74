/** The `deleteUser` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v3 } from '../api.js'

/** Parameters of {@link deleteUser}. */
export const DeleteUserParams = v.object({
  /** Bridge user uuid. */
  userUuid: PathStringParam,
})
/** Parameters of {@link deleteUser}. */
export type DeleteUserParams = v.InferInput<typeof DeleteUserParams>

/**
 * Deletes a user and all their items, accounts and transactions
 * (`DELETE /v3/aggregation/users/{uuid}`, client credentials; 204).
 *
 * @param ctx - the context (client credentials).
 * @param params - `userUuid`.
 * @returns a task of `undefined` once deleted.
 * @example
 * ```ts
 * import { createContext, deleteUser } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * await deleteUser(ctx, { userUuid: 'de305d54-75b4-431b-adb2-eb6b9e546014' })()
 * ```
 */
export const deleteUser = defineOperation({
  name: 'deleteUser',
  api: v3,
  method: 'DELETE',
  auth: 'client',
  params: DeleteUserParams,
  path: (p) => path`/v3/aggregation/users/${p.userUuid}`,
  response: null,
})
