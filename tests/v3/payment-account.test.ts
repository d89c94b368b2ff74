import { describe, expect, it } from 'vitest'
import {
  type Context,
  collect,
  createPayout,
  createRefund,
  getAccountsInformation,
  getPayout,
  getRefund,
  listBeneficiaries,
  listPayouts,
  listRefunds,
} from '../../src/index.js'
import { leftOf, rightOf } from '../support/either.js'
import {
  answering,
  clientContext,
  exampleBody,
  exampleRequestBody,
  expectInputError,
  expectRequest,
  userContext,
} from './helpers.js'

describe('refunds (client credentials)', () => {
  it('createRefund sends the documented body and reads the refund', async () => {
    const { fetch, requests } = answering(200, exampleBody('payment-account.json', 'create_refund'))
    const refund = rightOf(
      await createRefund(clientContext(fetch), {
        paymentAccountTransactionId: '9f7052e8-96cd-45da-8e5c-08c82ef83164',
        amount: 10,
        clientReference: 'client-reference',
        description: 'My product refund description',
      })(),
    )
    expectRequest(requests[0], {
      method: 'POST',
      path: '/v3/payment/payment-account/refunds',
      body: exampleRequestBody('payment-account.json', 'create_refund'),
      auth: 'client',
    })
    expect([refund.id, refund.status, refund.amount]).toEqual([
      '5d838eace5f64cb3b8b395ae5cf4a6fe',
      'paid',
      150,
    ])
  })

  it('createRefund takes a description of up to 140 characters (the refund guide), not 141', async () => {
    const { fetch, requests } = answering(200, exampleBody('payment-account.json', 'create_refund'))
    const ctx = clientContext(fetch)
    const params = { paymentAccountTransactionId: '9f7052e8-96cd-45da-8e5c-08c82ef83164', amount: 1 }
    expectInputError(
      await createRefund(ctx, { ...params, description: 'd'.repeat(141) })(),
      requests,
      'description',
    )
    rightOf(await createRefund(ctx, { ...params, description: 'd'.repeat(140) })())
    expect(requests[0]?.body).toMatchObject({ description: 'd'.repeat(140) })
  })

  it('createRefund refuses bad amounts and a missing transaction without sending anything', async () => {
    const { fetch, requests } = answering(200, {})
    const ctx = clientContext(fetch)
    const id = '9f7052e8-96cd-45da-8e5c-08c82ef83164'
    expectInputError(
      await createRefund(ctx, { paymentAccountTransactionId: id, amount: 0 })(),
      requests,
      'amount',
    )
    expectInputError(
      await createRefund(ctx, { paymentAccountTransactionId: id, amount: 1.234 })(),
      requests,
      'amount',
    )
    expectInputError(
      await createRefund(ctx, { amount: 1 } as never)(),
      requests,
      'paymentAccountTransactionId',
    )
  })
})

