/** The `getTransaction` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { IdParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { Transaction } from './models.js'

/** Parameters of {@link getTransaction}. */
export const GetTransactionParams = v.object({
  transactionId: IdParam,
})
/** Parameters of {@link getTransaction}. */
export type GetTransactionParams = v.InferInput<typeof GetTransactionParams>

/**
 * Gets one transaction (`GET /v3/aggregation/transactions/{id}`, user token), including
 * `bridge_payment_information` when it came from a Bridge payment.
 *
 * @param ctx - a context with a `user`.
 * @param params - `transactionId`.
 * @returns a task of the {@link Transaction}; a 404 is an `ApiError` with code `transaction.not_found`.
 * @example
 * ```ts
 * import { createContext, getTransaction } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * const tx = await getTransaction(ctx, { transactionId: 33000191035700 })()
 * ```
 */
export const getTransaction = defineOperation({
  name: 'getTransaction',
  api: v3,
  method: 'GET',
  auth: 'user',
  params: GetTransactionParams,
  path: (p) => path`/v3/aggregation/transactions/${p.transactionId}`,
  response: Transaction,
})
