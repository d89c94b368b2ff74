/** The `listAccounts` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { IdParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { Account } from './models.js'

/** Filters of {@link listAccounts}. */
export const ListAccountsParams = v.object({
  /** Only the accounts of this item. */
  itemId: v.optional(IdParam),
})
/** Filters of {@link listAccounts}. */
export type ListAccountsParams = v.InferInput<typeof ListAccountsParams>

/**
 * Lists the user's accounts (`GET /v2/accounts`, user token), page after page: the Python client's
 * `list_accounts`.
 *
 * @param ctx - a context with a `user`.
 * @param params - `itemId`, plus `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, Account>`.
 * @example
 * ```ts
 * import { createContext, listAccounts } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * for await (const account of listAccounts(ctx, { itemId: 8170358 })) {
 *   if (account._tag === 'Left') break
 *   console.log(account.right.name, account.right.balance)
 * }
 * ```
 */
export const listAccounts = defineListOperation({
  name: 'listAccounts',
  api: v2,
  auth: 'user',
  params: ListAccountsParams,
  path: () => '/v2/accounts',
  query: (p) => ({ item_id: p.itemId }),
  item: Account,
})
