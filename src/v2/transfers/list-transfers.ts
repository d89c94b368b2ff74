/** The `listTransfers` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v2 } from '../api.js'
import { Transfer } from './models.js'

/**
 * Lists the user's transfers (`GET /v2/transfers`, user token), page after page.
 *
 * @param ctx - a context with a `user`.
 * @param params - `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, Transfer>`.
 * @example
 * ```ts
 * import { createContext, listTransfers } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * for await (const entry of listTransfers(ctx)) {
 *   if (entry._tag === 'Left') break
 *   console.log(entry.right)
 * }
 * ```
 */
export const listTransfers = defineListOperation({
  name: 'listTransfers',
  api: v2,
  auth: 'user',
  params: v.object({}),
  path: () => '/v2/transfers',
  item: Transfer,
})
