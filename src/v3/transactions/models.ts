/** The 2025-01-15 transactions models, as valibot schemas and their types. */
import * as v from 'valibot'
import { DateString, openEnum, Timestamp } from '../../core/schema.js'

/** An operation on an account (2025-01-15). */
export const Transaction = v.object({
  /** Large integer id (up to 14 digits, below 2^53). */
  id: v.number(),
  /** Cleaned, human-readable label. */
  clean_description: v.optional(v.string()),
  /** Raw label from the bank (2021-06-01: `bank_description`). */
  provider_description: v.optional(v.string()),
  /** Signed amount in major units: negative = debit, positive = credit. */
  amount: v.number(),
  /** ISO 4217, upper case. */
  currency_code: v.string(),
  /** Reference date, `YYYY-MM-DD`. */
  date: DateString,
  booking_date: v.optional(DateString),
  transaction_date: v.optional(DateString),
  value_date: v.optional(DateString),
  /** Last change on Bridge's side: use it with `since` for incremental sync. */
  updated_at: Timestamp,
  /** Soft-deleted: remove it on your side. */
  deleted: v.optional(v.boolean()),
  /** A future or pending operation. */
  future: v.optional(v.boolean()),
  /** Sub-category id (see categories). */
  category_id: v.optional(v.number()),
  /** Seen: `card`; the full list is not published. */
  operation_type: v.optional(openEnum(['card'] as const)),
  account_id: v.number(),
  /** Links the transaction to a Bridge payment (get by id only). */
  bridge_payment_information: v.optional(
    v.object({
      payment_request_id: v.optional(v.string()),
      payment_link_id: v.optional(v.string()),
      payment_transaction_id: v.optional(v.string()),
    }),
  ),
})
/** A transaction. */
export type Transaction = v.InferOutput<typeof Transaction>
