/** The 2021-06-01 categories models, as valibot schemas and their types. */
import * as v from 'valibot'

/** A sub-category inside a {@link ParentCategory}. Ids are shared with 2025-01-15. */
export const ChildCategory = v.object({
  id: v.number(),
  /** Localised by `Accept-Language` (English by default). */
  name: v.string(),
})
/** A sub-category. */
export type ChildCategory = v.InferOutput<typeof ChildCategory>

/** A parent category with its sub-categories, as `GET /v2/categories` lists them. */
export const ParentCategory = v.object({
  id: v.number(),
  name: v.string(),
  categories: v.array(ChildCategory),
})
/** A parent category. */
export type ParentCategory = v.InferOutput<typeof ParentCategory>

/** One category from `GET /v2/categories/{id}`; `parent_id` is `null` for a parent. */
export const Category = v.object({
  id: v.number(),
  name: v.string(),
  parent_id: v.nullish(v.number()),
})
/** A category. */
export type Category = v.InferOutput<typeof Category>
