/** The `listItems` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v3 } from '../api.js'
import { Item } from './models.js'

/**
 * Lists the user's items (bank connections) (`GET /v3/aggregation/items`, user token), page after page.
 *
 * @param ctx - a context with a `user`.
 * @param params - `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, Item>`.
 * @example
 * ```ts
 * import { createContext, listItems } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * for await (const item of listItems(ctx)) {
 *   if (item._tag === 'Left') break
 *   console.log(item.right.id, item.right.status)
 * }
 * ```
 */
export const listItems = defineListOperation({
  name: 'listItems',
  api: v3,
  auth: 'user',
  params: v.object({}),
  path: () => '/v3/aggregation/items',
  item: Item,
})
