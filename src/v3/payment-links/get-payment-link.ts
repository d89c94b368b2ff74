/** The `getPaymentLink` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { PaymentLink } from './models.js'

/** Parameters of {@link getPaymentLink}. */
export const GetPaymentLinkParams = v.object({
  /** Payment link id (UUID). */
  paymentLinkId: PathStringParam,
})
/** Parameters of {@link getPaymentLink}. */
export type GetPaymentLinkParams = v.InferInput<typeof GetPaymentLinkParams>

/**
 * Gets one payment link (`GET /v3/payment/payment-links/{id}`, client credentials).
 * `completed` does not mean executed: check its payment requests (`listPaymentRequests` with `paymentLinkId`).
 *
 * @param ctx - the context (client credentials).
 * @param params - `paymentLinkId`.
 * @returns a task of the {@link PaymentLink}.
 * @example
 * ```ts
 * import { createContext, getPaymentLink } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const link = await getPaymentLink(ctx, { paymentLinkId: '7d4d49e4-a99b-4c18-a58d-b4931c4b79db' })()
 * ```
 */
export const getPaymentLink = defineOperation({
  name: 'getPaymentLink',
  api: v3,
  method: 'GET',
  auth: 'client',
  params: GetPaymentLinkParams,
  path: (p) => path`/v3/payment/payment-links/${p.paymentLinkId}`,
  response: PaymentLink,
})
