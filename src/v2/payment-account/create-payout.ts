/** The `createPayout` endpoint (2021-06-01): its parameters and its declaration. */
import type * as v from 'valibot'
import { PayoutParams, toPayoutBody } from '../../common/payment-account.js'
import { defineOperation } from '../../core/define/operation.js'
import { v2 } from '../api.js'
import { Payout } from './models.js'

/** Parameters of {@link createPayout} (the same in both API versions). */
export const CreatePayoutParams = PayoutParams
/** Parameters of {@link createPayout}. */
export type CreatePayoutParams = v.InferInput<typeof CreatePayoutParams>

/**
 * Pays money out of your Bridge payment account to a beneficiary
 * (`POST /v2/payment-account/payouts/`, trailing slash as documented; client credentials; a feature
 * Bridge activates). Uncertain: the response schema was not captured (see {@link Payout}).
 *
 * @param ctx - the context (client credentials).
 * @param params - `beneficiaryId`, `amount`, `label`, `clientReference`.
 * @returns a task of the {@link Payout}.
 * @example
 * ```ts
 * import { createContext, createPayout } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const payout = await createPayout(ctx, { beneficiaryId: '0f2b8e0a-5d6f-4a7c-9e2f-3b1c0d9e8a7b', amount: 250, label: 'Payout 12' })()
 * ```
 */
export const createPayout = defineOperation({
  name: 'createPayout',
  api: v2,
  method: 'POST',
  auth: 'client',
  params: CreatePayoutParams,
  path: () => '/v2/payment-account/payouts/',
  body: toPayoutBody,
  response: Payout,
})
