/** The `listBulkTransfers` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v2 } from '../api.js'
import { BulkTransfer } from './models.js'

/**
 * Lists the user's bulk transfers. Uncertain: known from Bridge's curl samples only; the usual paginated
 * envelope is assumed (`GET /v2/bulk-transfers`, user token), page after page.
 *
 * @param ctx - a context with a `user`.
 * @param params - `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, BulkTransfer>`.
 * @example
 * ```ts
 * import { createContext, listBulkTransfers } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * for await (const entry of listBulkTransfers(ctx)) {
 *   if (entry._tag === 'Left') break
 *   console.log(entry.right)
 * }
 * ```
 */
export const listBulkTransfers = defineListOperation({
  name: 'listBulkTransfers',
  api: v2,
  auth: 'user',
  params: v.object({}),
  path: () => '/v2/bulk-transfers',
  item: BulkTransfer,
})
