/** The 2025-01-15 insights models, as valibot schemas and their types. */
import * as v from 'valibot'
import { DateString } from '../../core/schema.js'

/** Spending figures of one category over the analysed period. Amounts in major units. */
export const GlobalCategoryKpi = v.object({
  /** Category id. */
  id: v.number(),
  aggregates: v.object({
    monetary_max: v.optional(v.number()),
    monetary_mean: v.optional(v.number()),
    monetary_min: v.optional(v.number()),
  }),
})
/** Figures of one category over the analysed period. */
export type GlobalCategoryKpi = v.InferOutput<typeof GlobalCategoryKpi>

/** Figures of one category within a month. */
export const MonthlyCategoryKpi = v.object({
  /** Category id. */
  id: v.number(),
  aggregates: v.object({
    /** Total amount, major units. */
    monetary_sum: v.optional(v.number()),
    /** Number of transactions. */
    frequency: v.optional(v.number()),
  }),
})
/** Figures of one category within a month. */
export type MonthlyCategoryKpi = v.InferOutput<typeof MonthlyCategoryKpi>

/** Per-category insights on a user's transactions. Fields may be omitted when Bridge has nothing to say. */
export const CategoryInsights = v.object({
  /** Date of the user's oldest transaction, `YYYY-MM-DD`. */
  oldest_existing_transaction: v.optional(DateString),
  /** Number of months fully analysed. */
  fully_analyzed_month: v.optional(v.number()),
  /** Number of days fully analysed. */
  fully_analyzed_day: v.optional(v.number()),
  /** Number of transactions flagged as risky. */
  risky_transactions: v.optional(v.number()),
  kpis: v.optional(
    v.object({
      global: v.optional(v.object({ categories: v.array(GlobalCategoryKpi) })),
      /** One entry per (rolling) month, `from`/`to` as `YYYY-MM-DD`. */
      monthly: v.optional(
        v.array(
          v.object({
            from: v.optional(DateString),
            to: v.optional(DateString),
            categories: v.array(MonthlyCategoryKpi),
          }),
        ),
      ),
    }),
  ),
})
/** Per-category insights. */
export type CategoryInsights = v.InferOutput<typeof CategoryInsights>
