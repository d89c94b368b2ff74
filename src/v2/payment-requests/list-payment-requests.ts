/** The `listPaymentRequests` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { commaList, oneOrMany } from '../../common/params.js'
import { defineListOperation } from '../../core/lists/pagination.js'
import { PathStringParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { openParam } from '../params.js'
import { PaymentRequest, PaymentStatus } from './models.js'

/** Filters of {@link listPaymentRequests}. */
export const ListPaymentRequestsParams = v.object({
  /** Only the requests made through this payment link. */
  paymentLinkId: v.optional(PathStringParam),
  /** Only these statuses, e.g. `['ACSC', 'RJCT']`. */
  status: v.optional(oneOrMany(openParam(PaymentStatus))),
})
/** Filters of {@link listPaymentRequests}. */
export type ListPaymentRequestsParams = v.InferInput<typeof ListPaymentRequestsParams>

/**
 * Lists payment requests (`GET /v2/payment-requests`, client credentials), page after page.
 * `status` is sent comma-separated (`status=ACSC,RJCT`), the form of Bridge's own samples for this
 * endpoint. Uncertain: the envelope is assumed to be the usual paginated list.
 *
 * @param ctx - the context (client credentials).
 * @param params - `paymentLinkId`, `status`, plus `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, PaymentRequest>`.
 * @example
 * ```ts
 * import { createContext, listPaymentRequests } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * for await (const request of listPaymentRequests(ctx, { paymentLinkId: '697aa2b2-a65f-473b-a5c9-4bd9a2ecefbd' })) {
 *   if (request._tag === 'Left') break
 *   console.log(request.right.status)
 * }
 * ```
 */
export const listPaymentRequests = defineListOperation({
  name: 'listPaymentRequests',
  api: v2,
  auth: 'client',
  params: ListPaymentRequestsParams,
  path: () => '/v2/payment-requests',
  query: (p) => ({
    payment_link_id: p.paymentLinkId,
    status: commaList(p.status),
  }),
  item: PaymentRequest,
})
