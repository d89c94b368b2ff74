/** The `createAuthorizationToken` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { PathStringParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { AuthorizationToken, ExternalUserIdParam } from '../users/models.js'

/** Parameters of {@link createAuthorizationToken}: one of `userUuid` or `externalUserId`. */
export const CreateAuthorizationTokenParams = v.union(
  [v.strictObject({ userUuid: PathStringParam }), v.strictObject({ externalUserId: ExternalUserIdParam })],
  'give either userUuid or externalUserId',
)
/** Parameters of {@link createAuthorizationToken}. */
export type CreateAuthorizationTokenParams = v.InferInput<typeof CreateAuthorizationTokenParams>

/**
 * Mints a user access token (`POST /v3/aggregation/authorization/token`, client credentials).
 * You rarely need this: user-level endpoints obtain, store and renew tokens by themselves.
 * Use it to hand a token to another system; the token is {@link Redacted} in the result.
 *
 * @param ctx - the context (client credentials).
 * @param params - `userUuid` or `externalUserId`.
 * @returns a task of the {@link AuthorizationToken}.
 * @example
 * ```ts
 * import { createAuthorizationToken, createContext } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const token = await createAuthorizationToken(ctx, { externalUserId: 'customer-42' })()
 * ```
 */
export const createAuthorizationToken = defineOperation({
  name: 'createAuthorizationToken',
  api: v3,
  method: 'POST',
  auth: 'client',
  params: CreateAuthorizationTokenParams,
  path: () => '/v3/aggregation/authorization/token',
  body: (p) => ('userUuid' in p ? { user_uuid: p.userUuid } : { external_user_id: p.externalUserId }),
  response: AuthorizationToken,
  idempotent: true,
  returnsCredential: true,
})
