/** Parameter schemas shared by both API versions. */
import * as v from 'valibot'

/*
 * Parameter schemas of both API versions: one source each, so that a bound fixed in one place holds for
 * every endpoint. Each is a plain schema constant, so a bundle keeps only those an endpoint imports.
 */

/** An e-mail address (at most 320 characters, the longest an address can be). */
export const EmailParam = v.pipe(
  v.string('must be a string'),
  v.maxLength(320, 'must be at most 320 characters'),
  v.email('must be an e-mail address'),
)

/** An absolute URL (any scheme: a mobile app may be sent back to `myapp://...`). */
export const UrlParam = v.pipe(v.string('must be a string'), v.url('must be a URL'))

/** An absolute http(s) URL, for pages Bridge opens in a browser. */
export const HttpUrlParam = v.pipe(UrlParam, v.regex(/^https?:\/\//i, 'must be an http(s) URL'))

const hasAtMostTwoDecimals = (value: number): boolean =>
  Math.abs(value * 100 - Math.round(value * 100)) < 1e-6

/** An amount to move, in major units (euros, not cents): finite, > 0, at most 2 decimals. */
export const AmountParam = v.pipe(
  v.number('must be a number'),
  v.finite('must be a finite number'),
  v.gtValue(0, 'must be > 0'),
  v.check(hasAtMostTwoDecimals, 'must have at most 2 decimals'),
)

/** ISO 4217 currency code, upper case (`EUR`). */
export const CurrencyParam = v.pipe(
  v.string('must be a string'),
  v.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in upper case, e.g. EUR'),
)

/**
 * An IBAN without spaces, upper case: country, 2 check digits, then 11–30 letters or digits, so 15–34
 * characters in all (ISO 13616: Norway's are the shortest at 15, the longest allowed is 34). Bridge's
 * pages give no length of their own.
 */
export const IbanParam = v.pipe(
  v.string('must be a string'),
  v.regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/, 'must be an IBAN (15–34 characters, upper case, no spaces)'),
)

/** A filter that takes one value or a non-empty list of them. */
/* @__NO_SIDE_EFFECTS__ */ export const oneOrMany = <S extends v.GenericSchema<string, string>>(item: S) =>
  v.union([item, v.pipe(v.array(item), v.minLength(1, 'must not be an empty list'))])

/** @returns a filter's values as one comma-separated query value (`ACSC,RJCT`), or `undefined`. */
export const commaList = (value: string | readonly string[] | undefined): string | undefined =>
  value === undefined ? undefined : typeof value === 'string' ? value : value.join(',')
