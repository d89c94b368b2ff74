/** The `listTransactions` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v2 } from '../api.js'
import { DateRangeParams, Transaction } from './models.js'

/** Filters of {@link listTransactions}. They are re-sent with every page. */
export const ListTransactionsParams = v.object({
  ...DateRangeParams,
})
/** Filters of {@link listTransactions}. */
export type ListTransactionsParams = v.InferInput<typeof ListTransactionsParams>

/**
 * Lists the user's transactions, newest date first (`GET /v2/transactions`, user token), page after page:
 * the Python client's `list_transactions`.
 *
 * @param ctx - a context with a `user`.
 * @param params - `since`, `until` (days), plus `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, Transaction>`.
 * @example
 * ```ts
 * import { createContext, listTransactions } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * for await (const tx of listTransactions(ctx, { since: '2026-01-01' })) {
 *   if (tx._tag === 'Left') { console.error(tx.left); break }
 *   console.log(tx.right.date, tx.right.amount)
 * }
 * ```
 */
export const listTransactions = defineListOperation({
  name: 'listTransactions',
  api: v2,
  auth: 'user',
  params: ListTransactionsParams,
  path: () => '/v2/transactions',
  query: (p) => ({ since: p.since, until: p.until }),
  item: Transaction,
})
