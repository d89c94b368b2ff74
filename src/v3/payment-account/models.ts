/** The 2025-01-15 payment account models, as valibot schemas and their types. */
import * as v from 'valibot'
import { PaymentAccountStatus, paymentAccountStatusEnum } from '../../common/payment-account.js'
import { openEnum, Timestamp } from '../../core/schema.js'

/** Refund status (see the payment account statuses; open: any other value passes). */
export const RefundStatus = PaymentAccountStatus
/** A refund status. */
export type RefundStatus = v.InferOutput<typeof RefundStatus>

/** A refund of a payment received on your Bridge payment account. */
export const Refund = v.object({
  /** Refund id (32 hex characters). */
  id: v.string(),
  /** The refunded payment account transaction (UUID). */
  payment_account_transaction_id: v.string(),
  /** Major units (euros, not cents). */
  amount: v.number(),
  /** ISO 4217. */
  currency: v.string(),
  status: RefundStatus,
  /** Why it failed, when it did. */
  status_reason: v.optional(v.string()),
  client_reference: v.optional(v.string()),
  description: v.optional(v.string()),
  created_at: Timestamp,
  updated_at: Timestamp,
})
/** A refund. */
export type Refund = v.InferOutput<typeof Refund>

/** An account you can pay out to, registered in Bridge's dashboard. */
export const Beneficiary = v.object({
  /** Beneficiary id (UUID): pass it to `createPayout`. */
  id: v.string(),
  iban: v.string(),
  bic: v.optional(v.string()),
  bank_name: v.optional(v.string()),
  company_name: v.optional(v.string()),
})
/** A payout beneficiary. */
export type Beneficiary = v.InferOutput<typeof Beneficiary>

/**
 * Payout status: the guides' Created, Processing, In transit, Paid, Canceled, Rejected, Failed in lower case
 * (inferred; `paid` seen), and `fail` (the sandbox, with `status_reason` `insufficient_funds`). Open.
 */
export const PayoutStatus = paymentAccountStatusEnum(['fail'] as const)
/** A payout status. */
export type PayoutStatus = v.InferOutput<typeof PayoutStatus>

/** A transfer from your Bridge payment account to one of your beneficiaries. */
export const Payout = v.object({
  /** Payout id (UUID). */
  id: v.string(),
  beneficiary: Beneficiary,
  status: PayoutStatus,
  /** Why it failed, e.g. `insufficient_funds`. */
  status_reason: v.optional(v.string()),
  client_reference: v.optional(v.string()),
  /** Shown on the beneficiary's statement. */
  label: v.optional(v.string()),
  /** Major units (euros, not cents). */
  amount: v.number(),
  /** ISO 4217. */
  currency: v.string(),
  /** Seen: `manual`; `payout_scheduled` exists in the dashboard. Open. */
  type: v.optional(openEnum(['manual', 'payout_scheduled'] as const)),
  created_at: Timestamp,
  updated_at: Timestamp,
})
/** A payout. */
export type Payout = v.InferOutput<typeof Payout>
