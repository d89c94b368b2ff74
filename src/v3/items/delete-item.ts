/** The `deleteItem` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { IdParam } from '../../core/schema.js'
import { v3 } from '../api.js'

/** Parameters of {@link deleteItem}. */
export const DeleteItemParams = v.object({
  /** Item id. */
  itemId: IdParam,
})
/** Parameters of {@link deleteItem}. */
export type DeleteItemParams = v.InferInput<typeof DeleteItemParams>

/**
 * Deletes an item with all its accounts and transactions (`DELETE /v3/aggregation/items/{id}`, user token; 204).
 *
 * @param ctx - a context with a `user`.
 * @param params - `itemId`.
 * @returns a task of `undefined` once deleted; a 404 is an `ApiError` with code `item.not_found`.
 * @example
 * ```ts
 * import { createContext, deleteItem } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * const result = await deleteItem(ctx, { itemId: 9513546 })()
 * ```
 */
export const deleteItem = defineOperation({
  name: 'deleteItem',
  api: v3,
  method: 'DELETE',
  auth: 'user',
  params: DeleteItemParams,
  path: (p) => path`/v3/aggregation/items/${p.itemId}`,
  response: null,
})
