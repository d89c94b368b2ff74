/** The 2021-06-01 users models, as valibot schemas and their types. */
import * as v from 'valibot'
import { Redacted } from '../../core/redacted.js'
import { Timestamp } from '../../core/schema.js'

/**
 * A Bridge user (2021-06-01). Legacy users carry their `email`; users created without one carry an
 * `external_user_id` when you set one. Either may be absent or `null`.
 */
export const User = v.object({
  /** Bridge's id for the user (UUID). */
  uuid: v.string(),
  /** Legacy e-mail/password users only. */
  email: v.nullish(v.string()),
  /** Your own id for the user, when you set one. */
  external_user_id: v.nullish(v.string()),
})
/** A Bridge user. */
export type User = v.InferOutput<typeof User>

/** The answer of `POST /v2/authenticate`: a user token (hidden in a {@link Redacted}) and its user. */
export const UserAuthInfo = v.object({
  /** Bearer token for user-level endpoints; `.reveal()` reads it. */
  access_token: v.pipe(
    v.string(),
    v.transform((token) => new Redacted(token)),
  ),
  /** ISO 8601 instant (UTC) after which the token is refused: two hours after creation. */
  expires_at: Timestamp,
  user: User,
})
/** A user token response. */
export type UserAuthInfo = v.InferOutput<typeof UserAuthInfo>

/** Whether the user confirmed their e-mail address (`GET /v2/users/me/email/confirmation`). */
export const EmailValidation = v.object({
  /** Always `email`. */
  name: v.string(),
  is_confirmed: v.boolean(),
})
/** E-mail confirmation status. */
export type EmailValidation = v.InferOutput<typeof EmailValidation>

const passwordLength = v.check<string, string>(
  (value) => value.length >= 6 && value.length <= 71,
  'must be 6 to 71 characters',
)

/**
 * A legacy user's password (6–71 characters), as a string or a {@link Redacted}. The messages of
 * its checks never quote the value, so it cannot leak through an `InputValidationError`.
 */
export const PasswordParam = v.union(
  [
    v.pipe(v.string('must be a string'), passwordLength),
    v.pipe(
      v.instance(Redacted, 'must be a string or a Redacted'),
      v.transform((secret) => secret.reveal()),
      passwordLength,
    ),
  ],
  'must be a string of 6 to 71 characters, or a Redacted',
)

/** `external_user_id` format: 1–128 letters, digits, `-` or `_`. */
export const ExternalUserIdParam = v.pipe(
  v.string('must be a string'),
  v.regex(/^[a-zA-Z0-9_-]{1,128}$/, 'must be 1–128 letters, digits, - or _'),
)
