import * as v from 'valibot'
import { TextParam } from '../core/schema.js'

/** A parameter that takes one value or a non-empty list of them (sent as repeated query keys). */
/* @__NO_SIDE_EFFECTS__ */ export const oneOrMany = <S extends v.GenericSchema<string, string>>(item: S) =>
  v.union([item, v.pipe(v.array(item), v.minLength(1, 'must not be an empty list'))])

/** @returns the value as a list (for repeated query keys), or `undefined`. */
export const asList = <T>(value: T | readonly T[] | undefined): readonly T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value as T]

/** `redirect_url` and `context`, accepted by every Bridge Connect URL endpoint. */
export const ConnectOptionsParams = {
  /** Where Bridge sends the user back (must match your dashboard settings). */
  redirectUrl: v.optional(v.pipe(v.string('must be a string'), v.url('must be a URL'))),
  /** Your own value, echoed back on the redirect. */
  context: v.optional(TextParam(1000)),
}

/** A bounded string parameter whose known values show in the type (any other value is accepted). */
/* @__NO_SIDE_EFFECTS__ */ export const openParam = <T extends string>(_known: v.GenericSchema<T, T>) =>
  TextParam(100) as unknown as v.GenericSchema<T, T>

/** A payment amount in major units (euros): positive, at most 2 decimals. */
export const AmountParam = v.pipe(
  v.number('must be a number'),
  v.check((value) => Number.isFinite(value) && value > 0, 'must be a positive number'),
  v.check((value) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6, 'must have at most 2 decimals'),
)

/** An IBAN: 15–34 letters and digits (spaces are not allowed). */
export const IbanParam = v.pipe(
  v.string('must be a string'),
  v.regex(/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/, 'must be an IBAN (upper case, no spaces)'),
)

/** An ISO 4217 currency code, e.g. `EUR`. */
export const CurrencyParam = v.pipe(
  v.string('must be a string'),
  v.regex(/^[A-Z]{3}$/, 'must be 3 upper-case letters'),
)
