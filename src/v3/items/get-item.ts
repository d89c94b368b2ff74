/** The `getItem` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { IdParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { Item } from './models.js'

/** Parameters of {@link getItem}. */
export const GetItemParams = v.object({
  /** Item id. */
  itemId: IdParam,
})
/** Parameters of {@link getItem}. */
export type GetItemParams = v.InferInput<typeof GetItemParams>

/**
 * Gets one of the user's items (`GET /v3/aggregation/items/{id}`, user token).
 *
 * @param ctx - a context with a `user`.
 * @param params - `itemId`.
 * @returns a task of the {@link Item}; a 404 is an `ApiError` with code `item.not_found`.
 * @example
 * ```ts
 * import { createContext, getItem } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * const result = await getItem(ctx, { itemId: 9513546 })()
 * ```
 */
export const getItem = defineOperation({
  name: 'getItem',
  api: v3,
  method: 'GET',
  auth: 'user',
  params: GetItemParams,
  path: (p) => path`/v3/aggregation/items/${p.itemId}`,
  response: Item,
})
