import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import {
  createPaymentLink,
  createPaymentRequest,
  createPayout,
  createRefund,
  getBulkTransfer,
  getPaymentLink,
  getPaymentRequest,
  getPayout,
  getTransfer,
  listBulkTransfers,
  listPaymentLinks,
  listPaymentRequests,
  listSenderAccounts,
  listTransfers,
  refreshSenderAccounts,
  revokePaymentLink,
  sendBulkTransfer,
  sendTransfer,
  Transfer,
} from '../../src/v2/index.js'
import { leftOf, rightOf } from '../support/either.js'
import {
  clientContext,
  empty,
  expectRequest,
  fakeBridge,
  fixture,
  itemsOf,
  json,
  page,
  userContext,
} from './support.js'

const transfers = fixture('transfers.json')
/** The 2022 payment request recorded by Bridge's official PHP SDK tests (reference §10.2). */
const paymentRequest = {
  id: 'e815420d4b414a9c8b007c57196c19b5',
  status: 'RJCT',
  status_reason: 'CUST',
  user: {
    first_name: 'Unit',
    last_name: 'Test',
    external_reference: 'AEF142536-890',
    ip_address: '78.203.165.12',
  },
  sender: {},
  transactions: [
    {
      id: '8b9a9c6bca8f4e85b5f0b027efce5599',
      status: 'RJCT',
      status_reason: 'CUST',
      beneficiary: {
        iban: 'FR76XXXXXXXXXXXXXXXXXXXX185',
        name: 'Denys Bridge',
        company_name: 'Denys Bridge',
      },
      amount: 10.5,
      currency: 'EUR',
      label: 'Label Unit test',
      client_reference: 'ref-1',
      execution_date: '2022-07-29',
      end_to_end_id: 'e2e-1',
    },
  ],
  created_at: '2022-07-29T12:15:06.211Z',
  updated_at: '2022-07-29T12:33:58.277Z',
  bank_id: 6,
}
const link = {
  id: '697aa2b2-a65f-473b-a5c9-4bd9a2ecefbd',
  url: 'https://pay.bridgeapi.io/link/e2ce0722fd15b9e6270680d96faa46357069c15eca35eeda3878cf023ab99fe5',
}

describe('payment links (uncertain endpoints)', () => {
  it('createPaymentLink posts user, transactions and references in Bridge names', async () => {
    const bridge = fakeBridge(() => json(200, link))
    const created = rightOf(
      await createPaymentLink(clientContext(bridge.fetch), {
        user: { firstName: 'John', lastName: 'Doe', email: 'john@doe.com' },
        transactions: [
          {
            amount: 99.5,
            currency: 'EUR',
            label: 'Order 42',
            endToEndId: 'E2E-42',
            beneficiary: { companyName: 'Bakery', iban: 'FR7630006000011234567890189' },
          },
        ],
        clientReference: 'order-42',
        expiredDate: new Date('2026-12-01T10:00:00Z'),
        callbackUrl: 'https://shop.example/back',
      })(),
    )
    expect(created).toEqual(link)
    expectRequest(bridge.requests[0], {
      method: 'POST',
      path: '/v2/payment-links',
      body: {
        user: { first_name: 'John', last_name: 'Doe', email: 'john@doe.com' },
        transactions: [
          {
            amount: 99.5,
            currency: 'EUR',
            label: 'Order 42',
            end_to_end_id: 'E2E-42',
            beneficiary: { company_name: 'Bakery', iban: 'FR7630006000011234567890189' },
          },
        ],
        client_reference: 'order-42',
        expired_date: '2026-12-01T10:00:00.000Z',
        callback_url: 'https://shop.example/back',
      },
      user: false,
    })
  })

  it('listPaymentLinks, getPaymentLink and revokePaymentLink', async () => {
    const full = {
      ...link,
      status: 'COMPLETED',
      client_reference: 'order-42',
      created_at: '2024-10-31T10:12:06.518Z',
    }
    const bridge = fakeBridge((request) =>
      request.method === 'POST'
        ? empty(200)
        : request.path.endsWith(link.id)
          ? json(200, full)
          : json(200, page([full])),
    )
    const ctx = clientContext(bridge.fetch)
    expect(await itemsOf(listPaymentLinks(ctx))).toEqual([full])
    expect(rightOf(await getPaymentLink(ctx, { paymentLinkId: link.id })()).status).toBe('COMPLETED')
    expect(rightOf(await revokePaymentLink(ctx, { paymentLinkId: link.id })())).toBeUndefined()
    expectRequest(bridge.requests[0], { method: 'GET', path: '/v2/payment-links', user: false })
    expectRequest(bridge.requests[1], { method: 'GET', path: `/v2/payment-links/${link.id}`, user: false })
    expectRequest(bridge.requests[2], {
      method: 'POST',
      path: `/v2/payment-links/${link.id}/revoke`,
      user: false,
    })
  })
})

