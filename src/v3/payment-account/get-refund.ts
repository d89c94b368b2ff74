/** The `getRefund` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { Refund } from './models.js'

/** Parameters of {@link getRefund}. */
export const GetRefundParams = v.object({
  /** Refund id (32 hex characters). */
  refundId: PathStringParam,
})
/** Parameters of {@link getRefund}. */
export type GetRefundParams = v.InferInput<typeof GetRefundParams>

/**
 * Gets one refund (`GET /v3/payment/payment-account/refunds/{id}`, client credentials).
 *
 * @param ctx - the context (client credentials).
 * @param params - `refundId`.
 * @returns a task of the {@link Refund}.
 * @example
 * ```ts
 * import { createContext, getRefund } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const result = await getRefund(ctx, { refundId: '5d838eace5f64cb3b8b395ae5cf4a6fe' })()
 * ```
 */
export const getRefund = defineOperation({
  name: 'getRefund',
  api: v3,
  method: 'GET',
  auth: 'client',
  params: GetRefundParams,
  path: (p) => path`/v3/payment/payment-account/refunds/${p.refundId}`,
  response: Refund,
})
