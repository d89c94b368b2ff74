import { describe, expect, it } from 'vitest'
import { fromMinorUnits, toMinorUnits } from '../../src/index.js'
import * as v2 from '../../src/v2/index.js'
import { leftOf, rightOf } from '../support/either.js'

describe('toMinorUnits', () => {
  it('turns major units into integer minor units by the currency exponent', () => {
    expect(rightOf(toMinorUnits(12.34, 'EUR'))).toBe(1234)
    expect(rightOf(toMinorUnits(-0.3, 'EUR'))).toBe(-30)
    expect(rightOf(toMinorUnits(1990, 'ISK'))).toBe(1990)
    expect(rightOf(toMinorUnits(12.345, 'TND'))).toBe(12345)
    expect(rightOf(toMinorUnits(0, 'GBP'))).toBe(0)
    expect(Object.is(rightOf(toMinorUnits(-0, 'EUR')), 0)).toBe(true)
  })

  it('rounds away float artefacts, positive and negative', () => {
    expect(0.1 + 0.2).not.toBe(0.3)
    expect(rightOf(toMinorUnits(0.1 + 0.2, 'EUR'))).toBe(30)
    expect(rightOf(toMinorUnits(-(0.1 + 0.2), 'EUR'))).toBe(-30)
    expect(rightOf(toMinorUnits(4.35 * 3, 'EUR'))).toBe(1305) // 13.049999999999999
    expect(rightOf(toMinorUnits(-1234567.89, 'EUR'))).toBe(-123456789)
    // Every cent amount up to 100 000.00 EUR, either sign, comes back exact from its JSON number.
    for (let cents = -10_000_000; cents <= 10_000_000; cents += 9_973) {
      const amount = JSON.parse((cents / 100).toFixed(2)) as number
      expect(rightOf(toMinorUnits(amount, 'EUR'))).toBe(cents)
    }
  })

  it('sums without drift, where adding the floats does not', () => {
    const amounts = [0.1, 0.2, 0.3]
    const floatSum = amounts.reduce((sum, amount) => sum + amount, 0)
    expect(floatSum).toBe(0.6000000000000001)
    const cents = amounts.reduce((sum, amount) => sum + rightOf(toMinorUnits(amount, 'EUR')), 0)
    expect(cents).toBe(60)
    expect(rightOf(fromMinorUnits(cents, 'EUR'))).toBe(0.6)
  })

  it('refuses, never guesses: more decimals than the currency has, unknown currency, non-finite', () => {
    expect(leftOf(toMinorUnits(12.345, 'EUR'))).toEqual({
      _tag: 'InputValidationError',
      operation: 'toMinorUnits',
      message: 'Invalid input for toMinorUnits: amount must have at most 2 decimals for EUR',
      issues: [{ path: 'amount', message: 'must have at most 2 decimals for EUR' }],
    })
    expect(leftOf(toMinorUnits(1.5, 'JPY')).issues).toEqual([
      { path: 'amount', message: 'must have at most 0 decimals for JPY' },
    ])
    // 1.005 is three decimals, not an artefact of 1.01 or 1.00: no rounding either way.
    expect(leftOf(toMinorUnits(1.005, 'EUR')).issues[0]?.path).toBe('amount')
    expect(leftOf(toMinorUnits(0.001, 'EUR')).issues[0]?.path).toBe('amount')
    expect(leftOf(toMinorUnits(12, 'XXX')).issues).toEqual([
      {
        path: 'currency',
        message: 'must be a supported ISO 4217 code in upper case (e.g. EUR), got "XXX"',
      },
    ])
    expect(leftOf(toMinorUnits(12, 'eur')).issues[0]?.path).toBe('currency')
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '12' as unknown as number])
      expect(leftOf(toMinorUnits(bad, 'EUR')).issues).toEqual([
        { path: 'amount', message: 'must be a finite number' },
      ])
    expect(leftOf(toMinorUnits(1e14, 'EUR')).issues).toEqual([
      { path: 'amount', message: 'is too large to count exactly' },
    ])
  })
})

describe('fromMinorUnits', () => {
  it('turns integer minor units into the amount Bridge would send', () => {
    expect(rightOf(fromMinorUnits(1234, 'EUR'))).toBe(12.34)
    expect(rightOf(fromMinorUnits(-30, 'EUR'))).toBe(-0.3)
    expect(rightOf(fromMinorUnits(1990, 'ISK'))).toBe(1990)
    expect(rightOf(fromMinorUnits(12345, 'KWD'))).toBe(12.345)
    expect(Object.is(rightOf(fromMinorUnits(-0, 'EUR')), 0)).toBe(true)
    for (let cents = -10_000_000; cents <= 10_000_000; cents += 99_991)
      expect(rightOf(fromMinorUnits(cents, 'EUR'))).toBe(Number((cents / 100).toFixed(2)))
  })

  it('refuses a fractional or unsafe minor amount and an unknown currency', () => {
    expect(leftOf(fromMinorUnits(12.5, 'EUR'))).toEqual({
      _tag: 'InputValidationError',
      operation: 'fromMinorUnits',
      message: 'Invalid input for fromMinorUnits: minor must be a safe integer',
      issues: [{ path: 'minor', message: 'must be a safe integer' }],
    })
    expect(leftOf(fromMinorUnits(2 ** 53, 'EUR')).issues[0]?.path).toBe('minor')
    expect(leftOf(fromMinorUnits(100, 'ABC')).issues[0]?.path).toBe('currency')
  })

  it('is exported by bridgeapi/v2 too', () => {
    expect(v2.toMinorUnits).toBe(toMinorUnits)
    expect(v2.fromMinorUnits).toBe(fromMinorUnits)
  })
})