describe('payment requests', () => {
  it('createPaymentRequest posts the body of Bridge’s curl sample', async () => {
    const answer = {
      id: 'e815420d4b414a9c8b007c57196c19b5',
      consent_url: 'https://pay.bridgeapi.io/payment/e815420d4b414a9c8b007c57196c19b5/initiate',
    }
    const bridge = fakeBridge(() => json(200, answer))
    const created = rightOf(
      await createPaymentRequest(clientContext(bridge.fetch), {
        successfulCallbackUrl: 'https://my-callback-url.com:8080/pay/success',
        unsuccessfulCallbackUrl: 'https://my-callback-url.com:8080/pay/error',
        transactions: [
          {
            endToEndId: '12345678-AFERS',
            currency: 'EUR',
            label: 'Payment label',
            amount: 99.5,
            clientReference: '12345678-AZERTY',
          },
        ],
        user: { name: 'Firstname Lastname', ipAddress: '0.0.0.0', externalReference: 'AEF142536-890' },
        clientReference: '12345678-AZERTY',
        bankId: 6,
      })(),
    )
    expect(created).toEqual(answer)
    expectRequest(bridge.requests[0], {
      method: 'POST',
      path: '/v2/payment-requests',
      body: {
        successful_callback_url: 'https://my-callback-url.com:8080/pay/success',
        unsuccessful_callback_url: 'https://my-callback-url.com:8080/pay/error',
        transactions: [
          {
            end_to_end_id: '12345678-AFERS',
            currency: 'EUR',
            label: 'Payment label',
            amount: 99.5,
            client_reference: '12345678-AZERTY',
          },
        ],
        user: { name: 'Firstname Lastname', ip_address: '0.0.0.0', external_reference: 'AEF142536-890' },
        client_reference: '12345678-AZERTY',
        bank_id: 6,
      },
      user: false,
    })
  })

  it('createPaymentRequest gives the {errors:[…]} 400 body as an ApiError', async () => {
    const body = {
      errors: [{ code: 'payment.bank_not_found', message: 'This bank does not exist or accept payments' }],
    }
    const bridge = fakeBridge(() => json(400, body))
    const error = leftOf(
      await createPaymentRequest(clientContext(bridge.fetch), {
        bankId: 1,
        transactions: [{ amount: 1, currency: 'EUR', label: 'x' }],
        user: { name: 'A B' },
      })(),
    )
    expect(error).toMatchObject({ _tag: 'ApiError', status: 400, code: 'payment.bank_not_found' })
  })

  it('getPaymentRequest reads the recorded request; listPaymentRequests filters by link and comma-separated statuses', async () => {
    const bridge = fakeBridge((request) =>
      request.path.endsWith(paymentRequest.id)
        ? json(200, paymentRequest)
        : json(200, page([paymentRequest])),
    )
    const ctx = clientContext(bridge.fetch)
    expect(rightOf(await getPaymentRequest(ctx, { paymentRequestId: paymentRequest.id })())).toEqual(
      paymentRequest,
    )
    expect(
      await itemsOf(listPaymentRequests(ctx, { paymentLinkId: link.id, status: ['ACSC', 'RJCT', 'CANC'] })),
    ).toEqual([paymentRequest])
    expectRequest(bridge.requests[0], {
      method: 'GET',
      path: `/v2/payment-requests/${paymentRequest.id}`,
      user: false,
    })
    expectRequest(bridge.requests[1], {
      method: 'GET',
      path: '/v2/payment-requests',
      query: `payment_link_id=${link.id}&status=ACSC%2CRJCT%2CCANC`,
      user: false,
    })
  })
})