describe('beneficiaries and payouts (client credentials)', () => {
  it('listBeneficiaries reads a list without pagination as one page', async () => {
    const { fetch, requests } = answering(200, exampleBody('payment-account.json', 'list_beneficiaries'))
    const beneficiaries = rightOf(await collect(listBeneficiaries(clientContext(fetch)))())
    expectRequest(requests[0], {
      method: 'GET',
      path: '/v3/payment/payment-account/beneficiaries',
      auth: 'client',
    })
    expect(requests).toHaveLength(1)
    expect(beneficiaries.map((b) => b.id)).toEqual([
      '90da9c34-9baf-401d-8191-250841667fe6',
      '5c1aa75c-d688-43be-8a44-0772cf0a79c7',
    ])
  })

  it.each([
    ['no pagination object', {}],
    ['pagination null', { pagination: null }],
    ['next_uri "null" (the collection writes the string)', { pagination: { next_uri: 'null' } }],
  ])('listBeneficiaries and getAccountsInformation yield each item once and end with %s', async (_, tail) => {
    const beneficiaries = ['b1', 'b2', 'b3'].map((id) => ({ id, iban: 'FR7630006000011234567890189' }))
    const app = answering(200, { resources: beneficiaries, ...tail })
    const seen: string[] = []
    for await (const item of listBeneficiaries(clientContext(app.fetch))) seen.push(rightOf(item).id)
    expect(seen).toEqual(['b1', 'b2', 'b3'])
    expect(app.requests).toHaveLength(1)
    const entry = exampleBody('accounts-information.json', 'get_accounts_information').resources[0]
    const items = [1, 2].map((item_id) => ({ ...entry, item_id }))
    const user = answering(200, { resources: items, ...tail })
    const checks = rightOf(await collect(getAccountsInformation(await userContext(user.fetch)))())
    expect(checks.map((check) => check.item_id)).toEqual([1, 2])
    expect(user.requests).toHaveLength(1)
  })

  it('createPayout sends the documented body and reads the payout', async () => {
    const { fetch, requests } = answering(200, exampleBody('payment-account.json', 'create_payout'))
    const payout = rightOf(
      await createPayout(clientContext(fetch), {
        beneficiaryId: 'fe7ea5fc-81e8-46b0-bce7-5d0cecbdbad1',
        amount: 20,
        label: 'A label',
        clientReference: 'client-ref-1234',
      })(),
    )
    expectRequest(requests[0], {
      method: 'POST',
      path: '/v3/payment/payment-account/payouts',
      body: exampleRequestBody('payment-account.json', 'create_payout'),
      auth: 'client',
    })
    expect([payout.status, payout.type, payout.beneficiary.bic]).toEqual(['paid', 'manual', 'SMOEFRP3'])
  })

  it('createPayout requires a label of at most 140 characters and a positive amount', async () => {
    const { fetch, requests } = answering(200, {})
    const ctx = clientContext(fetch)
    const valid = { beneficiaryId: 'b-1', amount: 20, label: 'A label' }
    expectInputError(await createPayout(ctx, { ...valid, label: 'x'.repeat(141) })(), requests, 'label')
    expectInputError(await createPayout(ctx, { ...valid, label: '' })(), requests, 'label')
    expectInputError(await createPayout(ctx, { ...valid, amount: -1 })(), requests, 'amount')
    expectInputError(
      await createPayout(ctx, { ...valid, clientReference: 'x'.repeat(101) })(),
      requests,
      'clientReference',
    )
  })

  it('a payout without a beneficiary is a ResponseValidationError; a sandbox failure status passes', async () => {
    const documented = exampleBody('payment-account.json', 'get_payout')
    const { beneficiary: _, ...withoutBeneficiary } = documented
    const broken = answering(200, withoutBeneficiary)
    expect(leftOf(await getPayout(clientContext(broken.fetch), { payoutId: 'p' })())._tag).toBe(
      'ResponseValidationError',
    )
    const failed = answering(200, { ...documented, status: 'fail', status_reason: 'insufficient_funds' })
    const payout = rightOf(await getPayout(clientContext(failed.fetch), { payoutId: 'p' })())
    expect([payout.status, payout.status_reason]).toEqual(['fail', 'insufficient_funds'])
  })

  it('getRefund and getPayout refuse empty ids without sending anything', async () => {
    const { fetch, requests } = answering(200, {})
    const ctx = clientContext(fetch)
    expectInputError(await getRefund(ctx, { refundId: '' })(), requests, 'refundId')
    expectInputError(await getPayout(ctx, { payoutId: '.' })(), requests, 'payoutId')
    expectInputError(await collect(listPayouts(ctx, { after: '' }))(), requests, 'after')
  })
})

describe('refunds and payouts: a list, then one by id', () => {
  const REFUND_ID = 'ae5efa7a4a1740de8cecac2716698364'
  const PAYOUT_ID = '6eeee884-810d-403c-8564-07b0eb7d5ed7'
  it.each([
    {
      names: 'listRefunds and getRefund',
      kind: 'refunds',
      search: '?limit=10',
      amounts: async (ctx: Context) =>
        rightOf(await collect(listRefunds(ctx, { limit: 10 }))()).map((refund) => refund.amount),
      expectedAmounts: [1, 0.33],
      id: REFUND_ID,
      example: 'get_refund',
      field: async (ctx: Context) => rightOf(await getRefund(ctx, { refundId: REFUND_ID })()).description,
      expectedField: 'Reimbursement B',
    },
    {
      names: 'listPayouts and getPayout',
      kind: 'payouts',
      search: '',
      amounts: async (ctx: Context) =>
        rightOf(await collect(listPayouts(ctx))()).map((payout) => payout.amount),
      expectedAmounts: [20, 3],
      id: PAYOUT_ID,
      example: 'get_payout',
      field: async (ctx: Context) => rightOf(await getPayout(ctx, { payoutId: PAYOUT_ID })()).label,
      expectedField: 'Payout Bridge',
    },
  ])('$names read the documented $kind', async (row) => {
    const list = answering(200, exampleBody('payment-account.json', `list_${row.kind}`))
    expect(await row.amounts(clientContext(list.fetch))).toEqual(row.expectedAmounts)
    expectRequest(list.requests[0], {
      method: 'GET',
      path: `/v3/payment/payment-account/${row.kind}`,
      search: row.search,
      auth: 'client',
    })

    const one = answering(200, exampleBody('payment-account.json', row.example))
    expect(await row.field(clientContext(one.fetch))).toBe(row.expectedField)
    expectRequest(one.requests[0], {
      method: 'GET',
      path: `/v3/payment/payment-account/${row.kind}/${row.id}`,
      auth: 'client',
    })
  })
})
