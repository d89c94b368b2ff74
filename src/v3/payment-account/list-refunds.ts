import * as v from 'valibot'
import { defineListOperation } from '../../core/pagination.js'
import { v3 } from '../api.js'
import { Refund } from './models.js'

/**
 * Lists refunds (`GET /v3/payment/payment-account/refunds`, client credentials), page after page.
 *
 * @param ctx - the context (client credentials).
 * @param params - `limit` and `after`.
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