describe('payment account', () => {
  it('createRefund, createPayout (trailing slash) and getPayout', async () => {
    const refund = { id: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', amount: 10, currency: 'EUR', status: 'created' }
    const payout = {
      id: '0b1e5c2a-7d3f-4e8a-9c6b-2f1d0e9c8b7a',
      amount: 250,
      label: 'Payout 12',
      status: 'Processing',
    }
    const bridge = fakeBridge((request) => json(200, request.path.includes('refunds') ? refund : payout))
    const ctx = clientContext(bridge.fetch)
    expect(
      rightOf(
        await createRefund(ctx, {
          paymentAccountTransactionId: 'b5ef3f49-0a5c',
          amount: 10,
          clientReference: 'r-1',
          description: 'late',
        })(),
      ),
    ).toEqual(refund)
    expect(
      rightOf(await createPayout(ctx, { beneficiaryId: 'ben-1', amount: 250, label: 'Payout 12' })()),
    ).toEqual(payout)
    expect(rightOf(await getPayout(ctx, { payoutId: payout.id })())).toEqual(payout)
    expectRequest(bridge.requests[0], {
      method: 'POST',
      path: '/v2/payment-refunds',
      body: {
        payment_account_transaction_id: 'b5ef3f49-0a5c',
        amount: 10,
        client_reference: 'r-1',
        description: 'late',
      },
      user: false,
    })
    expectRequest(bridge.requests[1], {
      method: 'POST',
      path: '/v2/payment-account/payouts/',
      body: { beneficiary_id: 'ben-1', amount: 250, label: 'Payout 12' },
      user: false,
    })
    expectRequest(bridge.requests[2], {
      method: 'GET',
      path: `/v2/payment-account/payouts/${payout.id}`,
      user: false,
    })
  })

  it('refuses amounts that are not positive with at most 2 decimals, sending nothing', async () => {
    const bridge = fakeBridge(() => json(200, {}))
    const ctx = clientContext(bridge.fetch)
    for (const amount of [0, -5, 10.001, Number.NaN]) {
      expect(leftOf(await createRefund(ctx, { paymentAccountTransactionId: 't', amount })())._tag).toBe(
        'InputValidationError',
      )
    }
    expect(bridge.requests).toHaveLength(0)
  })
})

describe('Bridge Transfer', () => {
  it('sendTransfer posts exactly the documented request body', async () => {
    const example = transfers.send_transfer_request.body
    const answer = { redirect_url: 'https://pay.bridgeapi.io/transfer/5b1c' }
    const bridge = fakeBridge(() => json(200, answer))
    const result = rightOf(
      await sendTransfer(userContext(bridge.fetch), {
        beneficiary: example.beneficiary,
        amount: example.amount,
        editableAmount: example.editable_amount,
        label: example.label,
        senderAccountId: example.sender_account_id,
        senderAccountEditable: example.sender_account_editable,
        clientReference: example.client_reference,
      })(),
    )
    expect(result).toEqual(answer)
    expectRequest(bridge.calls()[0], { method: 'POST', path: '/v2/pay/transfer', body: example, user: true })
  })

  it('sendBulkTransfer posts the transfers; amounts over 30 000 are refused before sending', async () => {
    const bridge = fakeBridge(() => json(200, { redirect_url: 'https://pay.bridgeapi.io/bulk/1' }))
    const ctx = userContext(bridge.fetch)
    const beneficiary = { name: 'Jane Doe', iban: 'FR3130003000709222579823U36' }
    rightOf(
      await sendBulkTransfer(ctx, {
        clientReference: 'payroll-1',
        transfers: [{ amount: 1200, label: 'Salary', beneficiary, clientReference: 't-1' }],
        senderAccountId: 11679775,
      })(),
    )
    expectRequest(bridge.calls()[0], {
      method: 'POST',
      path: '/v2/pay/bulk-transfers',
      body: {
        client_reference: 'payroll-1',
        transfers: [{ amount: 1200, label: 'Salary', beneficiary, client_reference: 't-1' }],
        sender_account_id: 11679775,
      },
      user: true,
    })
    const refused = await sendBulkTransfer(ctx, {
      clientReference: 'x',
      transfers: [{ amount: 30_000.01, beneficiary }],
    })()
    expect(leftOf(refused)._tag).toBe('InputValidationError')
    expect(bridge.calls()).toHaveLength(1)
  })

  it('listTransfers and getTransfer read the documented transfer', async () => {
    const transfer = transfers.transfer_resource.body
    const bridge = fakeBridge((request) =>
      json(200, request.path === '/v2/transfers' ? page([transfer]) : transfer),
    )
    const ctx = userContext(bridge.fetch)
    expect(await itemsOf(listTransfers(ctx, { limit: 10 }))).toEqual([transfer])
    expect(rightOf(await getTransfer(ctx, { transferId: transfer.uuid })()).status_reason).toBe('expired')
    expectRequest(bridge.calls()[0], { method: 'GET', path: '/v2/transfers', query: 'limit=10', user: true })
    expectRequest(bridge.calls()[1], { method: 'GET', path: `/v2/transfers/${transfer.uuid}`, user: true })
  })

  it('listBulkTransfers and getBulkTransfer (sender_account_id as a number or a string)', async () => {
    const bulk = {
      id: 'fc223ce9-080e-4a96-9cdc-73b2459c32d8',
      item_id: 4036595,
      sender_account_id: 11679775,
      transfers: [
        {
          id: '02d5b0b6-37e2-4684-aca9-4ede5fb9d7da',
          amount: 1.0,
          beneficiary: { name: 'Michel Dupont', iban: 'FR76XXXXXXXXXXXXXXXXXXXX882' },
          status: 'executed',
          created_at: '2020-08-26T09:13:22.000Z',
          updated_at: '2020-08-26T09:13:27.000Z',
        },
      ],
      status: 'executed',
      status_reason: null,
      client_reference: 'payroll-1',
      created_at: '2020-08-26T09:13:22.000Z',
      updated_at: '2020-08-26T09:13:27.000Z',
    }
    const bridge = fakeBridge((request) =>
      json(
        200,
        request.path === '/v2/bulk-transfers' ? page([{ ...bulk, sender_account_id: '11679775' }]) : bulk,
      ),
    )
    const ctx = userContext(bridge.fetch)
    expect((await itemsOf(listBulkTransfers(ctx)))[0]?.sender_account_id).toBe('11679775')
    expect(rightOf(await getBulkTransfer(ctx, { bulkTransferId: bulk.id })())).toEqual(bulk)
    expectRequest(bridge.calls()[0], { method: 'GET', path: '/v2/bulk-transfers', user: true })
    expectRequest(bridge.calls()[1], { method: 'GET', path: `/v2/bulk-transfers/${bulk.id}`, user: true })
  })

  it('refreshSenderAccounts then listSenderAccounts', async () => {
    const sender = {
      id: 11679775,
      name: 'Account Without Sca',
      iban: 'FR7630006000011234567890189',
      item_id: 4036595,
    }
    const bridge = fakeBridge((request) =>
      request.method === 'POST' ? empty(202) : json(200, page([sender])),
    )
    const ctx = userContext(bridge.fetch)
    rightOf(await refreshSenderAccounts(ctx)())
    expect(await itemsOf(listSenderAccounts(ctx))).toEqual([sender])
    expectRequest(bridge.calls()[0], { method: 'POST', path: '/v2/transfers/accounts/refresh', user: true })
    expectRequest(bridge.calls()[1], { method: 'GET', path: '/v2/transfers/accounts/senders', user: true })
  })

  it('the Transfer schema types statuses and tolerates unknown ones', () => {
    const transfer = transfers.transfer_resource.body
    expect(v.parse(Transfer, transfer).status).toBe('failed')
    expect(v.parse(Transfer, { ...transfer, status: 'awaiting_bank' }).status).toBe('awaiting_bank')
    expect(v.safeParse(Transfer, { ...transfer, amount: '1.0' }).success).toBe(false)
  })
})
