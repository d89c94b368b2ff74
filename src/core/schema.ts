/** Shared valibot building blocks for parameters and models. */
import * as v from 'valibot'

/**
 * Shared valibot building blocks for parameters and models.
 * Response models use `v.object`: fields Bridge adds later still validate but are stripped, so the public
 * types stay exact (a typo in a field does not compile); the raw body keeps them (`withResponse`, `Page.response`).
 */

/** A numeric Bridge id (item, account, transaction, provider, category…): a safe non-negative integer. */
export const IdParam = v.pipe(
  v.number('must be a number'),
  v.integer('must be an integer'),
  v.minValue(0, 'must be ≥ 0'),
  v.maxValue(Number.MAX_SAFE_INTEGER, 'must be a safe integer'),
)

/**
 * Refuses lone UTF-16 surrogates: `encodeURIComponent` throws on them, and URLSearchParams and
 * UTF-8 would silently send U+FFFD instead. (With the `u` flag a valid pair is one code point.)
 */
const wellFormed = v.check(
  (value: string) => !/\p{Surrogate}/u.test(value),
  'must be well-formed Unicode (no lone surrogate)',
)

/** A string id used in a URL path (uuid, payment id…): non-empty, bounded, never `.` or `..`. */
export const PathStringParam = v.pipe(
  v.string('must be a string'),
  v.minLength(1, 'must not be empty'),
  v.maxLength(256, 'must be at most 256 characters'),
  wellFormed,
  v.check((value) => value !== '.' && value !== '..', 'must not be a relative path segment'),
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  v.check((value) => !/[\u0000-\u001f\u007f]/.test(value), 'must not contain control characters'),
)

/** An instant (`since`, `until`…): an ISO 8601 timestamp string or a `Date`, sent as ISO 8601 UTC. */
export const DateTimeParam = v.union(
  [
    v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 timestamp')),
    v.pipe(
      v.date(),
      v.check((date) => !Number.isNaN(date.getTime()), 'must be a valid date'),
      v.transform((date) => date.toISOString()),
    ),
  ],
  'must be an ISO 8601 timestamp string or a Date',
)

/** A calendar date (`min_date`, `max_date`…): `YYYY-MM-DD` or a `Date` (its UTC day). */
export const DateParam = v.union(
  [
    v.pipe(v.string(), v.isoDate('must be a YYYY-MM-DD date')),
    v.pipe(
      v.date(),
      v.check((date) => !Number.isNaN(date.getTime()), 'must be a valid date'),
      v.transform((date) => date.toISOString().slice(0, 10)),
    ),
  ],
  'must be a YYYY-MM-DD string or a Date',
)

/** Page size: 1..500 (Bridge's default is 50). */
export const LimitParam = v.pipe(
  v.number('must be a number'),
  v.integer('must be an integer'),
  v.minValue(1, 'must be ≥ 1'),
  v.maxValue(500, 'must be ≤ 500'),
)

/** An opaque pagination cursor (`after`). */
export const CursorParam = v.pipe(
  v.string('must be a string'),
  v.minLength(1, 'must not be empty'),
  v.maxLength(2048, 'must be at most 2048 characters'),
  wellFormed,
)

/** A non-empty string parameter of bounded length. */
/* @__NO_SIDE_EFFECTS__ */ export const TextParam = (max = 1000) =>
  v.pipe(
    v.string('must be a string'),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
    wellFormed,
  )

/**
 * An enum whose full list Bridge does not publish: the known values stay visible in the type,
 * and any other string is accepted so a new value never breaks parsing.
 */
/* @__NO_SIDE_EFFECTS__ */ export const openEnum = <const T extends readonly string[]>(_known: T) =>
  v.string() as unknown as v.GenericSchema<T[number] | (string & {}), T[number] | (string & {})>

/** An ISO 8601 timestamp as Bridge sends it (kept as a string; formats vary slightly). */
export const Timestamp = v.string()

/** A `YYYY-MM-DD` date as Bridge sends it. */
export const DateString = v.string()
