/** The 2025-01-15 stocks models, as valibot schemas and their types. */
import * as v from 'valibot'
import { DateString, Timestamp } from '../../core/schema.js'

/** A security (share, fund…) held in an investment account. Amounts in the stock's currency, major units. */
export const Stock = v.object({
  id: v.number(),
  /** The investment account holding it. */
  account_id: v.number(),
  /** Name of the security. */
  label: v.string(),
  ticker: v.optional(v.string()),
  /** Market place; Bridge's example sends the string `"null"` when unknown. */
  marketplace: v.optional(v.string()),
  isin: v.optional(v.string()),
  /** Bridge's key for the security, e.g. `US30303M1027-FACEBOOK--USD`. */
  stock_key: v.optional(v.string()),
  /** Price of one unit at `value_date`. */
  current_price: v.optional(v.number()),
  /** ISO 4217. */
  currency_code: v.string(),
  /** Units held. */
  quantity: v.optional(v.number()),
  /** `quantity` × `current_price`. */
  total_value: v.optional(v.number()),
  average_purchase_price: v.optional(v.number()),
  /** Day of the valuation, `YYYY-MM-DD`. */
  value_date: v.optional(DateString),
  /** Soft-deleted: remove it on your side. */
  deleted: v.boolean(),
  created_at: Timestamp,
  /** Last change: use it with `since` for incremental sync. */
  updated_at: Timestamp,
})
/** A stock. */
export type Stock = v.InferOutput<typeof Stock>
