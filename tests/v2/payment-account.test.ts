import { describe, expect, it } from 'vitest'
import { collect, getRefund, listBeneficiaries, listPayouts, listRefunds } from '../../src/v2/index.js'
import { leftOf, rightOf } from '../support/either.js'
import { clientContext, expectRequest, fakeBridge, json, page } from './support.js'

/**
 * The 2021-06-01 payment-account reads named in the refund and payout guides (issue 23): exact requests
 * through a recording fetch, responses parsed, bad input refused with nothing sent.
 */

const refund = (id: string) => ({
  id,
  amount: 10,
  currency: 'EUR',
  status: 'created',
  client_reference: null,
})
const payout = (id: string) => ({
  id,
  beneficiary: {
    id: 'ben-1',
    company_name: 'ACME',
    bank_name: null,
    iban: 'FR7630006000011234567890189',
    bic: null,
  },
  status: 'paid',
  amount: 20,
  currency: 'EUR',
})
const beneficiary = (id: string) => ({
  id,
  iban: 'FR7630006000011234567890189',
  bic: 'SMOEFRP3',
  company_name: 'ACME',
})

describe('payment account reads (2021-06-01)', () => {
  it('listRefunds sends GET /v2/payment-refunds and follows next_uri, each refund once', async () => {
    const bridge = fakeBridge((_, index) =>
      index === 0
        ? json(200, page([refund('r1'), refund('r2')], '/v2/payment-refunds?after=cursor-2'))
        : json(200, page([refund('r3')])),
    )
    const refunds = rightOf(await collect(listRefunds(clientContext(bridge.fetch)))())
    expect(refunds.map((r) => r.id)).toEqual(['r1', 'r2', 'r3'])
    expectRequest(bridge.calls()[0], { method: 'GET', path: '/v2/payment-refunds', user: false })
    expectRequest(bridge.calls()[1], {
      method: 'GET',
      path: '/v2/payment-refunds',
      query: 'after=cursor-2',
      user: false,
    })
    expect(bridge.calls()).toHaveLength(2)
  })

  it('getRefund sends GET /v2/payment-refunds/{id} and reads the refund', async () => {
    const bridge = fakeBridge(() => json(200, refund('5d838eace5f64cb3b8b395ae5cf4a6fe')))
    const got = rightOf(
      await getRefund(clientContext(bridge.fetch), { refundId: '5d838eace5f64cb3b8b395ae5cf4a6fe' })(),
    )
    expect([got.id, got.amount, got.status, got.client_reference]).toEqual([
      '5d838eace5f64cb3b8b395ae5cf4a6fe',
      10,
      'created',
      null,
    ])
    expectRequest(bridge.calls()[0], {
      method: 'GET',
      path: '/v2/payment-refunds/5d838eace5f64cb3b8b395ae5cf4a6fe',
      user: false,
    })
  })

  it('listBeneficiaries sends GET /v2/payment-account/beneficiaries; no pagination means one page', async () => {
    const bridge = fakeBridge(() => json(200, { resources: [beneficiary('b1'), beneficiary('b2')] }))
    const list = rightOf(await collect(listBeneficiaries(clientContext(bridge.fetch)))())
    expect(list.map((b) => [b.id, b.bic])).toEqual([
      ['b1', 'SMOEFRP3'],
      ['b2', 'SMOEFRP3'],
    ])
    expectRequest(bridge.calls()[0], {
      method: 'GET',
      path: '/v2/payment-account/beneficiaries',
      user: false,
    })
    expect(bridge.calls()).toHaveLength(1)
  })

  it('listPayouts sends GET /v2/payment-account/payouts (no trailing slash) and reads each payout', async () => {
    const bridge = fakeBridge(() => json(200, page([payout('p1')])))
    const list = rightOf(await collect(listPayouts(clientContext(bridge.fetch)))())
    expect(list.map((p) => [p.id, p.beneficiary?.id, p.amount])).toEqual([['p1', 'ben-1', 20]])
    expectRequest(bridge.calls()[0], { method: 'GET', path: '/v2/payment-account/payouts', user: false })
    expect(bridge.calls()).toHaveLength(1)
  })

  it('refuses a bad limit or refund id without sending anything', async () => {
    const bridge = fakeBridge(() => json(200, page([])))
    const ctx = clientContext(bridge.fetch)
    for (const list of [listRefunds, listBeneficiaries, listPayouts])
      expect(leftOf(await collect(list(ctx, { limit: 0 }))())._tag).toBe('InputValidationError')
    expect(leftOf(await getRefund(ctx, { refundId: '' })())._tag).toBe('InputValidationError')
    expect(leftOf(await getRefund(ctx, { refundId: '..' })())._tag).toBe('InputValidationError')
    expect(bridge.calls()).toHaveLength(0)
  })

  it('gives a validation error naming the path when an item has no id', async () => {
    const bridge = fakeBridge(() => json(200, { resources: [{ iban: 'FR76' }] }))
    const error = leftOf(await collect(listBeneficiaries(clientContext(bridge.fetch)))())
    expect(error._tag).toBe('ResponseValidationError')
    if (error._tag === 'ResponseValidationError')
      expect(error.issues.map((issue) => issue.path)).toContain('resources.0.id')
  })
})
