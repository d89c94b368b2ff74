/** The `getStock` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { IdParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { Stock } from './models.js'

/** Parameters of {@link getStock}. */
export const GetStockParams = v.object({
  stockId: IdParam,
})
/** Parameters of {@link getStock}. */
export type GetStockParams = v.InferInput<typeof GetStockParams>

/**
 * Gets one security (`GET /v2/stocks/{id}`, user token): the Python client's `get_stock`.
 *
 * @param ctx - a context with a `user`.
 * @param params - `stockId`.
 * @returns a task of the {@link Stock}; an unknown id is an `ApiError` 404 `not_found` ("No stock found").
 * @example
 * ```ts
 * import { createContext, getStock } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const stock = await getStock(ctx, { stockId: 1 })()
 * ```
 */
export const getStock = defineOperation({
  name: 'getStock',
  api: v2,
  method: 'GET',
  auth: 'user',
  params: GetStockParams,
  path: (p) => path`/v2/stocks/${p.stockId}`,
  response: Stock,
})
