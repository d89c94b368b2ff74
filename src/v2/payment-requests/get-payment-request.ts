/** The `getPaymentRequest` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { PaymentRequest } from './models.js'

/** Parameters of {@link getPaymentRequest}. */
export const GetPaymentRequestParams = v.object({
  /** Payment request id (32 hex digits). */
  paymentRequestId: PathStringParam,
})
/** Parameters of {@link getPaymentRequest}. */
export type GetPaymentRequestParams = v.InferInput<typeof GetPaymentRequestParams>

/**
 * Gets one payment request with its transactions and statuses (`GET /v2/payment-requests/{id}`,
 * client credentials).
 *
 * @param ctx - the context (client credentials).
 * @param params - `paymentRequestId`.
 * @returns a task of the {@link PaymentRequest}.
 * @example
 * ```ts
 * import { createContext, getPaymentRequest } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const request = await getPaymentRequest(ctx, { paymentRequestId: 'e815420d4b414a9c8b007c57196c19b5' })()
 * ```
 */
export const getPaymentRequest = defineOperation({
  name: 'getPaymentRequest',
  api: v2,
  method: 'GET',
  auth: 'client',
  params: GetPaymentRequestParams,
  path: (p) => path`/v2/payment-requests/${p.paymentRequestId}`,
  response: PaymentRequest,
})
