/** The `getTransaction` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { IdParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { Transaction } from './models.js'

/** Parameters of {@link getTransaction}. */
export const GetTransactionParams = v.object({
  transactionId: IdParam,
})
/** Parameters of {@link getTransaction}. */
export type GetTransactionParams = v.InferInput<typeof GetTransactionParams>

/**
 * Gets one transaction (`GET /v2/transactions/{id}`, user token): the Python client's `get_transaction`.
 *
 * @param ctx - a context with a `user`.
 * @param params - `transactionId`.
 * @returns a task of the {@link Transaction}.
 * @example
 * ```ts
 * import { createContext, getTransaction } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const tx = await getTransaction(ctx, { transactionId: 36000071605232 })()
 * ```
 */
export const getTransaction = defineOperation({
  name: 'getTransaction',
  api: v2,
  method: 'GET',
  auth: 'user',
  params: GetTransactionParams,
  path: (p) => path`/v2/transactions/${p.transactionId}`,
  response: Transaction,
})
