/** Refund and payout inputs shared by both API versions. */
import * as v from 'valibot'
import { openEnum, TextParam } from '../core/schema.js'
import { AmountParam } from './params.js'

/*
 * Refund and payout inputs: both API versions document the same fields and limits for them
 * (docs.bridgeapi.io/docs/refund-your-customers-from-api and payouts-from-api, in each version's pages).
 */

/** What a refund takes, in either version. */
export const RefundParams = v.object({
  /**
   * The received payment account transaction to refund (UUID): `transactions[].payment_account_transaction.id`
   * of a payment request, or `fund_information.payment_account_transactions[].id` of a payment link.
   */
  paymentAccountTransactionId: TextParam(64),
  /** Major units, > 0, at most 2 decimals; up to the amount received (a partial refund is allowed). */
  amount: AmountParam,
  /** Your reference (≤ 100 characters). */
  clientReference: v.optional(TextParam(100)),
  /** Why you refund (≤ 140 characters, Bridge's refund guide). */
  description: v.optional(TextParam(140)),
})

/** Maps {@link RefundParams} to Bridge's body (absent fields are left out when serialised). */
export const toRefundBody = (p: v.InferOutput<typeof RefundParams>) => ({
  payment_account_transaction_id: p.paymentAccountTransactionId,
  amount: p.amount,
  client_reference: p.clientReference,
  description: p.description,
})

/** What a payout takes, in either version. */
export const PayoutParams = v.object({
  /** A beneficiary of your payment account (UUID). */
  beneficiaryId: TextParam(64),
  /** Major units, > 0, at most 2 decimals. */
  amount: AmountParam,
  /** Shown on the bank statement (1–140 characters). */
  label: TextParam(140),
  /** Your reference, not sent to the bank (≤ 100 characters). */
  clientReference: v.optional(TextParam(100)),
})

/** Maps {@link PayoutParams} to Bridge's body (absent fields are left out when serialised). */
export const toPayoutBody = (p: v.InferOutput<typeof PayoutParams>) => ({
  beneficiary_id: p.beneficiaryId,
  amount: p.amount,
  label: p.label,
  client_reference: p.clientReference,
})

/**
 * The statuses Bridge's refund and payout guides name, in lower case: Created, Processing, In transit, Paid,
 * Canceled, Rejected, Failed (the 2025-01-15 examples show `paid`; the others are inferred, not all seen).
 */
const PAYMENT_ACCOUNT_STATUSES = [
  'created',
  'processing',
  'in_transit',
  'paid',
  'canceled',
  'rejected',
  'failed',
] as const

/**
 * An open enum of the guides' statuses and `extra`: one list for refunds and payouts of both versions.
 *
 * @param extra - the values only one kind has (refunds: `recalled`; payouts: the sandbox's `fail`).
 * @returns a schema that takes any string and types the known values.
 */
/* @__NO_SIDE_EFFECTS__ */ export const paymentAccountStatusEnum = <const T extends readonly string[]>(
  extra: T,
) => openEnum([...PAYMENT_ACCOUNT_STATUSES, ...extra] as const)

/** Refund and payout statuses of both versions: the guides' statuses and `recalled` (refunds). Open: any other value passes. */
export const PaymentAccountStatus = paymentAccountStatusEnum(['recalled'] as const)
