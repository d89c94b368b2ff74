/** The 2021-06-01 stocks models, as valibot schemas and their types. */
import * as v from 'valibot'
import { DateString, Timestamp } from '../../core/schema.js'

/** A security held in a brokerage or savings-plan account. Prices in major units of `currency_code`. */
export const Stock = v.object({
  id: v.number(),
  /** Unit price on `value_date`. */
  current_price: v.nullish(v.number()),
  quantity: v.nullish(v.number()),
  /** `current_price × quantity`. */
  total_value: v.nullish(v.number()),
  average_purchase_price: v.nullish(v.number()),
  updated_at: v.nullish(Timestamp),
  /** e.g. `AAPL`. */
  ticker: v.nullish(v.string()),
  stock_key: v.nullish(v.string()),
  /** When it was added to the portfolio. */
  created_at: v.nullish(Timestamp),
  isin: v.nullish(v.string()),
  currency_code: v.nullish(v.string()),
  marketplace: v.nullish(v.string()),
  label: v.nullish(v.string()),
  /** Date of `current_price`. */
  value_date: v.nullish(DateString),
  /** `true` on rows of the updated list that were deleted since. */
  is_deleted: v.nullish(v.boolean()),
  account_id: v.number(),
})
/** A security. */
export type Stock = v.InferOutput<typeof Stock>
