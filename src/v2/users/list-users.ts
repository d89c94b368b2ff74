/** The `listUsers` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v2 } from '../api.js'
import { User } from './models.js'

/**
 * Lists the application's users (`GET /v2/users`, client credentials), page after page: the Python
 * client's `list_users`. In production Bridge requires IP allow-listing for this endpoint.
 *
 * @param ctx - the context (client credentials).
 * @param params - `limit` (1..500) and `after` (resume cursor).
 * @returns a lazy async iterable of `Either<BridgeError, User>`.
 * @example
 * ```ts
 * import { createContext, listUsers } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * for await (const user of listUsers(ctx, { limit: 100 })) {
 *   if (user._tag === 'Left') break
 *   console.log(user.right.uuid, user.right.email)
 * }
 * ```
 */
export const listUsers = defineListOperation({
  name: 'listUsers',
  api: v2,
  auth: 'client',
  params: v.object({}),
  path: () => '/v2/users',
  item: User,
})
