/** The `getAccount` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { IdParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { Account } from './models.js'

/** Parameters of {@link getAccount}. */
export const GetAccountParams = v.object({
  accountId: IdParam,
})
/** Parameters of {@link getAccount}. */
export type GetAccountParams = v.InferInput<typeof GetAccountParams>

/**
 * Gets one of the user's accounts (`GET /v3/aggregation/accounts/{id}`, user token).
 *
 * @param ctx - a context with a `user`.
 * @param params - `accountId`.
 * @returns a task of the {@link Account}; a 404 is an `ApiError` with code `account.not_found`.
 * @example
 * ```ts
 * import { createContext, getAccount } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * const account = await getAccount(ctx, { accountId: 123 })()
 * ```
 */
export const getAccount = defineOperation({
  name: 'getAccount',
  api: v3,
  method: 'GET',
  auth: 'user',
  params: GetAccountParams,
  path: (p) => path`/v3/aggregation/accounts/${p.accountId}`,
  response: Account,
})
