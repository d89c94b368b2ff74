import * as v from 'valibot'
import { EmailParam } from '../../common/params.js'
import { defineOperation } from '../../core/operation.js'
import { PathStringParam } from '../../core/schema.js'
import { v3 } from '../api.js'

/**
 * Parameters of {@link createGuidanceConsent}. Bridge's example sends all five fields and does not say which
 * are required; the user, country and company number are required here, the contacts optional.
 */
export const CreateGuidanceConsentParams = v.object({
  /** The Bridge user (UUID). */
  userUuid: PathStringParam,
  /** ISO 3166-1 alpha-2, upper case, e.g. `FR`. */
  countryCode: v.pipe(
    v.string('must be a string'),
    v.regex(/^[A-Z]{2}$/, 'must be an upper-case country code'),
  ),
  /** The company's registration number (in France, the 9-digit SIREN). */
  companyIdentificationNumber: v.pipe(
    v.string('must be a string'),
    v.regex(/^[A-Za-z0-9]{1,30}$/, 'must be 1–30 letters or digits'),
  ),
  contactEmail: v.optional(EmailParam),
  /** E.164, e.g. `+33612345678`. */
  contactPhoneNumber: v.optional(
    v.pipe(v.string('must be a string'), v.regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number')),
  ),
})
/** Parameters of {@link createGuidanceConsent}. */
export type CreateGuidanceConsentParams = v.InferInput<typeof CreateGuidanceConsentParams>

/**
 * Records a user's consent to financial guidance, for eligible partners (`POST /v3/guidance/consents`,
 * client credentials; 200 with an empty body). An unknown user is an `ApiError` 404 with an empty body.
 *
 * @param ctx - the context (client credentials).
 * @param params - `userUuid`, `countryCode`, `companyIdentificationNumber`, optional contacts.
 * @returns a task of `undefined` once recorded.
 * @example
 * ```ts
 * import { createContext, createGuidanceConsent } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * await createGuidanceConsent(ctx, {
 *   userUuid: '9113349b-3868-4e6f-8d68-8ea260132e1d',
 *   countryCode: 'FR',
 *   companyIdentificationNumber: '529196313',
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
  body: (p) => ({
    user_uuid: p.userUuid,
    country_code: p.countryCode,
    company_identification_number: p.companyIdentificationNumber,
    contact_email: p.contactEmail,
    contact_phone_number: p.contactPhoneNumber,
  }),
  response: null,
})
