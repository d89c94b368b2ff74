/** The `getBulkTransfer` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { BulkTransfer } from './models.js'

/** Parameters of {@link getBulkTransfer}. */
export const GetBulkTransferParams = v.object({
  bulkTransferId: PathStringParam,
})
/** Parameters of {@link getBulkTransfer}. */
export type GetBulkTransferParams = v.InferInput<typeof GetBulkTransferParams>

/**
 * Gets one bulk transfer with its transfers (`GET /v2/bulk-transfers/{id}`, user token).
 *
 * @param ctx - a context with a `user`.
 * @param params - `bulkTransferId`.
 * @returns a task of the {@link BulkTransfer}.
 * @example
 * ```ts
 * import { createContext, getBulkTransfer } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const result = await getBulkTransfer(ctx, { bulkTransferId: 'fc223ce9-080e-4a96-9cdc-73b2459c32d8' })()
 * ```
 */
export const getBulkTransfer = defineOperation({
  name: 'getBulkTransfer',
  api: v2,
  method: 'GET',
  auth: 'user',
  params: GetBulkTransferParams,
  path: (p) => path`/v2/bulk-transfers/${p.bulkTransferId}`,
  response: BulkTransfer,
})
