/** The 2025-01-15 categories models, as valibot schemas and their types. */
import * as v from 'valibot'

/** A sub-category, as listed under its parent. Transactions' `category_id` are sub-category ids. */
export const SubCategory = v.object({
  id: v.number(),
  /** Name in the `Accept-Language` language (English by default). */
  name: v.string(),
})
/** A sub-category. */
export type SubCategory = v.InferOutput<typeof SubCategory>

/** A top-level category with its sub-categories (e.g. 168 "Food & Dining" → 83 "Restaurants"…). */
export const ParentCategory = v.object({
  id: v.number(),
  /** Name in the `Accept-Language` language (English by default). */
  name: v.string(),
  categories: v.array(SubCategory),
})
/** A top-level category. */
export type ParentCategory = v.InferOutput<typeof ParentCategory>

/** One category, with its parent's id (absent for a top-level category). */
export const Category = v.object({
  id: v.number(),
  /** Name in the `Accept-Language` language (English by default). */
  name: v.string(),
  parent_id: v.optional(v.number()),
})
/** A category. */
export type Category = v.InferOutput<typeof Category>
