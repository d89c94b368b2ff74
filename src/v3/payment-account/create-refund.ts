/** The `createRefund` endpoint (2025-01-15): its parameters and its declaration. */
import type * as v from 'valibot'
import { RefundParams, toRefundBody } from '../../common/payment-account.js'
import { defineOperation } from '../../core/define/operation.js'
import { v3 } from '../api.js'
import { Refund } from './models.js'

/** Parameters of {@link createRefund} (the same in both API versions). */
export const CreateRefundParams = RefundParams
/** Parameters of {@link createRefund}. */
export type CreateRefundParams = v.InferInput<typeof CreateRefundParams>

/**
 * Refunds a payment received on your payment account (`POST /v3/payment/payment-account/refunds`,
 * client credentials; 200).
 *
 * @param ctx - the context (client credentials).
 * @param params - `paymentAccountTransactionId`, `amount`, optional `clientReference`, `description`.
 * @returns a task of the {@link Refund}.
 * @example
 * ```ts
 * import { createContext, createRefund } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const refund = await createRefund(ctx, {
 *   paymentAccountTransactionId: '9f7052e8-96cd-45da-8e5c-08c82ef83164',
 *   amount: 10,
 *   description: 'Returned item',
 * })()
 * ```
 */
export const createRefund = defineOperation({
  name: 'createRefund',
  api: v3,
  method: 'POST',
  auth: 'client',
  params: CreateRefundParams,
  path: () => '/v3/payment/payment-account/refunds',
  body: toRefundBody,
  response: Refund,
})
