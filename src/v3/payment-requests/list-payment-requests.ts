/** The `listPaymentRequests` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { DateTimeParam, TextParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { PaymentStatus } from '../payments/models.js'
import { PaymentRequest } from './models.js'

/** Filters of {@link listPaymentRequests}. They are re-sent with every page. */
export const ListPaymentRequestsParams = v.object({
  /** Only requests created after this instant. */
  since: v.optional(DateTimeParam),
  /** Only requests created before this instant. */
  until: v.optional(DateTimeParam),
  /** Only requests with this status, e.g. `ACSC`. */
  status: v.optional(PaymentStatus),
  /** Only requests created from this payment link. */
  paymentLinkId: v.optional(TextParam(256)),
})
/** Filters of {@link listPaymentRequests}. */
export type ListPaymentRequestsParams = v.InferInput<typeof ListPaymentRequestsParams>

/**
 * Lists payment requests (`GET /v3/payment/payment-requests`, client credentials), page after page.
 *
 * @param ctx - the context (client credentials).
 * @param params - `since`, `until`, `status`, `paymentLinkId`, plus `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, PaymentRequest>`.
 * @example
 * ```ts
 * import { createContext, listPaymentRequests } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * for await (const request of listPaymentRequests(ctx, { paymentLinkId: '7d4d49e4-a99b-4c18-a58d-b4931c4b79db' })) {
 *   if (request._tag === 'Left') break
 *   console.log(request.right.status)
 * }
 * ```
 */
export const listPaymentRequests = defineListOperation({
  name: 'listPaymentRequests',
  api: v3,
  auth: 'client',
  params: ListPaymentRequestsParams,
  path: () => '/v3/payment/payment-requests',
  query: (p) => ({ since: p.since, until: p.until, status: p.status, payment_link_id: p.paymentLinkId }),
  item: PaymentRequest,
})
