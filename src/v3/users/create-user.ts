/** The `createUser` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { v3 } from '../api.js'
import { ExternalUserIdParam, User } from './models.js'

/** Parameters of {@link createUser}. */
export const CreateUserParams = v.object({
  /** Your own id for the user (1–128 letters, digits, `-`, `_`). */
  externalUserId: v.optional(ExternalUserIdParam),
})
/** Parameters of {@link createUser}. */
export type CreateUserParams = v.InferInput<typeof CreateUserParams>

/**
 * Creates a Bridge user (`POST /v3/aggregation/users`, client credentials).
 *
 * @param ctx - the context (client credentials).
 * @param params - optional `externalUserId`, your id for the user.
 * @returns a task of the created {@link User}.
 * @example
 * ```ts
 * import { createContext, createUser } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const user = await createUser(ctx, { externalUserId: 'customer-42' })()
 * ```
 */
export const createUser = defineOperation({
  name: 'createUser',
  api: v3,
  method: 'POST',
  auth: 'client',
  params: CreateUserParams,
  path: () => '/v3/aggregation/users',
  body: (p) => (p.externalUserId === undefined ? {} : { external_user_id: p.externalUserId }),
  response: User,
})
