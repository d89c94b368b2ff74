/** The `getPayout` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { Payout } from './models.js'

/** Parameters of {@link getPayout}. */
export const GetPayoutParams = v.object({
  /** Payout id (UUID). */
  payoutId: PathStringParam,
})
/** Parameters of {@link getPayout}. */
export type GetPayoutParams = v.InferInput<typeof GetPayoutParams>

/**
 * Gets one payout (`GET /v3/payment/payment-account/payouts/{id}`, client credentials).
 *
 * @param ctx - the context (client credentials).
 * @param params - `payoutId`.
 * @returns a task of the {@link Payout}.
 * @example
 * ```ts
 * import { createContext, getPayout } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const result = await getPayout(ctx, { payoutId: '6eeee884-810d-403c-8564-07b0eb7d5ed7' })()
 * ```
 */
export const getPayout = defineOperation({
  name: 'getPayout',
  api: v3,
  method: 'GET',
  auth: 'client',
  params: GetPayoutParams,
  path: (p) => path`/v3/payment/payment-account/payouts/${p.payoutId}`,
  response: Payout,
})
