/** The `listPaymentLinks` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { DateTimeParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { PaymentLink, PaymentLinkStatus } from './models.js'

/** Filters of {@link listPaymentLinks}. They are re-sent with every page. */
export const ListPaymentLinksParams = v.object({
  /** Only links created after this instant. */
  since: v.optional(DateTimeParam),
  /** Only links created before this instant. */
  until: v.optional(DateTimeParam),
  /** Only links with this status, e.g. `revoked`. */
  status: v.optional(PaymentLinkStatus),
})
/** Filters of {@link listPaymentLinks}. */
export type ListPaymentLinksParams = v.InferInput<typeof ListPaymentLinksParams>

/**
 * Lists payment links (`GET /v3/payment/payment-links`, client credentials), page after page.
 *
 * @param ctx - the context (client credentials).
 * @param params - `since`, `until`, `status`, plus `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, PaymentLink>`.
 * @example
 * ```ts
 * import { createContext, listPaymentLinks } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * for await (const link of listPaymentLinks(ctx, { status: 'completed' })) {
 *   if (link._tag === 'Left') break
 *   console.log(link.right.id, link.right.payment_status)
 * }
 * ```
 */
export const listPaymentLinks = defineListOperation({
  name: 'listPaymentLinks',
  api: v3,
  auth: 'client',
  params: ListPaymentLinksParams,
  path: () => '/v3/payment/payment-links',
  query: (p) => ({ since: p.since, until: p.until, status: p.status }),
  item: PaymentLink,
})
