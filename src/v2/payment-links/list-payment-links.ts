/** The `listPaymentLinks` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v2 } from '../api.js'
import { PaymentLink } from './models.js'

/**
 * Lists payment links (`GET /v2/payment-links`, client credentials), page after page.
 * Uncertain: the reference names the endpoint but not its filters or envelope; the usual
 * `{ resources, pagination }` list is assumed.
 *
 * @param ctx - the context (client credentials).
 * @param params - `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, PaymentLink>`.
 * @example
 * ```ts
 * import { createContext, listPaymentLinks } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * for await (const link of listPaymentLinks(ctx)) {
 *   if (link._tag === 'Left') break
 *   console.log(link.right.id, link.right.status)
 * }
 * ```
 */
export const listPaymentLinks = defineListOperation({
  name: 'listPaymentLinks',
  api: v2,
  auth: 'client',
  params: v.object({}),
  path: () => '/v2/payment-links',
  item: PaymentLink,
})
