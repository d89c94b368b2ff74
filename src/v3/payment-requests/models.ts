/** The 2025-01-15 payment requests models, as valibot schemas and their types. */
import * as v from 'valibot'
import { Timestamp } from '../../core/schema.js'
import { PaymentAccountTransaction } from '../payment-links/models.js'
import { PaymentParty, PaymentStatus } from '../payments/models.js'

/** What {@link createPaymentRequest} returns: the request's id and the URL to send the payer to. */
export const PaymentRequestCreated = v.object({
  /** Payment request id (32 hex characters). */
  id: v.string(),
  /** Consent page (`https://pay.bridgeapi.io/payment/<id>/initiate`): redirect the payer there. */
  url: v.string(),
})
/** A newly created payment request. */
export type PaymentRequestCreated = v.InferOutput<typeof PaymentRequestCreated>

/** One transaction of a payment request. */
export const PaymentRequestTransaction = v.object({
  /** Payment transaction id (32 hex characters). */
  id: v.string(),
  status: PaymentStatus,
  /** ISO reason code when rejected (e.g. `NOAS`, `MS03`). */
  status_reason: v.optional(v.string()),
  beneficiary: v.optional(PaymentParty),
  /** Major units (euros, not cents). */
  amount: v.number(),
  /** ISO 4217. */
  currency: v.string(),
  label: v.optional(v.string()),
  end_to_end_id: v.optional(v.string()),
  client_reference: v.optional(v.string()),
  /** Scheduled execution day, `YYYY-MM-DD`. */
  execution_date: v.optional(v.string()),
  /** With a payment account: the money received; its `id` is what a refund takes. */
  payment_account_transaction: v.optional(PaymentAccountTransaction),
  /**
   * The metadata given at creation (https://docs.bridgeapi.io/docs/add-metadata-to-your-payments). Not shown in
   * Bridge's examples, so optional.
   */
  metadata: v.optional(v.record(v.string(), v.string())),
})
/** One transaction of a payment request. */
export type PaymentRequestTransaction = v.InferOutput<typeof PaymentRequestTransaction>

/**
 * The payer's bank. Bridge documents an integer, but one of its own examples sends the string `"574,"`:
 * a string starting with digits is read as that integer, so the field is always a number.
 */
export const LenientProviderId = v.union([
  v.number(),
  v.pipe(
    v.string(),
    v.regex(/^\s*\d+/, 'must be a provider id'),
    v.transform((value) => Number.parseInt(value, 10)),
  ),
])

/** A payment initiation: one or more transactions from the payer's bank account. */
export const PaymentRequest = v.object({
  /** 32 hex characters. */
  id: v.string(),
  /** Overall status; for bulk payments see each transaction's status too. */
  status: PaymentStatus,
  /** ISO reason code when rejected (e.g. `NOAS`). */
  status_reason: v.optional(v.string()),
  /**
   * The payer; `ip_address` is in the 2026 reference transcription's response schema
   * (mindcloud-inc/universal-api-reference `apis/b/bridge/universal-api/openapi.json`, get-payment-request).
   */
  user: v.optional(v.object({ ...PaymentParty.entries, ip_address: v.optional(v.string()) })),
  /** The payer's account, once known (`{}` before). */
  sender: v.optional(v.object({ iban: v.optional(v.string()), name: v.optional(v.string()) })),
  transactions: v.array(PaymentRequestTransaction),
  /** The payer's bank (see {@link LenientProviderId}). */
  provider_id: v.optional(LenientProviderId),
  /** The payment link it came from, if any. */
  payment_link_id: v.optional(v.string()),
  client_reference: v.optional(v.string()),
  created_at: Timestamp,
  updated_at: Timestamp,
})
/** A payment request. */
export type PaymentRequest = v.InferOutput<typeof PaymentRequest>

/**
 * The body of `GET /v3/payment/payment-requests/{id}`: Bridge's example wraps the request in a one-element
 * `resources` list, which may be a documentation artefact. Both shapes are accepted and give a {@link PaymentRequest}.
 */
export const PaymentRequestResponse = v.union([
  PaymentRequest,
  v.pipe(
    v.object({ resources: v.pipe(v.array(PaymentRequest), v.length(1, 'must hold exactly one item')) }),
    v.transform((wrapper) => wrapper.resources[0] as PaymentRequest),
  ),
])
