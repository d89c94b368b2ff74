/** The 2021-06-01 insights models, as valibot schemas and their types. */
import * as v from 'valibot'

/**
 * Spending and income indicators per category (`GET /v2/insights/category`). Uncertain: the
 * reference does not have the schema; the top-level keys come from third-party code, so every one
 * may be missing and their contents are kept as Bridge sends them.
 */
export const CategoryInsights = v.object({
  /** Per category: min, max, mean expense/income over the analysed months. */
  global_kpis: v.nullish(v.unknown()),
  /** Per category and month: frequency and sum. */
  monthly_kpis: v.nullish(v.unknown()),
  oldest_existing_transaction: v.nullish(v.string()),
  fully_analyzed_month: v.nullish(v.number()),
  fully_analyzed_day: v.nullish(v.number()),
  updated_at: v.nullish(v.string()),
})
/** Category insights. */
export type CategoryInsights = v.InferOutput<typeof CategoryInsights>
