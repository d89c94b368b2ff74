/** The `getPayout` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { Payout } from './models.js'

/** Parameters of {@link getPayout}. */
export const GetPayoutParams = v.object({
  /** Payout id. */
  payoutId: PathStringParam,
})
/** Parameters of {@link getPayout}. */
export type GetPayoutParams = v.InferInput<typeof GetPayoutParams>

/**
 * Gets one payout request (`GET /v2/payment-account/payouts/{id}`, client credentials). Uncertain:
 * the path is documented, the schema is not (see {@link Payout}).
 *
 * @param ctx - the context (client credentials).
 * @param params - `payoutId`.
 * @returns a task of the {@link Payout}.
 * @example
 * ```ts
 * import { createContext, getPayout } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const payout = await getPayout(ctx, { payoutId: '0b1e5c2a-7d3f-4e8a-9c6b-2f1d0e9c8b7a' })()
 * ```
 */
export const getPayout = defineOperation({
  name: 'getPayout',
  api: v2,
  method: 'GET',
  auth: 'client',
  params: GetPayoutParams,
  path: (p) => path`/v2/payment-account/payouts/${p.payoutId}`,
  response: Payout,
})
