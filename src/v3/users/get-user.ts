/** The `getUser` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { User } from './models.js'

/** Parameters of {@link getUser}. */
export const GetUserParams = v.object({
  /** Bridge user uuid. */
  userUuid: PathStringParam,
})
/** Parameters of {@link getUser}. */
export type GetUserParams = v.InferInput<typeof GetUserParams>

/**
 * Gets one user (`GET /v3/aggregation/users/{uuid}`, client credentials).
 *
 * @param ctx - the context (client credentials).
 * @param params - `userUuid`.
 * @returns a task of the {@link User}; a 404 is an `ApiError` with code `user.not_found`.
 * @example
 * ```ts
 * import { createContext, getUser } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const user = await getUser(ctx, { userUuid: 'de305d54-75b4-431b-adb2-eb6b9e546014' })()
 * ```
 */
export const getUser = defineOperation({
  name: 'getUser',
  api: v3,
  method: 'GET',
  auth: 'client',
  params: GetUserParams,
  path: (p) => path`/v3/aggregation/users/${p.userUuid}`,
  response: User,
})
