/** The `listAccounts` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { IdParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { Account } from './models.js'

/** Filters of {@link listAccounts}. */
export const ListAccountsParams = v.object({
  /** Only the accounts of this item. */
  itemId: v.optional(IdParam),
})
/** Filters of {@link listAccounts}. */
export type ListAccountsParams = v.InferInput<typeof ListAccountsParams>

/**
 * Lists the user's accounts (`GET /v3/aggregation/accounts`, user token), page after page.
 *
 * @param ctx - a context with a `user`.
 * @param params - `itemId`, plus `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, Account>`.
 * @example
 * ```ts
 * import { createContext, listAccounts } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * for await (const account of listAccounts(ctx)) {
 *   if (account._tag === 'Left') break
 *   console.log(account.right.name, account.right.balance)
 * }
 * ```
 */
export const listAccounts = defineListOperation({
  name: 'listAccounts',
  api: v3,
  auth: 'user',
  params: ListAccountsParams,
  path: () => '/v3/aggregation/accounts',
  query: (p) => ({ item_id: p.itemId }),
  item: Account,
})
