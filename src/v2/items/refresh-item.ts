/** The `refreshItem` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { IdParam } from '../../core/schema.js'
import { v2 } from '../api.js'

/** Parameters of {@link refreshItem}. */
export const RefreshItemParams = v.object({
  itemId: IdParam,
})
/** Parameters of {@link refreshItem}. */
export type RefreshItemParams = v.InferInput<typeof RefreshItemParams>

/**
 * Asks Bridge to refresh an item now (`POST /v2/items/{id}/refresh`, user token): the Python
 * client's `refresh_item`. Follow it with {@link getItemRefreshStatus}.
 *
 * @param ctx - a context with a `user`.
 * @param params - `itemId`.
 * @returns a task of `undefined` once Bridge accepted (202, no body).
 * @example
 * ```ts
 * import { createContext, refreshItem } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const result = await refreshItem(ctx, { itemId: 8170358 })()
 * ```
 */
export const refreshItem = defineOperation({
  name: 'refreshItem',
  api: v2,
  method: 'POST',
  auth: 'user',
  params: RefreshItemParams,
  path: (p) => path`/v2/items/${p.itemId}/refresh`,
  response: null,
  // A second refresh request is harmless, so it may be retried.
  idempotent: true,
})
