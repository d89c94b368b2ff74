/** The `revokeGuidanceConsent` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v3 } from '../api.js'

/** Parameters of {@link revokeGuidanceConsent}. */
export const RevokeGuidanceConsentParams = v.object({
  /** The Bridge user (UUID) whose guidance consent is revoked. */
  userUuid: PathStringParam,
})
/** Parameters of {@link revokeGuidanceConsent}. */
export type RevokeGuidanceConsentParams = v.InferInput<typeof RevokeGuidanceConsentParams>

/**
 * Revokes a user's guidance consent, for eligible partners (`DELETE /v3/guidance/consents/{uuid}`, client
 * credentials; 204). This irreversibly deletes the user's guidance data (analyses, advice, indicators) for
 * every company; other data stays. Bridge answers 401 for an unknown user and 403 when your application may
 * not revoke it. The stored copy of the reference page (docs.bridgeapi.io/reference/deleteguidanceconsent)
 * shows the method, the `uuid` path parameter and the answers but not the path: the path follows
 * `POST /v3/guidance/consents`.
 *
 * @param ctx - the context (client credentials).
 * @param params - `userUuid`.
 * @returns a task of `undefined` once revoked.
 * @example
 * ```ts
 * import { createContext, revokeGuidanceConsent } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * await revokeGuidanceConsent(ctx, { userUuid: '9113349b-3868-4e6f-8d68-8ea260132e1d' })()
 * ```
 */
export const revokeGuidanceConsent = defineOperation({
  name: 'revokeGuidanceConsent',
  api: v3,
  method: 'DELETE',
  auth: 'client',
  params: RevokeGuidanceConsentParams,
  path: (p) => path`/v3/guidance/consents/${p.userUuid}`,
  response: null,
})
