/** The 2025-01-15 guidance models, as valibot schemas and their types. */
import * as v from 'valibot'
import { EmailParam } from '../../common/params.js'
import { Redacted } from '../../core/redacted.js'
import { openEnum, PathStringParam } from '../../core/schema.js'

/** A financial-guidance domain. Seen: `SAVINGS`, `STF`; the full list is not published (open). */
export const GuidanceDomain = openEnum(['SAVINGS', 'STF'] as const)
/** A guidance domain. */
export type GuidanceDomain = v.InferOutput<typeof GuidanceDomain>

/** Financial guidance for a user, from the analysis of their transactions. */
export const GuidanceHealth = v.object({
  /** Advice text, in the `Accept-Language` language (French by default). */
  message: v.optional(v.string()),
  domains: v.optional(
    v.object({
      /** Domains to show the user. */
      displayed: v.optional(v.array(GuidanceDomain)),
      /** Domains Bridge recommends. */
      recommended: v.optional(v.array(GuidanceDomain)),
    }),
  ),
})
/** Financial guidance for a user. */
export type GuidanceHealth = v.InferOutput<typeof GuidanceHealth>

/**
 * A guidance session: the page where the user reads their guidance, and the password that opens it.
 * The password is a secret (Bridge: keep it ≤ 30 minutes, never in logs): it stays in a {@link Redacted},
 * hidden from `JSON.stringify`, `util.inspect`, `String()` and errors; `password.reveal()` reads it.
 */
export const GuidanceSession = v.object({
  /** Session id (UUID). */
  id: v.string(),
  /** The page to send the user to (`https://guidance.bridgeapi.io/session/<id>`). */
  url: v.string(),
  /** The page's password. */
  password: v.pipe(
    v.string('must be a string'),
    v.transform((password) => new Redacted(password)),
  ),
})
/** A guidance session. */
export type GuidanceSession = v.InferOutput<typeof GuidanceSession>

/**
 * The company and contact fields that guidance consents and guidance sessions share, as the reference pages
 * (createguidanceconsent, createguidancesession) document them.
 */
export const guidanceCompanyEntries = {
  /** The Bridge user (UUID). */
  userUuid: PathStringParam,
  /** ISO 3166-1 alpha-2, upper case, e.g. `FR`. */
  countryCode: v.pipe(
    v.string('must be a string'),
    v.regex(/^[A-Z]{2}$/, 'must be an upper-case country code'),
  ),
  /** The company's identification number: 9 digits (in France, the SIREN). */
  companyIdentificationNumber: v.pipe(
    v.string('must be a string'),
    v.regex(/^\d{9}$/, 'must be 9 digits (e.g. a SIREN)'),
  ),
  /**
   * Language of the guidance content, a lower-case code such as `fr` or `en`; Bridge uses `fr` when absent.
   * Bridge's list of allowed values could not be read, so any two-letter code is sent.
   */
  language: v.optional(
    v.pipe(v.string('must be a string'), v.regex(/^[a-z]{2}$/, 'must be a 2-letter code, e.g. fr')),
  ),
  /** Lets Bridge tell the user a new guidance is ready. */
  contactEmail: v.optional(EmailParam),
  /** E.164, e.g. `+33612345678`; lets Bridge tell the user a new guidance is ready. */
  contactPhoneNumber: v.optional(
    v.pipe(v.string('must be a string'), v.regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number')),
  ),
}

/** Maps {@link guidanceCompanyEntries} to Bridge's snake_case body (absent fields are left out when serialised). */
export const toGuidanceCompanyBody = (p: {
  readonly userUuid: string
  readonly countryCode?: string | undefined
  readonly companyIdentificationNumber: string
  readonly language?: string | undefined
  readonly contactEmail?: string | undefined
  readonly contactPhoneNumber?: string | undefined
}) => ({
  user_uuid: p.userUuid,
  country_code: p.countryCode,
  company_identification_number: p.companyIdentificationNumber,
  language: p.language,
  contact_email: p.contactEmail,
  contact_phone_number: p.contactPhoneNumber,
})
