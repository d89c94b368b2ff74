/** The `listCategories` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v3 } from '../api.js'
import { ParentCategory } from './models.js'

/**
 * Lists the category tree (`GET /v3/aggregation/categories`, client credentials; a feature Bridge activates
 * on request): top-level categories, each with its sub-categories. Names follow the `language` option
 * (or the context's), sent as `Accept-Language`; English by default.
 *
 * @param ctx - the context (client credentials).
 * @param params - `limit` and `after`.
 * @param options - e.g. `{ language: 'fr' }`.
 * @returns a lazy async iterable of `Either<BridgeError, ParentCategory>`.
 * @example
 * ```ts
 * import { createContext, listCategories } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * for await (const parent of listCategories(ctx, {}, { language: 'fr' })) {
 *   if (parent._tag === 'Left') break
 *   console.log(parent.right.name, parent.right.categories.length)
 * }
 * ```
 */
export const listCategories = defineListOperation({
  name: 'listCategories',
  api: v3,
  auth: 'client',
  params: v.object({}),
  path: () => '/v3/aggregation/categories',
  item: ParentCategory,
})
