/** The `getItem` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { IdParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { Item } from './models.js'

/** Parameters of {@link getItem}. */
export const GetItemParams = v.object({
  itemId: IdParam,
})
/** Parameters of {@link getItem}. */
export type GetItemParams = v.InferInput<typeof GetItemParams>

/**
 * Gets one item (`GET /v2/items/{id}`, user token): the Python client's `get_item`.
 *
 * @param ctx - a context with a `user`.
 * @param params - `itemId`.
 * @returns a task of the {@link Item}.
 * @example
 * ```ts
 * import { createContext, getItem } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const result = await getItem(ctx, { itemId: 8170358 })()
 * ```
 */
export const getItem = defineOperation({
  name: 'getItem',
  api: v2,
  method: 'GET',
  auth: 'user',
  params: GetItemParams,
  path: (p) => path`/v2/items/${p.itemId}`,
  response: Item,
})
