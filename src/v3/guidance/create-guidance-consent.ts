import * as v from 'valibot'
import { defineOperation } from '../../core/operation.js'
import { v3 } from '../api.js'
import { guidanceCompanyEntries, toGuidanceCompanyBody } from './models.js'

/**
 * Parameters of {@link createGuidanceConsent}, as the reference page (createguidanceconsent) lists them:
 * the user, country and 9-digit company number are required; `language` (Bridge's default `fr`) and the
 * contacts are optional.
 */
export const CreateGuidanceConsentParams = v.object(guidanceCompanyEntries)
/** Parameters of {@link createGuidanceConsent}. */
export type CreateGuidanceConsentParams = v.InferInput<typeof CreateGuidanceConsentParams>

/**
 * Records a user's consent to financial guidance, for eligible partners (`POST /v3/guidance/consents`,
 * client credentials; 200 with an empty body). An unknown user is an `ApiError` 404 with an empty body.
 *
 * @param ctx - the context (client credentials).
 * @param params - `userUuid`, `countryCode`, `companyIdentificationNumber`, optional `language` and contacts.
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
