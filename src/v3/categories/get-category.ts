/** The `getCategory` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { IdParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { Category } from './models.js'

/** Parameters of {@link getCategory}. */
export const GetCategoryParams = v.object({
  /** Category id, e.g. 83 (Restaurants). */
  categoryId: IdParam,
})
/** Parameters of {@link getCategory}. */
export type GetCategoryParams = v.InferInput<typeof GetCategoryParams>

/**
 * Gets one category and its parent's id (`GET /v3/aggregation/categories/{id}`, client credentials).
 * The name follows the `language` option (or the context's), sent as `Accept-Language`; English by default.
 *
 * @param ctx - the context (client credentials).
 * @param params - `categoryId`.
 * @param options - e.g. `{ language: 'fr' }`.
 * @returns a task of the {@link Category}.
 * @example
 * ```ts
 * import { createContext, getCategory } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const restaurants = await getCategory(ctx, { categoryId: 83 }, { language: 'en' })()
 * ```
 */
export const getCategory = defineOperation({
  name: 'getCategory',
  api: v3,
  method: 'GET',
  auth: 'client',
  params: GetCategoryParams,
  path: (p) => path`/v3/aggregation/categories/${p.categoryId}`,
  response: Category,
})
