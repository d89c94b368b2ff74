/** The `getUser` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { User } from './models.js'

/** Parameters of {@link getUser}. */
export const GetUserParams = v.object({
  /** Bridge user uuid. */
  userUuid: PathStringParam,
})
/** Parameters of {@link getUser}. */
export type GetUserParams = v.InferInput<typeof GetUserParams>

/**
 * Gets one user (`GET /v2/users/{uuid}`, client credentials): the Python client's `get_user`.
 *
 * @param ctx - the context (client credentials).
 * @param params - `userUuid`.
 * @returns a task of the {@link User}.
 * @example
 * ```ts
 * import { createContext, getUser } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const user = await getUser(ctx, { userUuid: '998945b4-7f0d-4a0e-9a6b-0e8d3c1b2a11' })()
 * ```
 */
export const getUser = defineOperation({
  name: 'getUser',
  api: v2,
  method: 'GET',
  auth: 'client',
  params: GetUserParams,
  path: (p) => path`/v2/users/${p.userUuid}`,
  response: User,
})
