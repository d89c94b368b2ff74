/** The `getPaymentRequest` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { PaymentRequestResponse } from './models.js'

/** Parameters of {@link getPaymentRequest}. */
export const GetPaymentRequestParams = v.object({
  /** Payment request id (32 hex characters). */
  paymentRequestId: PathStringParam,
})
/** Parameters of {@link getPaymentRequest}. */
export type GetPaymentRequestParams = v.InferInput<typeof GetPaymentRequestParams>

/**
 * Gets one payment request (`GET /v3/payment/payment-requests/{id}`, client credentials).
 * Bridge's example wraps it in `{ resources: [request] }`; the bare object and that wrapper are both
 * accepted and give the same {@link PaymentRequest}.
 *
 * @param ctx - the context (client credentials).
 * @param params - `paymentRequestId`.
 * @returns a task of the {@link PaymentRequest}.
 * @example
 * ```ts
 * import { createContext, getPaymentRequest } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const request = await getPaymentRequest(ctx, { paymentRequestId: 'e959dccd632c49d7922a766e946ad9e9' })()
 * ```
 */
export const getPaymentRequest = defineOperation({
  name: 'getPaymentRequest',
  api: v3,
  method: 'GET',
  auth: 'client',
  params: GetPaymentRequestParams,
  path: (p) => path`/v3/payment/payment-requests/${p.paymentRequestId}`,
  response: PaymentRequestResponse,
})
