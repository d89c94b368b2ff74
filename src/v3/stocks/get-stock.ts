/** The `getStock` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { IdParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { Stock } from './models.js'

/** Parameters of {@link getStock}. */
export const GetStockParams = v.object({
  /** Stock id. */
  stockId: IdParam,
})
/** Parameters of {@link getStock}. */
export type GetStockParams = v.InferInput<typeof GetStockParams>

/**
 * Gets one of the user's stocks (`GET /v3/aggregation/stocks/{id}`, user token).
 *
 * @param ctx - a context with a `user`.
 * @param params - `stockId`.
 * @returns a task of the {@link Stock}; a 404 is an `ApiError` with code `stock.not_found`.
 * @example
 * ```ts
 * import { createContext, getStock } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * const result = await getStock(ctx, { stockId: 123 })()
 * ```
 */
export const getStock = defineOperation({
  name: 'getStock',
  api: v3,
  method: 'GET',
  auth: 'user',
  params: GetStockParams,
  path: (p) => path`/v3/aggregation/stocks/${p.stockId}`,
  response: Stock,
})
