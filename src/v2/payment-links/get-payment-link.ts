/** The `getPaymentLink` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { PaymentLink } from './models.js'

/** Parameters of {@link getPaymentLink}. */
export const GetPaymentLinkParams = v.object({
  /** Payment link id (UUID). */
  paymentLinkId: PathStringParam,
})
/** Parameters of {@link getPaymentLink}. */
export type GetPaymentLinkParams = v.InferInput<typeof GetPaymentLinkParams>

/**
 * Gets one payment link (`GET /v2/payment-links/{id}`, client credentials). `COMPLETED` means a
 * payment was initiated, not executed: check its payment requests with
 * `listPaymentRequests(ctx, { paymentLinkId })`. Uncertain: path and schema are not in the reference
 * (see {@link PaymentLink}).
 *
 * @param ctx - the context (client credentials).
 * @param params - `paymentLinkId`.
 * @returns a task of the {@link PaymentLink}.
 * @example
 * ```ts
 * import { createContext, getPaymentLink } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const link = await getPaymentLink(ctx, { paymentLinkId: '697aa2b2-a65f-473b-a5c9-4bd9a2ecefbd' })()
 * ```
 */
export const getPaymentLink = defineOperation({
  name: 'getPaymentLink',
  api: v2,
  method: 'GET',
  auth: 'client',
  params: GetPaymentLinkParams,
  path: (p) => path`/v2/payment-links/${p.paymentLinkId}`,
  response: PaymentLink,
})
