/** The `getCategory` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { IdParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { Category } from './models.js'

/** Parameters of {@link getCategory}. */
export const GetCategoryParams = v.object({
  categoryId: IdParam,
})
/** Parameters of {@link getCategory}. */
export type GetCategoryParams = v.InferInput<typeof GetCategoryParams>

/**
 * Gets one category (`GET /v2/categories/{id}`, client credentials): the Python client's
 * `get_category(id, language)`. The name follows `Accept-Language`: pass `{ language: 'fr' }` as the
 * call option.
 *
 * @param ctx - the context (client credentials).
 * @param params - `categoryId`.
 * @param options - per-call options, e.g. `{ language: 'fr' }`.
 * @returns a task of the {@link Category}.
 * @example
 * ```ts
 * import { createContext, getCategory } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const restaurants = await getCategory(ctx, { categoryId: 83 }, { language: 'en' })()
 * ```
 */
export const getCategory = defineOperation({
  name: 'getCategory',
  api: v2,
  method: 'GET',
  auth: 'client',
  params: GetCategoryParams,
  path: (p) => path`/v2/categories/${p.categoryId}`,
  response: Category,
})
