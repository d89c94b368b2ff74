/** The `listAccountUpdatedTransactions` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { path } from '../../core/http/query.js'
import { defineListOperation } from '../../core/lists/pagination.js'
import { IdParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { Transaction, UpdatedSinceParams } from './models.js'

/** Filters of {@link listAccountUpdatedTransactions}. They are re-sent with every page. */
export const ListAccountUpdatedTransactionsParams = v.object({
  accountId: IdParam,
  ...UpdatedSinceParams,
})
/** Filters of {@link listAccountUpdatedTransactions}. */
export type ListAccountUpdatedTransactionsParams = v.InferInput<typeof ListAccountUpdatedTransactionsParams>

/**
 * Lists one account's transactions created, changed or deleted since an instant
 * (`GET /v2/accounts/{account_id}/transactions/updated`, user token), page after page: the Python
 * client's `list_account_updated_transactions`.
 *
 * @param ctx - a context with a `user`.
 * @param params - `accountId`, `since` (an instant), plus `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, Transaction>`.
 * @example
 * ```ts
 * import { createContext, listAccountUpdatedTransactions } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * for await (const tx of listAccountUpdatedTransactions(ctx, { accountId: 37271913, since: '2026-01-01T00:00:00Z' })) {
 *   if (tx._tag === 'Left') { console.error(tx.left); break }
 *   console.log(tx.right.date, tx.right.amount)
 * }
 * ```
 */
export const listAccountUpdatedTransactions = defineListOperation({
  name: 'listAccountUpdatedTransactions',
  api: v2,
  auth: 'user',
  params: ListAccountUpdatedTransactionsParams,
  path: (p) => path`/v2/accounts/${p.accountId}/transactions/updated`,
  query: (p) => ({ since: p.since }),
  item: Transaction,
})
