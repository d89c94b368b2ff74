/** The 2021-06-01 transfers models, as valibot schemas and their types. */
import * as v from 'valibot'
import { openEnum, Timestamp } from '../../core/schema.js'

/**
 * Transfer statuses: `submitted`, `pending`, `processing`, `transferring`, `otp_sms_required`,
 * `app2app_validating`, `initiated` (sent to the bank), and final `otp_sms_invalid`,
 * `app2app_expired`, `executed`, `failed` (`succeeded` before July 2021). The documented list was
 * cut short, so any other string passes.
 */
export const TransferStatus = openEnum([
  'submitted',
  'pending',
  'processing',
  'transferring',
  'otp_sms_required',
  'app2app_validating',
  'initiated',
  'otp_sms_invalid',
  'app2app_expired',
  'executed',
  'failed',
  'succeeded',
] as const)
/** A transfer status. */
export type TransferStatus = v.InferOutput<typeof TransferStatus>

/** A transfer beneficiary. */
export const TransferBeneficiary = v.object({
  name: v.nullish(v.string()),
  iban: v.nullish(v.string()),
})
/** A transfer beneficiary. */
export type TransferBeneficiary = v.InferOutput<typeof TransferBeneficiary>

/** A Bridge Transfer ("Bridge Pay") transfer. Amounts in major units. */
export const Transfer = v.object({
  uuid: v.string(),
  amount: v.number(),
  label: v.nullish(v.string()),
  /** The bank's reference, when it gives one. */
  bank_reference: v.nullish(v.string()),
  sender_account_id: v.nullish(v.number()),
  beneficiary: v.nullish(TransferBeneficiary),
  item_id: v.nullish(v.number()),
  status: TransferStatus,
  /** Why it failed, e.g. `expired`, `regulatory_reason`. */
  status_reason: v.nullish(v.string()),
  /** Set when part of a bulk transfer. */
  bulk_transfer_id: v.nullish(v.string()),
  client_reference: v.nullish(v.string()),
  created_at: v.nullish(Timestamp),
  updated_at: v.nullish(Timestamp),
})
/** A transfer. */
export type Transfer = v.InferOutput<typeof Transfer>

/** A transfer inside a {@link BulkTransfer}. */
export const BulkTransferItem = v.object({
  id: v.string(),
  amount: v.number(),
  label: v.nullish(v.string()),
  beneficiary: v.nullish(TransferBeneficiary),
  status: v.nullish(TransferStatus),
  client_reference: v.nullish(v.string()),
  bank_reference: v.nullish(v.string()),
  created_at: v.nullish(Timestamp),
  updated_at: v.nullish(Timestamp),
})
/** A transfer inside a bulk transfer. */
export type BulkTransferItem = v.InferOutput<typeof BulkTransferItem>

/**
 * A bulk transfer. `sender_account_id` is typed "string" by the docs but an integer in their example: both
 * pass.
 */
export const BulkTransfer = v.object({
  id: v.string(),
  item_id: v.nullish(v.number()),
  sender_account_id: v.nullish(v.union([v.number(), v.string()])),
  transfers: v.array(BulkTransferItem),
  status: v.nullish(TransferStatus),
  status_reason: v.nullish(v.string()),
  client_reference: v.nullish(v.string()),
  created_at: v.nullish(Timestamp),
  updated_at: v.nullish(Timestamp),
})
/** A bulk transfer. */
export type BulkTransfer = v.InferOutput<typeof BulkTransfer>

/** The answer to a transfer initiation: send the user to `redirect_url` to confirm it. */
export const TransferUrl = v.object({
  redirect_url: v.string(),
})
/** A transfer confirmation URL. */
export type TransferUrl = v.InferOutput<typeof TransferUrl>

/**
 * An account transfers can be sent from. Uncertain: the schema was not captured; only `id` is
 * required and the rest is kept as Bridge sends it.
 */
export const SenderAccount = v.object({
  id: v.number(),
  name: v.nullish(v.string()),
  iban: v.nullish(v.string()),
  item_id: v.nullish(v.number()),
  bank_id: v.nullish(v.number()),
  balance: v.nullish(v.number()),
  currency_code: v.nullish(v.string()),
})
/** A sender account. */
export type SenderAccount = v.InferOutput<typeof SenderAccount>
