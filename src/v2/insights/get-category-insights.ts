/** The `getCategoryInsights` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { v2 } from '../api.js'
import { CategoryInsights } from './models.js'

/** Parameters of {@link getCategoryInsights}. */
export const GetCategoryInsightsParams = v.object({
  /** Number of full months to analyse, 1–3 (Bridge's default: 3). */
  fullyAnalyzedMonth: v.optional(
    v.pipe(
      v.number('must be a number'),
      v.integer('must be an integer'),
      v.minValue(1, 'must be ≥ 1'),
      v.maxValue(3, 'must be ≤ 3'),
    ),
  ),
})
/** Parameters of {@link getCategoryInsights}. */
export type GetCategoryInsightsParams = v.InferInput<typeof GetCategoryInsightsParams>

/**
 * Gets the user's spending and income indicators per category (`GET /v2/insights/category`, user
 * token; a module Bridge activates). Uncertain: the response schema is not documented, so it is
 * typed loosely (see {@link CategoryInsights}).
 *
 * @param ctx - a context with a `user`.
 * @param params - `fullyAnalyzedMonth` (1–3).
 * @returns a task of the {@link CategoryInsights}.
 * @example
 * ```ts
 * import { createContext, getCategoryInsights } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const insights = await getCategoryInsights(ctx, { fullyAnalyzedMonth: 3 })()
 * ```
 */
export const getCategoryInsights = defineOperation({
  name: 'getCategoryInsights',
  api: v2,
  method: 'GET',
  auth: 'user',
  params: GetCategoryInsightsParams,
  path: () => '/v2/insights/category',
  query: (p) => ({ fully_analyzed_month: p.fullyAnalyzedMonth }),
  response: CategoryInsights,
})
