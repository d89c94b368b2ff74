/** The 2021-06-01 transactions models, as valibot schemas and their types. */
import * as v from 'valibot'
import { DateParam, DateString, DateTimeParam, Timestamp } from '../../core/schema.js'

/**
 * A transaction (2021-06-01). `amount` is a JSON number in major units: positive credit, negative debit.
 */
export const Transaction = v.object({
  id: v.number(),
  /** Label cleaned by Bridge. */
  clean_description: v.string(),
  /** Label as the bank gives it. */
  bank_description: v.nullish(v.string()),
  amount: v.number(),
  /** Transaction date, `YYYY-MM-DD`. */
  date: DateString,
  /** May be absent. */
  booking_date: v.nullish(DateString),
  transaction_date: v.nullish(DateString),
  value_date: v.nullish(DateString),
  updated_at: Timestamp,
  /** ISO 4217, upper case. */
  currency_code: v.string(),
  /** `true` on rows of the updated lists that were deleted since. */
  is_deleted: v.nullish(v.boolean()),
  category_id: v.nullish(v.number()),
  account_id: v.number(),
  /** Will be debited later; does not count in the balance yet. */
  is_future: v.nullish(v.boolean()),
  /** `false` for deferred-debit card rows once booked on the checking account. */
  show_client_side: v.nullish(v.boolean()),
})
/** A transaction. */
export type Transaction = v.InferOutput<typeof Transaction>

/**
 * Date filters of the transaction lists: `since` and `until` are calendar days (`YYYY-MM-DD` or a `Date`).
 */
export const DateRangeParams = {
  /** Transactions dated on or after this day. */
  since: v.optional(DateParam),
  /** Transactions dated on or before this day. */
  until: v.optional(DateParam),
}

/** Filter of the "updated" lists: rows created, changed or deleted after this instant. */
export const UpdatedSinceParams = {
  /** An ISO 8601 instant or a `Date` (sent in UTC). */
  since: v.optional(DateTimeParam),
}
