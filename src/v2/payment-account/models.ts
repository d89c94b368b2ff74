/** The 2021-06-01 payment account models, as valibot schemas and their types. */
import * as v from 'valibot'
import { PaymentAccountStatus as SharedStatus } from '../../common/payment-account.js'
import { Timestamp } from '../../core/schema.js'

/** Refund and payout statuses (the same as 2025-01-15's; open: any other value passes). */
export const PaymentAccountStatus = SharedStatus
/** A refund or payout status. */
export type PaymentAccountStatus = v.InferOutput<typeof PaymentAccountStatus>

/**
 * A refund request. Uncertain: the 2021-06-01 schema was not captured; this is the 2025-01-15
 * shape with everything but `id` optional.
 */
export const Refund = v.object({
  id: v.string(),
  payment_account_transaction_id: v.nullish(v.string()),
  amount: v.nullish(v.number()),
  currency: v.nullish(v.string()),
  status: v.nullish(PaymentAccountStatus),
  client_reference: v.nullish(v.string()),
  description: v.nullish(v.string()),
  created_at: v.nullish(Timestamp),
  updated_at: v.nullish(Timestamp),
})
/** A refund request. */
export type Refund = v.InferOutput<typeof Refund>

/**
 * A payout request. Uncertain: the 2021-06-01 schema was not captured; this is the 2025-01-15
 * shape with everything but `id` optional.
 */
export const Payout = v.object({
  id: v.string(),
  beneficiary: v.nullish(
    v.object({
      id: v.nullish(v.string()),
      company_name: v.nullish(v.string()),
      bank_name: v.nullish(v.string()),
      iban: v.nullish(v.string()),
      bic: v.nullish(v.string()),
    }),
  ),
  status: v.nullish(PaymentAccountStatus),
  status_reason: v.nullish(v.string()),
  client_reference: v.nullish(v.string()),
  label: v.nullish(v.string()),
  amount: v.nullish(v.number()),
  currency: v.nullish(v.string()),
  type: v.nullish(v.string()),
  created_at: v.nullish(Timestamp),
  updated_at: v.nullish(Timestamp),
})
/** A payout request. */
export type Payout = v.InferOutput<typeof Payout>

/**
 * A payout beneficiary of your payment account (the same name as 2025-01-15's). Uncertain: the 2021-06-01
 * example body was not captured (https://docs.bridgeapi.io/v2021.06.01/reference/payout-beneficiaries);
 * the fields are 2025-01-15's, everything but `id` optional.
 */
export const Beneficiary = v.object({
  /** Pass it to `createPayout`. */
  id: v.string(),
  iban: v.nullish(v.string()),
  bic: v.nullish(v.string()),
  bank_name: v.nullish(v.string()),
  company_name: v.nullish(v.string()),
})
/** A payout beneficiary. */
export type Beneficiary = v.InferOutput<typeof Beneficiary>
