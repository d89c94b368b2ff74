import * as v from 'valibot'
import { AmountParam } from '../../common/params.js'
import { defineOperation } from '../../core/operation.js'
import { PathStringParam, TextParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { ClientReferenceParam } from '../payments/models.js'
import { Refund } from './models.js'

/** Parameters of {@link createRefund}. */
export const CreateRefundParams = v.object({
  /** The received payment account transaction to refund (UUID); its status must be `RECEIVED`. */
  paymentAccountTransactionId: PathStringParam,
  /** Major units, > 0, at most 2 decimals. */
  amount: AmountParam,
  /** Your reference (≤ 100 characters). */
  clientReference: v.optional(ClientReferenceParam),
  /** Why you refund (≤ 140 characters, the limit of docs.bridgeapi.io/docs/refund-your-customers-from-api). */
  description: v.optional(TextParam(140)),
})
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
  body: (p) => ({
    payment_account_transaction_id: p.paymentAccountTransactionId,
    amount: p.amount,
    client_reference: p.clientReference,
    description: p.description,
  }),
  response: Refund,
})
