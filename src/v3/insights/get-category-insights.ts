/** The `getCategoryInsights` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { v3 } from '../api.js'
import { CategoryInsights } from './models.js'

/**
 * Gets per-category insights on the user's transactions (`GET /v3/aggregation/insights/category`, user token).
 *
 * @param ctx - a context with a `user`.
 * @returns a task of the {@link CategoryInsights}.
 * @example
 * ```ts
 * import { createContext, getCategoryInsights } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * const insights = await getCategoryInsights(ctx)()
 * ```
 */
export const getCategoryInsights = defineOperation({
  name: 'getCategoryInsights',
  api: v3,
  method: 'GET',
  auth: 'user',
  params: v.object({}),
  path: () => '/v3/aggregation/insights/category',
  response: CategoryInsights,
})
