/** The `listUpdatedStocks` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v2 } from '../api.js'
import { UpdatedSinceParams } from '../transactions/models.js'
import { Stock } from './models.js'

/** Filters of {@link listUpdatedStocks}. They are re-sent with every page. */
export const ListUpdatedStocksParams = v.object({
  ...UpdatedSinceParams,
})
/** Filters of {@link listUpdatedStocks}. */
export type ListUpdatedStocksParams = v.InferInput<typeof ListUpdatedStocksParams>

/**
 * Lists the user's securities created, changed or deleted since an instant (`GET /v2/stocks/updated`,
 * user token), page after page: the Python client's `list_updated_stocks`.
 *
 * @param ctx - a context with a `user`.
 * @param params - `since` (an instant), plus `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, Stock>`.
 * @example
 * ```ts
 * import { createContext, listUpdatedStocks } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * for await (const stock of listUpdatedStocks(ctx, { since: '2026-01-01T08:00:00Z' })) {
 *   if (stock._tag === 'Left') break
 *   console.log(stock.right.id, stock.right.is_deleted)
 * }
 * ```
 */
export const listUpdatedStocks = defineListOperation({
  name: 'listUpdatedStocks',
  api: v2,
  auth: 'user',
  params: ListUpdatedStocksParams,
  path: () => '/v2/stocks/updated',
  query: (p) => ({ since: p.since }),
  item: Stock,
})
