/** The 2025-01-15 users models, as valibot schemas and their types. */
import * as v from 'valibot'
import { Redacted } from '../../core/redacted.js'
import { Timestamp } from '../../core/schema.js'

/** A Bridge user (2025-01-15): your customer, who connects bank accounts. */
export const User = v.object({
  /** Bridge's id for the user (UUID). */
  uuid: v.string(),
  /** Your own id for the user, when you set one. */
  external_user_id: v.optional(v.string()),
})
/** A Bridge user (2025-01-15). */
export type User = v.InferOutput<typeof User>

/** A user access token as Bridge returns it from `POST /v3/aggregation/authorization/token`. */
export const AuthorizationToken = v.object({
  /** Bearer token for user-level endpoints, hidden in a {@link Redacted} (`.reveal()` reads it). */
  access_token: v.pipe(
    v.string(),
    v.transform((token) => new Redacted(token)),
  ),
  /** ISO 8601 instant after which the token is refused (about 2 hours after creation). */
  expires_at: Timestamp,
  /** The user the token belongs to. */
  user: User,
})
/** A user access token response. */
export type AuthorizationToken = v.InferOutput<typeof AuthorizationToken>

/** `external_user_id` format from Bridge's reference: 1–128 letters, digits, `-` or `_`. */
export const ExternalUserIdParam = v.pipe(
  v.string('must be a string'),
  v.regex(/^[a-zA-Z0-9_-]{1,128}$/, 'must be 1–128 letters, digits, - or _'),
)
