/** The `listUsers` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v3 } from '../api.js'
import { User } from './models.js'

/**
 * Lists the application's users (`GET /v3/aggregation/users`, client credentials), page after page.
 *
 * @param ctx - the context (client credentials).
 * @param params - optional `limit` and `after`, sent only when given: neither Bridge's Postman collection
 *   (yabafre/pekulo) nor the 2026 reference transcription (mindcloud-inc/universal-api-reference) documents a
 *   query parameter for this list.
 * @returns a lazy async iterable of `Either<BridgeError, User>`.
 * @example
 * ```ts
 * import { createContext, listUsers } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * for await (const user of listUsers(ctx, { limit: 100 })) {
 *   if (user._tag === 'Left') break
 *   console.log(user.right.uuid)
 * }
 * ```
 */
export const listUsers = defineListOperation({
  name: 'listUsers',
  api: v3,
  auth: 'client',
  params: v.object({}),
  path: () => '/v3/aggregation/users',
  item: User,
})
