/** The `getGuidanceHealth` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { GuidanceHealth } from './models.js'

/** Parameters of {@link getGuidanceHealth}. */
export const GetGuidanceHealthParams = v.object({
  /** The Bridge user (UUID). */
  userUuid: PathStringParam,
})
/** Parameters of {@link getGuidanceHealth}. */
export type GetGuidanceHealthParams = v.InferInput<typeof GetGuidanceHealthParams>

/**
 * Gets financial guidance for a user, for eligible partners (`GET /v3/guidance/health/{user_uuid}`, client
 * credentials). The message is in the `language` call option's (or the context's) language, French by default.
 *
 * @param ctx - the context (client credentials).
 * @param params - `userUuid`.
 * @returns a task of the {@link GuidanceHealth}; an unknown user is an `ApiError` 404 with an empty body.
 * @example
 * ```ts
 * import { createContext, getGuidanceHealth } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const health = await getGuidanceHealth(ctx, { userUuid: '9113349b-3868-4e6f-8d68-8ea260132e1d' }, { language: 'en' })()
 * ```
 */
export const getGuidanceHealth = defineOperation({
  name: 'getGuidanceHealth',
  api: v3,
  method: 'GET',
  auth: 'client',
  params: GetGuidanceHealthParams,
  path: (p) => path`/v3/guidance/health/${p.userUuid}`,
  response: GuidanceHealth,
})
