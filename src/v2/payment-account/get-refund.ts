/** The `getRefund` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { Refund } from './models.js'

/** Parameters of {@link getRefund}. */
export const GetRefundParams = v.object({
  /** Refund id. */
  refundId: PathStringParam,
})
/** Parameters of {@link getRefund}. */
export type GetRefundParams = v.InferInput<typeof GetRefundParams>

/**
 * Gets one refund request (`GET /v2/payment-refunds/{id}`, client credentials): "Get a single refund
 * request", https://docs.bridgeapi.io/v2021.06.01/reference/get-single-refund-request
 * (`/payment-refunds/:refundId`). Uncertain: the response schema was not captured (see {@link Refund}).
 *
 * @param ctx - the context (client credentials).
 * @param params - `refundId`.
 * @returns a task of the {@link Refund}.
 * @example
 * ```ts
 * import { createContext, getRefund } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const refund = await getRefund(ctx, { refundId: '5d838eace5f64cb3b8b395ae5cf4a6fe' })()
 * ```
 */
export const getRefund = defineOperation({
  name: 'getRefund',
  api: v2,
  method: 'GET',
  auth: 'client',
  params: GetRefundParams,
  path: (p) => path`/v2/payment-refunds/${p.refundId}`,
  response: Refund,
})
