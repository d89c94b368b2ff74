import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  collect,
  createPaymentConsent,
  createPaymentLink,
  createPaymentRequest,
  type FundStatus,
  getPaymentLink,
  getPaymentRequest,
  listPaymentLinks,
  listPaymentRequests,
  revokePaymentLink,
} from '../../src/index.js'
import { leftOf, rightOf } from '../support/either.js'
import {
  answering,
  clientContext,
  empty,
  exampleBody,
  exampleRequestBody,
  expectInputError,
  expectRequest,
  json,
  recordingFetch,
} from './helpers.js'

const LINK_ID = '7d4d49e4-a99b-4c18-a58d-b4931c4b79db'
const validLink = {
  user: { firstName: 'Firstname', lastName: 'Lastname' },
  transactions: [{ amount: 10, currency: 'EUR', label: 'label' }],
}

describe('payment links (client credentials)', () => {
  it('createPaymentLink sends the documented body from camelCase parameters', async () => {
    const { fetch, requests } = answering(200, exampleBody('payment-links.json', 'create_payment_link'))
    const created = rightOf(
      await createPaymentLink(clientContext(fetch), {
        clientReference: 'ABCDE_FG-HI_12345',
        user: {
          email: 'test@gmail.com',
          firstName: 'Firstname',
          lastName: 'Lastname',
          externalReference: 'REF-1234_AZ',
        },
        transactions: [{ amount: 1000, currency: 'EUR', label: 'label', endToEndId: 'E2E_ID-1234' }],
      })(),
    )
    expectRequest(requests[0], {
      method: 'POST',
      path: '/v3/payment/payment-links',
      body: exampleRequestBody('payment-links.json', 'create_payment_link'),
      auth: 'client',
    })
    expect(created).toEqual({
      id: '697aa2b2-a65f-473b-a5c9-4bd9a2ecefbd',
      url: 'https://pay.bridgeapi.io/link/e2ce0722fd15b9e6270680d96faa46357069c15eca35eeda3878cf023ab99fe5',
    })
  })

  it('createPaymentLink maps every optional field, beneficiaries and dates', async () => {
    const { fetch, requests } = answering(200, exampleBody('payment-links.json', 'create_payment_link'))
    rightOf(
      await createPaymentLink(clientContext(fetch), {
        user: { companyName: 'ACME' },
        transactions: [
          {
            amount: 10.5,
            currency: 'EUR',
            clientReference: 'line-1',
            executionDate: new Date('2026-12-24T10:00:00Z'),
            beneficiary: { firstName: 'John', lastName: 'Doe', iban: 'FR7630006000011234567890189' },
          },
        ],
        expiredDate: '2026-12-01T10:00:00.123Z',
        callbackUrl: 'https://shop.example/back',
        country: 'es',
        providerId: 574,
      })(),
    )
    expect(requests[0]?.body).toEqual({
      user: { company_name: 'ACME' },
      transactions: [
        {
          amount: 10.5,
          currency: 'EUR',
          client_reference: 'line-1',
          execution_date: '2026-12-24',
          beneficiary: { first_name: 'John', last_name: 'Doe', iban: 'FR7630006000011234567890189' },
        },
      ],
      expired_date: '2026-12-01T10:00:00Z',
      callback_url: 'https://shop.example/back',
      country: 'es',
      provider_id: 574,
    })
  })

  it('createPaymentLink refuses senderIban, which no source documents on links, and sends nothing', async () => {
    const { fetch, requests } = answering(200, exampleBody('payment-links.json', 'create_payment_link'))
    const params = {
      user: { companyName: 'ACME' },
      transactions: [{ amount: 1, currency: 'EUR' }],
      senderIban: 'FR7630006000011234567890189',
    }
    expectInputError(await createPaymentLink(clientContext(fetch), params as never)(), requests, 'senderIban')
  })

  it.each([
    ['a zero amount', { transactions: [{ amount: 0, currency: 'EUR' }] }, 'transactions.0.amount'],
    ['a negative amount', { transactions: [{ amount: -5, currency: 'EUR' }] }, 'transactions.0.amount'],
    ['three decimals', { transactions: [{ amount: 10.005, currency: 'EUR' }] }, 'transactions.0.amount'],
    ['more than 35 000', { transactions: [{ amount: 35_000.01, currency: 'EUR' }] }, 'transactions.0.amount'],
    ['a lower-case currency', { transactions: [{ amount: 1, currency: 'eur' }] }, 'transactions.0.currency'],
    [
      'a label over 140 characters',
      { transactions: [{ amount: 1, currency: 'EUR', label: 'x'.repeat(141) }] },
      'transactions.0.label',
    ],
    ['no transaction', { transactions: [] }, 'transactions'],
    ['a first name alone', { user: { firstName: 'Jane' } }, 'user'],
    ['a name over 35 characters', { user: { companyName: 'x'.repeat(36) } }, 'user.companyName'],
    [
      'a bad external reference',
      { user: { companyName: 'A', externalReference: 'a b' } },
      'user.externalReference',
    ],
    ['a client reference over 100', { clientReference: 'x'.repeat(101) }, 'clientReference'],
    ['an unknown date format', { expiredDate: 'tomorrow' }, 'expiredDate'],
    [
      'a beneficiary without IBAN',
      { transactions: [{ amount: 1, currency: 'EUR', beneficiary: { name: 'B' } }] },
      'transactions.0.beneficiary.iban',
    ],
  ])('createPaymentLink refuses %s without sending anything', async (_, override, path) => {
    const { fetch, requests } = answering(200, {})
    const params = { ...validLink, ...override } as Parameters<typeof createPaymentLink>[1]
    expectInputError(await createPaymentLink(clientContext(fetch), params)(), requests, path)
  })

  it('accepts two-decimal amounts that binary floating point cannot represent exactly', async () => {
    const { fetch, requests } = answering(200, exampleBody('payment-links.json', 'create_payment_link'))
    const ctx = clientContext(fetch)
    for (const amount of [0.29, 0.01, 1.1, 34_999.99]) {
      rightOf(await createPaymentLink(ctx, { ...validLink, transactions: [{ amount, currency: 'EUR' }] })())
    }
    expect(requests).toHaveLength(4)
  })

  it('listPaymentLinks sends its filters and reads the documented links', async () => {
    const { fetch, requests } = answering(200, exampleBody('payment-links.json', 'list_payment_links'))
    const links = rightOf(
      await collect(
        listPaymentLinks(clientContext(fetch), {
          since: '1986-06-24T15:56:49.310Z',
          until: '1986-06-24T15:56:49.310Z',
          status: 'revoked',
          limit: 50,
        }),
      )(),
    )
    expectRequest(requests[0], {
      method: 'GET',
      path: '/v3/payment/payment-links',
      search:
        '?since=1986-06-24T15%3A56%3A49.310Z&until=1986-06-24T15%3A56%3A49.310Z&status=revoked&limit=50',
      auth: 'client',
    })
    // next_uri is the string "null" in this example: the list ends there.
    expect(requests).toHaveLength(1)
    expect(links.map((link) => [link.status, link.payment_status, link.transactions.length])).toEqual([
      ['completed', 'in_progress', 1],
      ['expired', 'not_paid', 3],
    ])
  })

  it('getPaymentLink reads one link with its beneficiaries', async () => {
    const { fetch, requests } = answering(200, exampleBody('payment-links.json', 'get_payment_link'))
    const link = rightOf(await getPaymentLink(clientContext(fetch), { paymentLinkId: LINK_ID })())
    expectRequest(requests[0], {
      method: 'GET',
      path: `/v3/payment/payment-links/${LINK_ID}`,
      auth: 'client',
    })
    expect(link.status).toBe('valid')
    expect(link.transactions[0]?.execution_date).toBe('1971-11-18')
    expect(link.transactions[0]?.beneficiary?.iban).toBe('FR76XXXXXXXXXXXXXXXXXXXX185')
  })

  it('getPaymentLink reads fund_information (docs/fund-information-status) and checks its types', async () => {
    // The fund part of the example printed on docs.bridgeapi.io/docs/fund-information-status.
    const fund = {
      status: 'paid',
      payment_account_transactions: [
        { id: '01c2dc19-2b9b-5904-a8d3-ddde09adell3', status: 'received', amount: 100.0 },
      ],
    }
    const body = { ...exampleBody('payment-links.json', 'get_payment_link'), fund_information: fund }
    const { fetch } = recordingFetch((_, index) =>
      json(
        200,
        index === 0
          ? body
          : { ...body, fund_information: { status: 'paid', payment_account_transactions: [{}] } },
      ),
    )
    const ctx = clientContext(fetch)
    const link = rightOf(await getPaymentLink(ctx, { paymentLinkId: LINK_ID })())
    expect(link.fund_information).toEqual(fund)
    expectTypeOf(link.fund_information?.status).toEqualTypeOf<FundStatus | undefined>()
    const error = leftOf(await getPaymentLink(ctx, { paymentLinkId: LINK_ID })())
    expect(error._tag === 'ResponseValidationError' && error.issues.map((issue) => issue.path)).toEqual([
      'fund_information.payment_account_transactions.0.id',
    ])
  })

  it('revokePaymentLink posts no body and gives undefined; an unknown id is a 404 with an empty body', async () => {
    const { fetch, requests } = recordingFetch((_, index) => empty(index === 0 ? 200 : 404))
    const ctx = clientContext(fetch)
    expect(rightOf(await revokePaymentLink(ctx, { paymentLinkId: LINK_ID })())).toBeUndefined()
    expectRequest(requests[0], {
      method: 'POST',
      path: `/v3/payment/payment-links/${LINK_ID}/revoke`,
      auth: 'client',
    })
    expect(leftOf(await revokePaymentLink(ctx, { paymentLinkId: 'unknown' })())).toMatchObject({
      _tag: 'ApiError',
      status: 404,
    })
  })

  it('encodes ids in paths and refuses path tricks without sending anything', async () => {
    const { fetch, requests } = answering(200, exampleBody('payment-links.json', 'get_payment_link'))
    const ctx = clientContext(fetch)
    expectInputError(await revokePaymentLink(ctx, { paymentLinkId: '..' })(), requests, 'paymentLinkId')
    expectInputError(await getPaymentLink(ctx, { paymentLinkId: '' })(), requests, 'paymentLinkId')
    await getPaymentLink(ctx, { paymentLinkId: 'a/b?c' })()
    expect(requests[0]?.path).toBe('/v3/payment/payment-links/a%2Fb%3Fc')
  })
})

