import * as v from 'valibot'
import { AmountParam } from '../../common/params.js'
import { defineOperation } from '../../core/operation.js'
import { TextParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { Refund } from './models.js'

/** Parameters of {@link createRefund}. */
export const CreateRefundParams = v.object({
  /** From `transactions[].payment_account_transaction.id` of a payment request (UUID). */
  paymentAccountTransactionId: TextParam(64),
  /** Up to the amount received; a partial refund is allowed. */
  amount: AmountParam,
  clientReference: v.optional(TextParam(100)),
  /** Internal note. */
  description: v.optional(TextParam(1000)),
})
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
  body: (p) => ({
    payment_account_transaction_id: p.paymentAccountTransactionId,
    amount: p.amount,
    client_reference: p.clientReference,
    description: p.description,
  }),
  response: Refund,
})
