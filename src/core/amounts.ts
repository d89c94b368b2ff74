/** Conversions between decimal amounts and integer minor units, per currency. */
import * as E from './either.js'
import { type InputValidationError, inputError } from './errors.js'

/*
 * Bridge sends amounts as JSON numbers in major units (12.34 euros), and adding floats drifts
 * (0.1 + 0.2 = 0.30000000000000004). These helpers move to integer minor units (cents) and back, by the
 * currency's ISO 4217 exponent. They never guess: an unknown currency, or an amount with more decimals
 * than its currency has, is a Left (a cent fraction rounded away would be a silent wrong answer).
 */

/**
 * ISO 4217 minor-unit exponents of the currencies of the countries Bridge serves (the euro area, the
 * rest of the EEA, Switzerland, the United Kingdom) and of the currencies accounts there are commonly
 * held in. Exponents differ: ISK, JPY, KRW and the CFA francs have none; TND, KWD, BHD, JOD, OMR have 3.
 */
const EXPONENTS: Readonly<Record<string, number>> = {
  EUR: 2,
  GBP: 2,
  CHF: 2,
  USD: 2,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  CZK: 2,
  HUF: 2,
  RON: 2,
  BGN: 2,
  ISK: 0,
  TRY: 2,
  RSD: 2,
  UAH: 2,
  MAD: 2,
  DZD: 2,
  TND: 3,
  XOF: 0,
  XAF: 0,
  XPF: 0,
  ILS: 2,
  AED: 2,
  SAR: 2,
  QAR: 2,
  KWD: 3,
  BHD: 3,
  JOD: 3,
  OMR: 3,
  ZAR: 2,
  BRL: 2,
  MXN: 2,
  INR: 2,
  CNY: 2,
  HKD: 2,
  SGD: 2,
  JPY: 0,
  KRW: 0,
}

/** How far a scaled amount may sit from an integer and still be a float artefact (relative, ~4,500 ulps). */
const ARTEFACT_TOLERANCE = 1e-12

const refuse = (operation: string, path: string, message: string): E.Either<InputValidationError, never> =>
  E.left(inputError(operation, `Invalid input for ${operation}: ${path} ${message}`, [{ path, message }]))

const exponentOf = (operation: string, currency: string): E.Either<InputValidationError, number> => {
  const exponent = typeof currency === 'string' ? EXPONENTS[currency] : undefined
  return exponent === undefined
    ? refuse(
        operation,
        'currency',
        `must be a supported ISO 4217 code in upper case (e.g. EUR), got ${JSON.stringify(currency)}`,
      )
    : E.right(exponent)
}

/**
 * Turns an amount in major units (as Bridge sends it) into an integer number of minor units, by the
 * currency's ISO 4217 exponent: sum these integers, not the floats.
 *
 * @param amount - a finite amount in major units, e.g. `12.34` or `-0.3`; float artefacts such as
 *   `0.1 + 0.2` are rounded away.
 * @param currency - the ISO 4217 code in upper case (`EUR`, `GBP`, `ISK`…), e.g. `tx.currency_code`.
 * @returns `Right` of the minor units (`1234`), or `Left` of an `InputValidationError` for an unknown
 *   currency, a non-finite amount, or an amount with more decimals than the currency has (`12.345` EUR).
 * @example
 * ```ts
 * import { toMinorUnits } from 'bridgeapi'
 * const cents = toMinorUnits(0.1 + 0.2, 'EUR') // { _tag: 'Right', right: 30 }
 * ```
 */
export const toMinorUnits = (amount: number, currency: string): E.Either<InputValidationError, number> => {
  const operation = 'toMinorUnits'
  const exponent = exponentOf(operation, currency)
  if (E.isLeft(exponent)) return exponent
  if (typeof amount !== 'number' || !Number.isFinite(amount))
    return refuse(operation, 'amount', 'must be a finite number')
  const scaled = amount * 10 ** exponent.right
  const minor = Math.round(scaled)
  if (Math.abs(scaled - minor) > Math.max(1, Math.abs(scaled)) * ARTEFACT_TOLERANCE)
    return refuse(operation, 'amount', `must have at most ${exponent.right} decimals for ${currency}`)
  if (!Number.isSafeInteger(minor)) return refuse(operation, 'amount', 'is too large to count exactly')
  // `Math.round(-0.4)` is -0: minor units are plain integers.
  return E.right(minor === 0 ? 0 : minor)
}

/**
 * Turns an integer number of minor units back into an amount in major units, by the currency's
 * ISO 4217 exponent (the closest number to the exact decimal, as Bridge would send it).
 *
 * @param minor - a safe integer of minor units, e.g. `1234` (cents).
 * @param currency - the ISO 4217 code in upper case (`EUR`, `GBP`, `ISK`…).
 * @returns `Right` of the amount (`12.34`), or `Left` of an `InputValidationError` for an unknown
 *   currency or a `minor` that is not a safe integer.
 * @example
 * ```ts
 * import { fromMinorUnits } from 'bridgeapi'
 * const amount = fromMinorUnits(1234, 'EUR') // { _tag: 'Right', right: 12.34 }
 * ```
 */
export const fromMinorUnits = (minor: number, currency: string): E.Either<InputValidationError, number> => {
  const operation = 'fromMinorUnits'
  const exponent = exponentOf(operation, currency)
  if (E.isLeft(exponent)) return exponent
  if (!Number.isSafeInteger(minor)) return refuse(operation, 'minor', 'must be a safe integer')
  // Dividing an exact integer by an exact power of ten gives the double closest to the decimal.
  const amount = minor / 10 ** exponent.right
  return E.right(amount === 0 ? 0 : amount)
}
