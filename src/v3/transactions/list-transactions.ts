/** The `listTransactions` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { DateParam, DateTimeParam, IdParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { Transaction } from './models.js'

/** Filters of {@link listTransactions}. They are re-sent with every page. */
export const ListTransactionsParams = v.object({
  /** Only this account's transactions. */
  accountId: v.optional(IdParam),
  /** Only transactions updated after this instant (incremental sync). */
  since: v.optional(DateTimeParam),
  /** Only transactions updated before this instant. */
  until: v.optional(DateTimeParam),
  /** Only transactions dated on or after this day. */
  minDate: v.optional(DateParam),
  /** Only transactions dated on or before this day. */
  maxDate: v.optional(DateParam),
})
/** Filters of {@link listTransactions}. */
export type ListTransactionsParams = v.InferInput<typeof ListTransactionsParams>

/**
 * Lists the user's transactions (`GET /v3/aggregation/transactions`, user token), page after page.
 * For incremental sync, keep the largest `updated_at` seen and pass it as `since` next time.
 *
 * @param ctx - a context with a `user`.
 * @param params - filters, plus `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, Transaction>`.
 * @example
 * ```ts
 * import { createContext, listTransactions } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * for await (const tx of listTransactions(ctx, { since: '2026-01-01T00:00:00Z', limit: 500 })) {
 *   if (tx._tag === 'Left') { console.error(tx.left); break }
 *   console.log(tx.right.date, tx.right.amount)
 * }
 * ```
 */
export const listTransactions = defineListOperation({
  name: 'listTransactions',
  api: v3,
  auth: 'user',
  params: ListTransactionsParams,
  path: () => '/v3/aggregation/transactions',
  query: (p) => ({
    account_id: p.accountId,
    since: p.since,
    until: p.until,
    min_date: p.minDate,
    max_date: p.maxDate,
  }),
  item: Transaction,
})
