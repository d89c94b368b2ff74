/** The `createRefund` endpoint (2021-06-01): its parameters and its declaration. */
import type * as v from 'valibot'
import { RefundParams, toRefundBody } from '../../common/payment-account.js'
import { defineOperation } from '../../core/define/operation.js'
import { v2 } from '../api.js'
import { Refund } from './models.js'

/** Parameters of {@link createRefund} (the same in both API versions). */
export const CreateRefundParams = RefundParams
/** Parameters of {@link createRefund}. */
export type CreateRefundParams = v.InferInput<typeof CreateRefundParams>

/**
 * Refunds a payment received on your Bridge payment account (`POST /v2/payment-refunds`, client
 * credentials; a feature Bridge activates). Uncertain: the response schema was not captured
 * (see {@link Refund}).
 *
 * @param ctx - the context (client credentials).
 * @param params - `paymentAccountTransactionId`, `amount`, `clientReference`, `description`.
 * @returns a task of the {@link Refund}.
 * @example
 * ```ts
 * import { createContext, createRefund } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const refund = await createRefund(ctx, { paymentAccountTransactionId: 'b5ef3f49-0a5c-4a5e-9d0e-6a1c4c6a9d1e', amount: 10 })()
 * ```
 */
export const createRefund = defineOperation({
  name: 'createRefund',
  api: v2,
  method: 'POST',
  auth: 'client',
  params: CreateRefundParams,
  path: () => '/v2/payment-refunds',
  body: toRefundBody,
  response: Refund,
})
