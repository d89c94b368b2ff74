/** The `listStocks` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v2 } from '../api.js'
import { Stock } from './models.js'

/**
 * Lists the user's securities (`GET /v2/stocks`, user token), page after page: the Python client's
 * `list_stocks`.
 *
 * @param ctx - a context with a `user`.
 * @param params - `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, Stock>`.
 * @example
 * ```ts
 * import { createContext, listStocks } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * for await (const stock of listStocks(ctx)) {
 *   if (stock._tag === 'Left') break
 *   console.log(stock.right.label, stock.right.total_value)
 * }
 * ```
 */
export const listStocks = defineListOperation({
  name: 'listStocks',
  api: v2,
  auth: 'user',
  params: v.object({}),
  path: () => '/v2/stocks',
  item: Stock,
})