describe('payment requests (client credentials)', () => {
  it('createPaymentRequest sends the documented body from camelCase parameters', async () => {
    const { fetch, requests } = answering(200, exampleBody('payment-requests.json', 'create_payment_request'))
    const created = rightOf(
      await createPaymentRequest(clientContext(fetch), {
        callbackUrl: 'https://yourcompany.com',
        transactions: [
          {
            currency: 'EUR',
            label: 'payment label',
            amount: 10.5,
            clientReference: 'ABCDE-EEEE_9398848',
            endToEndId: 'E2E_TEST-123',
          },
        ],
        user: { companyName: 'ACME', externalReference: 'AEF142536-890' },
        providerId: 574,
      })(),
    )
    expectRequest(requests[0], {
      method: 'POST',
      path: '/v3/payment/payment-requests',
      body: exampleRequestBody('payment-requests.json', 'create_payment_request'),
      auth: 'client',
    })
    expect(created.id).toBe('e959dccd632c49d7922a766e946ad9e9')
  })

  it('createPaymentRequest requires a label, a provider and a callback URL', async () => {
    const { fetch, requests } = answering(200, {})
    const ctx = clientContext(fetch)
    const valid = {
      callbackUrl: 'https://yourcompany.com',
      providerId: 574,
      user: { companyName: 'ACME' },
      transactions: [{ amount: 1, currency: 'EUR', label: 'x' }],
    }
    expectInputError(
      await createPaymentRequest(ctx, {
        ...valid,
        transactions: [{ amount: 1, currency: 'EUR' }],
      } as never)(),
      requests,
      'transactions.0.label',
    )
    expectInputError(
      await createPaymentRequest(ctx, { ...valid, providerId: undefined } as never)(),
      requests,
      'providerId',
    )
    expectInputError(
      await createPaymentRequest(ctx, { ...valid, callbackUrl: 'not a url' })(),
      requests,
      'callbackUrl',
    )
    expectInputError(await createPaymentRequest(ctx, { ...valid, user: {} })(), requests, 'user')
  })

  describe('transactions[].metadata (docs.bridgeapi.io/docs/add-metadata-to-your-payments)', () => {
    const valid = {
      callbackUrl: 'https://yourcompany.com',
      providerId: 574,
      user: { companyName: 'ACME' },
    }
    const line = (metadata: Record<string, string>) => ({
      ...valid,
      transactions: [{ amount: 1, currency: 'EUR', label: 'x', metadata }],
    })
    const five = {
      a: '1',
      b: '2',
      internal_id: '123456789',
      integrity_hash: 'AH89DHE23617',
      e: 'v'.repeat(100),
    }

    it('sends up to 5 keys as given (not converted to snake_case), values up to 100 characters', async () => {
      const { fetch, requests } = answering(
        200,
        exampleBody('payment-requests.json', 'create_payment_request'),
      )
      const metadata = { ...five, a: 'k'.repeat(50) }
      rightOf(await createPaymentRequest(clientContext(fetch), line(metadata))())
      const body = requests[0]?.body as { transactions: unknown[] } | undefined
      expect(body?.transactions).toEqual([{ amount: 1, currency: 'EUR', label: 'x', metadata }])
      const camel = answering(200, exampleBody('payment-requests.json', 'create_payment_request'))
      rightOf(await createPaymentRequest(clientContext(camel.fetch), line({ orderId: '42' }))())
      expect(camel.requests[0]?.body).toMatchObject({ transactions: [{ metadata: { orderId: '42' } }] })
    })

    it.each([
      ['6 keys', { ...five, f: '6' }],
      ['a 51-character key', { ['k'.repeat(51)]: 'v' }],
      ['an empty key', { '': 'v' }],
      ['a 101-character value', { a: 'v'.repeat(101) }],
      ['a number value', { a: 1 as unknown as string }],
    ])('refuses %s before sending', async (_, metadata) => {
      const { fetch, requests } = answering(200, {})
      const error = leftOf(await createPaymentRequest(clientContext(fetch), line(metadata))())
      expect(error._tag).toBe('InputValidationError')
      if (error._tag === 'InputValidationError')
        expect(error.issues.map((issue) => issue.path)).toContainEqual(
          expect.stringMatching(/^transactions\.0\.metadata/),
        )
      expect(requests).toHaveLength(0)
    })

    it('getPaymentRequest reads the metadata and the payer ip_address back', async () => {
      const base = exampleBody('payment-requests.json', 'get_payment_request').resources[0]
      const body = {
        ...base,
        user: { ...base.user, ip_address: '192.0.2.1' },
        transactions: [{ ...base.transactions[0], metadata: { internal_id: '123456789' } }],
      }
      const { fetch } = answering(200, body)
      const request = rightOf(await getPaymentRequest(clientContext(fetch), { paymentRequestId: body.id })())
      expect(request.transactions[0]?.metadata).toEqual({ internal_id: '123456789' })
      expect(request.user?.ip_address).toBe('192.0.2.1')
      const bad = answering(200, { ...body, transactions: [{ ...body.transactions[0], metadata: { a: 1 } }] })
      const error = leftOf(await getPaymentRequest(clientContext(bad.fetch), { paymentRequestId: body.id })())
      expect(error._tag).toBe('ResponseValidationError')
    })
  })

  it('listPaymentRequests sends its filters; the "574," provider id is read as 574', async () => {
    const { fetch, requests } = answering(200, exampleBody('payment-requests.json', 'list_payment_requests'))
    const list = rightOf(
      await collect(listPaymentRequests(clientContext(fetch), { status: 'ACSC', paymentLinkId: LINK_ID }))(),
    )
    expectRequest(requests[0], {
      method: 'GET',
      path: '/v3/payment/payment-requests',
      search: `?status=ACSC&payment_link_id=${LINK_ID}`,
      auth: 'client',
    })
    expect(list.map((request) => [request.status, request.status_reason, request.provider_id])).toEqual([
      ['RJCT', 'NOAS', 574],
      ['ACSC', undefined, 574],
    ])
    expect(list[1]?.sender).toEqual({ iban: 'FR76XXXXXXXXXXXXXXXXXXXX222', name: 'Thomas Pichet' })
  })

  it('getPaymentRequest gives the same request from the wrapped and the bare shape', async () => {
    const wrapped = exampleBody('payment-requests.json', 'get_payment_request')
    const bare = { ...wrapped.resources[0], provider_id: 574 }
    const { fetch, requests } = recordingFetch((_, index) => json(200, index === 0 ? wrapped : bare))
    const ctx = clientContext(fetch)
    const fromWrapped = rightOf(
      await getPaymentRequest(ctx, { paymentRequestId: 'bb4ddd039fec46ff96a6266446a19c55' })(),
    )
    const fromBare = rightOf(
      await getPaymentRequest(ctx, { paymentRequestId: 'bb4ddd039fec46ff96a6266446a19c55' })(),
    )
    expectRequest(requests[0], {
      method: 'GET',
      path: '/v3/payment/payment-requests/bb4ddd039fec46ff96a6266446a19c55',
      auth: 'client',
    })
    expect(fromWrapped).toEqual(fromBare)
    expect(fromWrapped.id).toBe('5cde82dc416a4e94a08567ed0242f82a')
    expect(fromWrapped.provider_id).toBe(574)
  })

  it("getPaymentRequest reads each transaction's payment_account_transaction (the id a refund takes)", async () => {
    const wrapped = exampleBody('payment-requests.json', 'get_payment_request')
    const request = wrapped.resources[0]
    const received = { id: '9f7052e8-96cd-45da-8e5c-08c82ef83164', status: 'received', amount: 2 }
    const body = {
      ...request,
      transactions: request.transactions.map((t: object) => ({
        ...t,
        payment_account_transaction: received,
      })),
    }
    const { fetch } = answering(200, body)
    const read = rightOf(await getPaymentRequest(clientContext(fetch), { paymentRequestId: 'x' })())
    expect(read.transactions[0]?.payment_account_transaction).toEqual(received)
  })

  it('getPaymentRequest rejects a wrapper with several requests, or a provider id without digits', async () => {
    const one = exampleBody('payment-requests.json', 'get_payment_request').resources[0]
    const { fetch } = recordingFetch((_, index) =>
      json(200, index === 0 ? { resources: [one, one] } : { ...one, provider_id: 'demo' }),
    )
    const ctx = clientContext(fetch)
    expect(leftOf(await getPaymentRequest(ctx, { paymentRequestId: 'x' })())._tag).toBe(
      'ResponseValidationError',
    )
    expect(leftOf(await getPaymentRequest(ctx, { paymentRequestId: 'x' })())._tag).toBe(
      'ResponseValidationError',
    )
  })

  it('listPaymentRequests refuses a bad date without sending anything', async () => {
    const { fetch, requests } = answering(200, {})
    expectInputError(
      await collect(listPaymentRequests(clientContext(fetch), { since: '2024-13-01' }))(),
      requests,
      'since',
    )
  })
})

