/** The `editItem` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { IdParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { ConnectOptionsParams, toConnectOptions } from '../params.js'
import { ConnectUrl } from './models.js'

/** Parameters of {@link editItem}. */
export const EditItemParams = v.object({
  /** The item concerned. */
  itemId: IdParam,
  ...ConnectOptionsParams,
})
/** Parameters of {@link editItem}. */
export type EditItemParams = v.InferInput<typeof EditItemParams>

/**
 * Gets a Bridge Connect URL where the user updates an item's bank credentials, e.g. after
 * status 402 (`GET /v2/connect/items/edit`, user token): the Python client's `edit_item`. The
 * parameters go in the query string; a GET has no body.
 *
 * @param ctx - a context with a `user`.
 * @param params - `itemId`, `redirectUrl`, `context`.
 * @returns a task of the {@link ConnectUrl}.
 * @example
 * ```ts
 * import { createContext, editItem } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const url = await editItem(ctx, { itemId: 8170358, redirectUrl: 'https://example.com/back' })()
 * ```
 */
export const editItem = defineOperation({
  name: 'editItem',
  api: v2,
  method: 'GET',
  auth: 'user',
  params: EditItemParams,
  path: () => '/v2/connect/items/edit',
  query: (p) => ({ item_id: p.itemId, ...toConnectOptions(p) }),
  response: ConnectUrl,
})
