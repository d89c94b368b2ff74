/** The `createPayout` endpoint (2025-01-15): its parameters and its declaration. */
import type * as v from 'valibot'
import { PayoutParams, toPayoutBody } from '../../common/payment-account.js'
import { defineOperation } from '../../core/define/operation.js'
import { v3 } from '../api.js'
import { Payout } from './models.js'

/** Parameters of {@link createPayout} (the same in both API versions). */
export const CreatePayoutParams = PayoutParams
/** Parameters of {@link createPayout}. */
export type CreatePayoutParams = v.InferInput<typeof CreatePayoutParams>

/**
 * Pays out from your payment account to a beneficiary (`POST /v3/payment/payment-account/payouts`,
 * client credentials; 200).
 *
 * @param ctx - the context (client credentials).
 * @param params - `beneficiaryId`, `amount`, `label`, optional `clientReference`.
 * @returns a task of the {@link Payout}.
 * @example
 * ```ts
 * import { createContext, createPayout } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const payout = await createPayout(ctx, {
 *   beneficiaryId: '90da9c34-9baf-401d-8191-250841667fe6',
 *   amount: 20,
 *   label: 'Weekly payout',
 * })()
 * ```
 */
export const createPayout = defineOperation({
  name: 'createPayout',
  api: v3,
  method: 'POST',
  auth: 'client',
  params: CreatePayoutParams,
  path: () => '/v3/payment/payment-account/payouts',
  body: toPayoutBody,
  response: Payout,
})