describe('payment consents (client credentials)', () => {
  const documented = {
    externalReference: 'payment-test-123',
    redirectUrl: 'https://example.com/callback',
    transactions: [{ amount: 150, currency: 'EUR', label: 'Payment for goods' }],
    user: { companyName: 'ACME', email: 'user@company.com' },
  }

  it('createPaymentConsent sends the documented body and returns the consent URL', async () => {
    const { fetch, requests } = answering(200, exampleBody('payment-consents.json', 'create_payment_consent'))
    const consent = rightOf(await createPaymentConsent(clientContext(fetch), documented)())
    expectRequest(requests[0], {
      method: 'POST',
      path: '/v3/payment/consents',
      body: exampleRequestBody('payment-consents.json', 'create_payment_consent'),
      auth: 'client',
    })
    expect(consent.consent_url).toBe(
      'https://pay.bridgeapi.io/consent/9d4d49e4-a99b-4c18-a58d-b4931c4b79db/terms',
    )
  })

  it('createPaymentConsent requires the user e-mail and a label', async () => {
    const { fetch, requests } = answering(200, {})
    const ctx = clientContext(fetch)
    expectInputError(
      await createPaymentConsent(ctx, { ...documented, user: { companyName: 'ACME' } } as never)(),
      requests,
      'user.email',
    )
    expectInputError(
      await createPaymentConsent(ctx, {
        ...documented,
        transactions: [{ amount: 1, currency: 'EUR' }],
      } as never)(),
      requests,
      'transactions.0.label',
    )
  })

  it('createPaymentConsent refuses user keys it does not document (externalReference), sending nothing', async () => {
    const { fetch, requests } = answering(200, exampleBody('payment-consents.json', 'create_payment_consent'))
    const user = { firstName: 'Jane', lastName: 'Doe', email: 'jane@doe.com', externalReference: 'REF-1' }
    const result = await createPaymentConsent(clientContext(fetch), { ...documented, user } as never)()
    expectInputError(result, requests, 'user.externalReference')
  })
})
