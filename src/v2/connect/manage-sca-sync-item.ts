/** The `manageScaSyncItem` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { IdParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { ConnectOptionsParams, toConnectOptions } from '../params.js'
import { ConnectUrl } from './models.js'

/** Parameters of {@link manageScaSyncItem}. */
export const ManageScaSyncItemParams = v.object({
  /** The item concerned. */
  itemId: IdParam,
  ...ConnectOptionsParams,
})
/** Parameters of {@link manageScaSyncItem}. */
export type ManageScaSyncItemParams = v.InferInput<typeof ManageScaSyncItemParams>

/**
 * Gets a Bridge Connect URL where the user passes strong authentication so an item can refresh
 * (status 1010) (`GET /v2/connect/items/sync`, user token): the Python client's `manage_sca_sync_item`.
 * The parameters go in the query string; a GET has no body.
 *
 * @param ctx - a context with a `user`.
 * @param params - `itemId`, `redirectUrl`, `context`.
 * @returns a task of the {@link ConnectUrl}.
 * @example
 * ```ts
 * import { createContext, manageScaSyncItem } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const url = await manageScaSyncItem(ctx, { itemId: 8170358, redirectUrl: 'https://example.com/back' })()
 * ```
 */
export const manageScaSyncItem = defineOperation({
  name: 'manageScaSyncItem',
  api: v2,
  method: 'GET',
  auth: 'user',
  params: ManageScaSyncItemParams,
  path: () => '/v2/connect/items/sync',
  query: (p) => ({ item_id: p.itemId, ...toConnectOptions(p) }),
  response: ConnectUrl,
})
