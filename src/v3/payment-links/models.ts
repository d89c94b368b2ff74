/** The 2025-01-15 payment links models, as valibot schemas and their types. */
import * as v from 'valibot'
import { DateString, openEnum, Timestamp } from '../../core/schema.js'
import { PaymentParty } from '../payments/models.js'

/** What {@link createPaymentLink} returns: the link's id and the URL to send the payer to. */
export const PaymentLinkCreated = v.object({
  /** Payment link id (UUID). */
  id: v.string(),
  /** Hosted payment page (`https://pay.bridgeapi.io/link/...`): send the payer there. */
  url: v.string(),
})
/** A newly created payment link. */
export type PaymentLinkCreated = v.InferOutput<typeof PaymentLinkCreated>

/**
 * Payment link status: `valid` (usable, nothing initiated), `expired` (final), `revoked` (final),
 * `completed` (final: a payment was initiated; check its payment request for execution). Open: new values pass.
 */
export const PaymentLinkStatus = openEnum(['valid', 'expired', 'revoked', 'completed'] as const)
/** A payment link status. */
export type PaymentLinkStatus = v.InferOutput<typeof PaymentLinkStatus>

/** Payment progress of a link. Seen: `in_progress`, `not_paid`, `initiated_in_success`; the full list is not published. */
export const PaymentLinkPaymentStatus = openEnum(['in_progress', 'not_paid', 'initiated_in_success'] as const)
/** A payment link's payment status. */
export type PaymentLinkPaymentStatus = v.InferOutput<typeof PaymentLinkPaymentStatus>

/** One transaction of a payment link. */
export const PaymentLinkTransaction = v.object({
  /** Major units (euros, not cents). */
  amount: v.number(),
  /** ISO 4217. */
  currency: v.string(),
  /** Label shown to the payer's bank. */
  label: v.optional(v.string()),
  /** Scheduled execution day, `YYYY-MM-DD`. */
  execution_date: v.optional(DateString),
  end_to_end_id: v.optional(v.string()),
  client_reference: v.optional(v.string()),
  beneficiary: v.optional(PaymentParty),
})
/** One transaction of a payment link. */
export type PaymentLinkTransaction = v.InferOutput<typeof PaymentLinkTransaction>

/**
 * Where the money of a payment link stands on your payment account (docs.bridgeapi.io/docs/fund-information-status):
 * `unpaid` first; `underpaid`, `paid`, `overpaid` once money was received (under/over only with manual
 * transfers); then possibly `pending_refund`, `refunded`, `partially_refunded`, `recalled`. Open: new values pass.
 */
export const FundStatus = openEnum([
  'unpaid',
  'underpaid',
  'paid',
  'overpaid',
  'pending_refund',
  'refunded',
  'partially_refunded',
  'recalled',
] as const)
/** A payment link's fund status. */
export type FundStatus = v.InferOutput<typeof FundStatus>

/**
 * A transaction received on your payment account. Its `id` is what {@link createRefund} takes as
 * `paymentAccountTransactionId`. Seen status: `received` (open: other values pass).
 */
export const PaymentAccountTransaction = v.object({
  /** UUID. */
  id: v.string(),
  status: v.optional(openEnum(['received'] as const)),
  /** Major units. */
  amount: v.optional(v.number()),
})
/** A payment account transaction. */
export type PaymentAccountTransaction = v.InferOutput<typeof PaymentAccountTransaction>

/** Money received for a payment link on your payment account (payment-account apps only). */
export const FundInformation = v.object({
  status: FundStatus,
  /** Several with manual transfers. */
  payment_account_transactions: v.optional(v.array(PaymentAccountTransaction)),
})
/** A payment link's fund information. */
export type FundInformation = v.InferOutput<typeof FundInformation>

/** A payment link: a hosted payment page the payer opens; each attempt creates a payment request. */
export const PaymentLink = v.object({
  /** UUID. */
  id: v.string(),
  status: PaymentLinkStatus,
  payment_status: v.optional(PaymentLinkPaymentStatus),
  /** The payer. */
  user: v.optional(PaymentParty),
  /** The hosted page (`https://pay.bridgeapi.io/link/<64 hex>`). */
  link: v.string(),
  client_reference: v.optional(v.string()),
  transactions: v.array(PaymentLinkTransaction),
  /** With a payment account: the money received for the link. */
  fund_information: v.optional(FundInformation),
  /** ISO 8601 instant after which the link is `expired` (default: 15 minutes after creation). */
  expired_at: v.optional(Timestamp),
  created_at: Timestamp,
  updated_at: Timestamp,
})
/** A payment link. */
export type PaymentLink = v.InferOutput<typeof PaymentLink>
