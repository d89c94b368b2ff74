/** The `listCategories` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v2 } from '../api.js'
import { ParentCategory } from './models.js'

/**
 * Lists the category tree (`GET /v2/categories`, client credentials): parents with their
 * sub-categories, the Python client's `list_categories(language)`. Names follow `Accept-Language`:
 * pass `{ language: 'fr' }` as the call option (or set `language` on the context); English otherwise.
 *
 * @param ctx - the context (client credentials).
 * @param params - `limit` and `after` (Bridge sends the whole tree in one page).
 * @param options - per-call options, e.g. `{ language: 'fr' }`.
 * @returns a lazy async iterable of `Either<BridgeError, ParentCategory>`.
 * @example
 * ```ts
 * import { collect, createContext, listCategories } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const tree = await collect(listCategories(ctx, {}, { language: 'fr' }), { max: 100 })()
 * ```
 */
export const listCategories = defineListOperation({
  name: 'listCategories',
  api: v2,
  auth: 'client',
  params: v.object({}),
  path: () => '/v2/categories',
  item: ParentCategory,
})
