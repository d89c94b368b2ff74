/** The `listPayouts` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v3 } from '../api.js'
import { Payout } from './models.js'

/**
 * Lists payouts (`GET /v3/payment/payment-account/payouts`, client credentials), page after page.
 *
 * @param ctx - the context (client credentials).
 * @param params - optional `limit` and `after`, sent only when given: neither Bridge's Postman collection
 *   (yabafre/pekulo) nor the 2026 reference transcription (mindcloud-inc/universal-api-reference) documents a
 *   query parameter for this list.
 * @returns a lazy async iterable of `Either<BridgeError, Payout>`.
 * @example
 * ```ts
 * import { createContext, listPayouts } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * for await (const payout of listPayouts(ctx)) {
 *   if (payout._tag === 'Left') break
 *   console.log(payout.right.status, payout.right.amount)
 * }
 * ```
 */
export const listPayouts = defineListOperation({
  name: 'listPayouts',
  api: v3,
  auth: 'client',
  params: v.object({}),
  path: () => '/v3/payment/payment-account/payouts',
  item: Payout,
})
