/** The `listSenderAccounts` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v2 } from '../api.js'
import { SenderAccount } from './models.js'

/**
 * Lists the accounts the user can send transfers from; call {@link refreshSenderAccounts} first.
 * Uncertain: the schema was not captured (see {@link SenderAccount}); the usual paginated envelope is
 * assumed (`GET /v2/transfers/accounts/senders`, user token), page after page.
 *
 * @param ctx - a context with a `user`.
 * @param params - `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, SenderAccount>`.
 * @example
 * ```ts
 * import { createContext, listSenderAccounts } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * for await (const entry of listSenderAccounts(ctx)) {
 *   if (entry._tag === 'Left') break
 *   console.log(entry.right)
 * }
 * ```
 */
export const listSenderAccounts = defineListOperation({
  name: 'listSenderAccounts',
  api: v2,
  auth: 'user',
  params: v.object({}),
  path: () => '/v2/transfers/accounts/senders',
  item: SenderAccount,
})
