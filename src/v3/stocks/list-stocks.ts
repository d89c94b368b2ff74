/** The `listStocks` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { DateTimeParam, IdParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { Stock } from './models.js'

/** Filters of {@link listStocks}. They are re-sent with every page. */
export const ListStocksParams = v.object({
  /** Only this account's stocks. */
  accountId: v.optional(IdParam),
  /** Only stocks updated after this instant. */
  since: v.optional(DateTimeParam),
})
/** Filters of {@link listStocks}. */
export type ListStocksParams = v.InferInput<typeof ListStocksParams>

/**
 * Lists the user's stocks (`GET /v3/aggregation/stocks`, user token), page after page.
 *
 * @param ctx - a context with a `user`.
 * @param params - `accountId`, `since`, plus `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, Stock>`.
 * @example
 * ```ts
 * import { createContext, listStocks } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * for await (const stock of listStocks(ctx, { accountId: 123 })) {
 *   if (stock._tag === 'Left') break
 *   console.log(stock.right.label, stock.right.total_value)
 * }
 * ```
 */
export const listStocks = defineListOperation({
  name: 'listStocks',
  api: v3,
  auth: 'user',
  params: ListStocksParams,
  path: () => '/v3/aggregation/stocks',
  query: (p) => ({ account_id: p.accountId, since: p.since }),
  item: Stock,
})
