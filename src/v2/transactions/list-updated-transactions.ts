/** The `listUpdatedTransactions` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v2 } from '../api.js'
import { Transaction, UpdatedSinceParams } from './models.js'

/** Filters of {@link listUpdatedTransactions}. They are re-sent with every page. */
export const ListUpdatedTransactionsParams = v.object({
  ...UpdatedSinceParams,
})
/** Filters of {@link listUpdatedTransactions}. */
export type ListUpdatedTransactionsParams = v.InferInput<typeof ListUpdatedTransactionsParams>

/**
 * Lists the user's transactions created, changed or deleted (`is_deleted: true`) since an instant, for
 * incremental sync, most recently updated first (`GET /v2/transactions/updated`, user token), page after
 * page: the Python client's `list_updated_transactions`.
 *
 * @param ctx - a context with a `user`.
 * @param params - `since` (an instant), plus `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, Transaction>`.
 * @example
 * ```ts
 * import { createContext, listUpdatedTransactions } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * for await (const tx of listUpdatedTransactions(ctx, { since: '2026-01-01T00:00:00Z' })) {
 *   if (tx._tag === 'Left') { console.error(tx.left); break }
 *   console.log(tx.right.date, tx.right.amount)
 * }
 * ```
 */
export const listUpdatedTransactions = defineListOperation({
  name: 'listUpdatedTransactions',
  api: v2,
  auth: 'user',
  params: ListUpdatedTransactionsParams,
  path: () => '/v2/transactions/updated',
  query: (p) => ({ since: p.since }),
  item: Transaction,
})
