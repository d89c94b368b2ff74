/** The `getItemRefreshStatus` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { IdParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { RefreshStatus } from './models.js'

/** Parameters of {@link getItemRefreshStatus}. */
export const GetItemRefreshStatusParams = v.object({
  itemId: IdParam,
})
/** Parameters of {@link getItemRefreshStatus}. */
export type GetItemRefreshStatusParams = v.InferInput<typeof GetItemRefreshStatusParams>

/**
 * Gets the progress of an item's refresh (`GET /v2/items/{id}/refresh/status`, user token): the Python
 * client's `get_item_refresh_status`.
 *
 * @param ctx - a context with a `user`.
 * @param params - `itemId`.
 * @returns a task of the {@link RefreshStatus}.
 * @example
 * ```ts
 * import { createContext, getItemRefreshStatus } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const result = await getItemRefreshStatus(ctx, { itemId: 8170358 })()
 * ```
 */
export const getItemRefreshStatus = defineOperation({
  name: 'getItemRefreshStatus',
  api: v2,
  method: 'GET',
  auth: 'user',
  params: GetItemRefreshStatusParams,
  path: (p) => path`/v2/items/${p.itemId}/refresh/status`,
  response: RefreshStatus,
})
