/** The `deleteItem` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { IdParam } from '../../core/schema.js'
import { v2 } from '../api.js'

/** Parameters of {@link deleteItem}. */
export const DeleteItemParams = v.object({
  itemId: IdParam,
})
/** Parameters of {@link deleteItem}. */
export type DeleteItemParams = v.InferInput<typeof DeleteItemParams>

/**
 * Deletes an item with its accounts and transactions (`DELETE /v2/items/{id}`, user token): the Python
 * client's `delete_item`.
 *
 * @param ctx - a context with a `user`.
 * @param params - `itemId`.
 * @returns a task of `undefined` once deleted (the response is not documented and is ignored).
 * @example
 * ```ts
 * import { createContext, deleteItem } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const result = await deleteItem(ctx, { itemId: 8170358 })()
 * ```
 */
export const deleteItem = defineOperation({
  name: 'deleteItem',
  api: v2,
  method: 'DELETE',
  auth: 'user',
  params: DeleteItemParams,
  path: (p) => path`/v2/items/${p.itemId}`,
  response: null,
})
