/** The `listAccountTransactions` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { path } from '../../core/http/query.js'
import { defineListOperation } from '../../core/lists/pagination.js'
import { IdParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { DateRangeParams, Transaction } from './models.js'

/** Filters of {@link listAccountTransactions}. They are re-sent with every page. */
export const ListAccountTransactionsParams = v.object({
  accountId: IdParam,
  ...DateRangeParams,
})
/** Filters of {@link listAccountTransactions}. */
export type ListAccountTransactionsParams = v.InferInput<typeof ListAccountTransactionsParams>

/**
 * Lists one account's transactions, newest date first (`GET /v2/accounts/{account_id}/transactions`, user
 * token), page after page: the Python client's `list_account_transactions`.
 *
 * @param ctx - a context with a `user`.
 * @param params - `accountId`, `since`, `until` (days), plus `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, Transaction>`.
 * @example
 * ```ts
 * import { createContext, listAccountTransactions } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * for await (const tx of listAccountTransactions(ctx, { accountId: 37271913, since: '2026-01-01' })) {
 *   if (tx._tag === 'Left') { console.error(tx.left); break }
 *   console.log(tx.right.date, tx.right.amount)
 * }
 * ```
 */
export const listAccountTransactions = defineListOperation({
  name: 'listAccountTransactions',
  api: v2,
  auth: 'user',
  params: ListAccountTransactionsParams,
  path: (p) => path`/v2/accounts/${p.accountId}/transactions`,
  query: (p) => ({ since: p.since, until: p.until }),
  item: Transaction,
})
