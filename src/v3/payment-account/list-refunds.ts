/** The `listRefunds` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v3 } from '../api.js'
import { Refund } from './models.js'

/**
 * Lists refunds (`GET /v3/payment/payment-account/refunds`, client credentials), page after page.
 *
 * @param ctx - the context (client credentials).
 * @param params - optional `limit` and `after`, sent only when given: neither Bridge's Postman collection
 *   (yabafre/pekulo) nor the 2026 reference transcription (mindcloud-inc/universal-api-reference) documents a
 *   query parameter for this list.
 * @returns a lazy async iterable of `Either<BridgeError, Refund>`.
 * @example
 * ```ts
 * import { createContext, listRefunds } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * for await (const refund of listRefunds(ctx)) {
 *   if (refund._tag === 'Left') break
 *   console.log(refund.right.status, refund.right.amount)
 * }
 * ```
 */
export const listRefunds = defineListOperation({
  name: 'listRefunds',
  api: v3,
  auth: 'client',
  params: v.object({}),
  path: () => '/v3/payment/payment-account/refunds',
  item: Refund,
})
