/** The `getAccount` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { IdParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { Account } from './models.js'

/** Parameters of {@link getAccount}. */
export const GetAccountParams = v.object({
  accountId: IdParam,
})
/** Parameters of {@link getAccount}. */
export type GetAccountParams = v.InferInput<typeof GetAccountParams>

/**
 * Gets one of the user's accounts (`GET /v2/accounts/{id}`, user token): the Python client's
 * `get_account`.
 *
 * @param ctx - a context with a `user`.
 * @param params - `accountId`.
 * @returns a task of the {@link Account}.
 * @example
 * ```ts
 * import { createContext, getAccount } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const account = await getAccount(ctx, { accountId: 37271913 })()
 * ```
 */
export const getAccount = defineOperation({
  name: 'getAccount',
  api: v2,
  method: 'GET',
  auth: 'user',
  params: GetAccountParams,
  path: (p) => path`/v2/accounts/${p.accountId}`,
  response: Account,
})
