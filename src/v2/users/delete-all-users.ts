/** The `deleteAllUsers` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { v2 } from '../api.js'

/**
 * Deletes **every** user of the application (`DELETE /v2/users`, client credentials): the Python
 * client's `delete_all_users`. Bridge accepts it with sandbox credentials only.
 *
 * @param ctx - the context (sandbox client credentials).
 * @returns a task of `undefined` once done.
 * @example
 * ```ts
 * import { createContext, deleteAllUsers } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'sandbox-id', clientSecret: 'sandbox-secret' })
 * await deleteAllUsers(ctx)()
 * ```
 */
export const deleteAllUsers = defineOperation({
  name: 'deleteAllUsers',
  api: v2,
  method: 'DELETE',
  auth: 'client',
  params: v.object({}),
  path: () => '/v2/users',
  response: null,
})
