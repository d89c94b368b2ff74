/** The `listItems` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v2 } from '../api.js'
import { Item } from './models.js'

/**
 * Lists the user's items (`GET /v2/items`, user token), page after page: the Python client's
 * `list_items`. `status_code_description` follows the call option `language`.
 *
 * @param ctx - a context with a `user`.
 * @param params - `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, Item>`.
 * @example
 * ```ts
 * import { createContext, listItems } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * for await (const item of listItems(ctx, {}, { language: 'fr' })) {
 *   if (item._tag === 'Left') break
 *   if (item.right.status === 1010) console.log('needs strong authentication', item.right.id)
 * }
 * ```
 */
export const listItems = defineListOperation({
  name: 'listItems',
  api: v2,
  auth: 'user',
  params: v.object({}),
  path: () => '/v2/items',
  item: Item,
})
