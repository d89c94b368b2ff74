/** The `refreshSenderAccounts` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { v2 } from '../api.js'

/**
 * Asks Bridge to refresh the user's sender accounts before a transfer
 * (`POST /v2/transfers/accounts/refresh`, user token). The response is not documented and is ignored.
 *
 * @param ctx - a context with a `user`.
 * @returns a task of `undefined` once Bridge accepted.
 * @example
 * ```ts
 * import { createContext, refreshSenderAccounts } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * await refreshSenderAccounts(ctx)()
 * ```
 */
export const refreshSenderAccounts = defineOperation({
  name: 'refreshSenderAccounts',
  api: v2,
  method: 'POST',
  auth: 'user',
  params: v.object({}),
  path: () => '/v2/transfers/accounts/refresh',
  response: null,
  // A second refresh request is harmless, so it may be retried.
  idempotent: true,
})
