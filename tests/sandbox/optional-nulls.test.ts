import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../src/sandbox/index.js'
import { call, tokenFor } from './helpers.js'

/**
 * Issue 23, point 8: where Bridge documents a request field as optional, the live API accepts an explicit
 * `null` for it, so the sandbox must too (raw HTTP, since the SDK never sends `null`). Required fields
 * still refuse `null`.
 */

const V2 = { 'bridge-version': '2021-06-01' }

describe('documented-optional body fields accept explicit null', () => {
  let server: RunningSandbox
  let token: string
  let userUuid: string
  beforeAll(async () => {
    server = await startSandbox({ seed: 7 })
    userUuid = server.sandbox.seedUser({ externalUserId: 'nulls', transactions: 0, accounts: 1 }).uuid
    token = tokenFor(server, userUuid)
  })
  afterAll(() => server.close())

  it('POST /v2/connect/items/add with every optional field null (the body the live API accepted)', async () => {
    const body = {
      prefill_email: null,
      country: null,
      bank_id: null,
      capabilities: null,
      iban: null,
      redirect_url: null,
      context: null,
    }
    const response = await call(server, 'POST', '/v2/connect/items/add', { body, token, headers: V2 })
    expect(response.status).toBe(200)
    expect(typeof response.body.redirect_url).toBe('string')
  })

  it('POST /v2/payment-requests with its optional fields null', async () => {
    const response = await call(server, 'POST', '/v2/payment-requests', {
      headers: V2,
      body: {
        bank_id: 574,
        successful_callback_url: null,
        unsuccessful_callback_url: null,
        beneficiary: null,
        client_reference: null,
        user: { first_name: 'Jane', last_name: 'Doe', email: null, external_reference: null },
        transactions: [
          {
            amount: 1,
            currency: 'EUR',
            label: 'x',
            end_to_end_id: null,
            client_reference: null,
            beneficiary: null,
          },
        ],
      },
    })
    expect(response.status).toBe(200)
  })

  it('POST /v3/aggregation/connect-sessions with all 11 optional fields null', async () => {
    const body = Object.fromEntries(
      [
        'user_email',
        'country_code',
        'capabilities',
        'allow_account_selection',
        'max_selectable_accounts',
        'callback_url',
        'context',
        'account_types',
        'provider_id',
        'item_id',
        'force_reauthentication',
      ].map((key) => [key, null]),
    )
    const response = await call(server, 'POST', '/v3/aggregation/connect-sessions', { body, token })
    expect(response.status).toBe(201)
    expect(typeof response.body.url).toBe('string')
  })

  it('POST /v3/payment/payment-requests with null optional fields, and metadata echoed back', async () => {
    const line = { amount: 2, currency: 'EUR', label: 'Invoice 7', end_to_end_id: null, beneficiary: null }
    const created = await call(server, 'POST', '/v3/payment/payment-requests', {
      body: {
        callback_url: 'https://shop.example/paid',
        provider_id: 574,
        client_reference: null,
        user: { company_name: 'ACME', email: null, external_reference: null },
        transactions: [
          { ...line, metadata: null },
          { ...line, metadata: { internal_id: '123456789', integrity_hash: 'AH89DHE23617' } },
        ],
      },
    })
    expect(created.status).toBe(200)
    const read = await call(server, 'GET', `/v3/payment/payment-requests/${created.body.id}`)
    const transactions = read.body.resources[0].transactions
    expect(transactions.map((t: { metadata?: unknown }) => t.metadata)).toEqual([
      undefined,
      { internal_id: '123456789', integrity_hash: 'AH89DHE23617' },
    ])
  })

  it('POST /v3/guidance/consents without country_code (optional in the 2026 reference)', async () => {
    const response = await call(server, 'POST', '/v3/guidance/consents', {
      body: { user_uuid: userUuid, country_code: null, company_identification_number: '529196313' },
    })
    expect(response.status).toBe(200)
  })

  it('still refuses null for a required field, and bad metadata', async () => {
    const request = (transactions: unknown[]) =>
      call(server, 'POST', '/v3/payment/payment-requests', {
        body: {
          callback_url: 'https://shop.example/paid',
          provider_id: 574,
          user: { company_name: 'A' },
          transactions,
        },
      })
    expect((await request(null as never)).status).toBe(400)
    const six = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => [k, 'v']))
    expect((await request([{ amount: 1, currency: 'EUR', label: 'x', metadata: six }])).status).toBe(400)
    expect((await request([{ amount: 1, currency: 'EUR', label: 'x', metadata: { a: 1 } }])).status).toBe(400)
    const v2 = await call(server, 'POST', '/v2/payment-requests', {
      headers: V2,
      body: {
        bank_id: null,
        user: { company_name: 'A' },
        transactions: [{ amount: 1, currency: 'EUR', label: 'x' }],
      },
    })
    expect(v2.status).toBe(400)
  })
})
