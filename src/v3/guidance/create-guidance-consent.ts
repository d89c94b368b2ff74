/** The `createGuidanceConsent` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { v3 } from '../api.js'
import { guidanceCompanyEntries, toGuidanceCompanyBody } from './models.js'

/**
 * Parameters of {@link createGuidanceConsent}: the user and 9-digit company number are required;
 * `countryCode`, `language` (Bridge's default `fr`, from the reference page createguidanceconsent) and the
 * contacts are optional. `country_code` is optional in the 2026 reference transcription
 * (mindcloud-inc/universal-api-reference, `apis/b/bridge/native-api/actions/collect-user-consent-for-guidance-services.md`,
 * "no"), which is newer than the reference page that required it.
 */
export const CreateGuidanceConsentParams = v.object({
  ...guidanceCompanyEntries,
  countryCode: v.optional(guidanceCompanyEntries.countryCode),
})
/** Parameters of {@link createGuidanceConsent}. */
export type CreateGuidanceConsentParams = v.InferInput<typeof CreateGuidanceConsentParams>

/**
 * Records a user's consent to financial guidance, for eligible partners (`POST /v3/guidance/consents`,
 * client credentials; 200 with an empty body). An unknown user is an `ApiError` 404 with an empty body.
 *
 * @param ctx - the context (client credentials).
 * @param params - `userUuid`, `companyIdentificationNumber`, optional `countryCode`, `language` and contacts.
 * @returns a task of `undefined` once recorded.
 * @example
 * ```ts
 * import { createContext, createGuidanceConsent } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * await createGuidanceConsent(ctx, {
 *   userUuid: '9113349b-3868-4e6f-8d68-8ea260132e1d',
 *   countryCode: 'FR',
 *   companyIdentificationNumber: '529196313',
 *   language: 'en',
 *   contactEmail: 'contact@example.com',
 * })()
 * ```
 */
export const createGuidanceConsent = defineOperation({
  name: 'createGuidanceConsent',
  api: v3,
  method: 'POST',
  auth: 'client',
  params: CreateGuidanceConsentParams,
  path: () => '/v3/guidance/consents',
  body: toGuidanceCompanyBody,
  response: null,
})
