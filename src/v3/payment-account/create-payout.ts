import * as v from 'valibot'
import { AmountParam } from '../../common/params.js'
import { defineOperation } from '../../core/operation.js'
import { PathStringParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { ClientReferenceParam, PaymentLabelParam } from '../payments/models.js'
import { Payout } from './models.js'

/** Parameters of {@link createPayout}. */
export const CreatePayoutParams = v.object({
  /** The beneficiary (UUID, from `listBeneficiaries`). */
  beneficiaryId: PathStringParam,
  /** Major units, > 0, at most 2 decimals. */
  amount: AmountParam,
  /** Shown on the bank statement (1–140 characters). */
  label: PaymentLabelParam,
  /** Your reference, not sent to the bank (≤ 100 characters). */
  clientReference: v.optional(ClientReferenceParam),
})
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
  body: (p) => ({
    beneficiary_id: p.beneficiaryId,
    amount: p.amount,
    label: p.label,
    client_reference: p.clientReference,
  }),
  response: Payout,
})
