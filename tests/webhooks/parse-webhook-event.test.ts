import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  isKnownWebhookEvent,
  type KnownWebhookEvent,
  parseWebhookEvent,
  type UnknownWebhookEvent,
  verifyAndParseWebhook,
  type WebhookEvent,
  type WebhookPayloadError,
} from '../../src/webhooks/index.js'
import { loadExamples, SECRET, sign } from './helpers.js'

const expectPayloadError = (body: Parameters<typeof parseWebhookEvent>[0]): WebhookPayloadError => {
  const result = parseWebhookEvent(body)
  if (result._tag === 'Right') throw new Error(`expected an error, got ${JSON.stringify(result.right)}`)
  expect(result.left._tag).toBe('WebhookPayloadError')
  return result.left
}

const parseOk = (body: Parameters<typeof parseWebhookEvent>[0]): WebhookEvent => {
  const result = parseWebhookEvent(body)
  if (result._tag === 'Left') throw new Error(`expected an event, got ${JSON.stringify(result.left)}`)
  return result.right
}

/** Parses a documented payload, checks that it comes back field for field, and narrows it to its type. */
const parseKnown = <const T extends KnownWebhookEvent['type']>(payload: {
  readonly type: T
  readonly timestamp: number
  readonly content: object
}): Extract<KnownWebhookEvent, { type: T }> => {
  const event = parseOk(JSON.stringify(payload))
  expect(event).toEqual(payload)
  if (!isKnownWebhookEvent(event) || event.type !== payload.type)
    throw new Error(`known ${payload.type} expected`)
  return event as Extract<KnownWebhookEvent, { type: T }>
}

const examples = loadExamples()

describe('parseWebhookEvent: the documented examples', () => {
  it('finds every example of both versions', () => {
    expect(examples.map((example) => `${example.version} ${example.payload.type}`)).toEqual([
      '2025-01-15 user.deleted',
      '2025-01-15 item.created',
      '2025-01-15 item.refreshed',
      '2025-01-15 item.deleted',
      '2025-01-15 item.account.created',
      '2025-01-15 item.account.updated',
      '2025-01-15 payment.transaction.created',
      '2025-01-15 payment.transaction.updated',
      '2025-01-15 payment.transaction.updated',
      '2025-01-15 payment.link.updated',
      '2025-01-15 TEST_EVENT',
      '2021-06-01 item.created',
      '2021-06-01 item.account.created',
    ])
  })

  it.each(examples)('parses $version $name as a known event, field for field', ({ body, payload }) => {
    const event = parseOk(body)
    expect(isKnownWebhookEvent(event)).toBe(true)
    expect(event.type).toBe(payload.type)
    // Nothing is dropped or coerced; only TEST_EVENT's absent content becomes {}.
    expect(event).toEqual(payload.type === 'TEST_EVENT' ? { ...payload, content: {} } : payload)
    // The bytes parse the same as the text.
    expect(parseOk(new TextEncoder().encode(body))).toEqual(event)
  })

  it('types content per event once narrowed', () => {
    const refreshed = examples.find((example) => example.payload.type === 'item.refreshed')!
    const event = parseOk(refreshed.body)
    if (!isKnownWebhookEvent(event)) throw new Error('item.refreshed is known')
    switch (event.type) {
      case 'item.refreshed':
        expectTypeOf(event.content.item_id).toEqualTypeOf<number>()
        expectTypeOf(event.content.full_refresh).toEqualTypeOf<boolean | null | undefined>()
        expect(event.content.status_code).toBe(0)
        expect(event.content.refresh_trigger).toBe('scheduler')
        expect(event.content.authentication_expires_at).toBe('2025-09-04T10:25:35Z')
        break
      default:
        throw new Error(`unexpected ${event.type}`)
    }
    expectTypeOf<KnownWebhookEvent['type']>().toEqualTypeOf<
      | 'user.deleted'
      | 'item.created'
      | 'item.refreshed'
      | 'item.deleted'
      | 'item.account.created'
      | 'item.account.updated'
      | 'item.account.deleted'
      | 'payment.transaction.created'
      | 'payment.transaction.updated'
      | 'payment.link.updated'
      | 'guidance.health.ready'
      | 'TEST_EVENT'
    >()
  })
})

// Examples printed on docs.bridgeapi.io (docs/webhook, docs/manage-your-guidance-session,
// docs/fund-information-status), field for field.
describe('parseWebhookEvent: events documented since the fixtures were gathered', () => {
  it('parses guidance.health.ready as a known event with its company number and user', () => {
    const payload = {
      content: {
        company_identification_number: '529196313',
        user_id: 'ecc4eaee-0554-4b4f-8937-3c5b816617f6',
      },
      timestamp: 1779981250435,
      type: 'guidance.health.ready' as const,
    }
    const event = parseKnown(payload)
    expectTypeOf(event.content.user_id).toEqualTypeOf<string>()
    expect(event.content.company_identification_number).toBe('529196313')
  })

  it('refuses a guidance.health.ready without its user, naming the path', () => {
    const error = expectPayloadError(
      '{"type":"guidance.health.ready","timestamp":1,"content":{"company_identification_number":"529196313"}}',
    )
    expect(error.issues.map((issue) => issue.path)).toEqual(['content.user_id'])
  })

  it('reads payment_link_fund_status on payment.link.updated', () => {
    const payload = {
      content: {
        payment_link_id: '64e61033-be1e-4dd3-9564-f03e8a5b6874',
        payment_link_status: 'completed',
        payment_link_client_reference: 'INV124',
        payment_link_fund_status: 'paid',
      },
      timestamp: 1644507383234,
      type: 'payment.link.updated' as const,
    }
    const event = parseKnown(payload)
    expect(event.content.payment_link_fund_status).toBe('paid')
    const mistyped = expectPayloadError(
      JSON.stringify({ ...payload, content: { ...payload.content, payment_link_fund_status: 3 } }),
    )
    expect(mistyped.issues.map((issue) => issue.path)).toEqual(['content.payment_link_fund_status'])
  })
})

describe('parseWebhookEvent: tolerance', () => {
  it('parses an unknown event type as a generic event', () => {
    const payload = {
      type: 'transfer.updated',
      timestamp: 1700000000000,
      content: { transfer_uuid: 't-1', status: 'executed', nested: { a: [1, 2] } },
    }
    const event = parseOk(JSON.stringify(payload))
    expect(isKnownWebhookEvent(event)).toBe(false)
    expect(event).toEqual(payload)
    if (!isKnownWebhookEvent(event)) expectTypeOf(event).toEqualTypeOf<UnknownWebhookEvent>()
  })

  it('gives an unknown event without content or timestamp an empty content', () => {
    expect(parseOk('{"type":"something.new"}')).toEqual({ type: 'something.new', content: {} })
  })

  it('strips fields Bridge adds (envelope and content) and accepts null for optional fields (2021-06-01 style)', () => {
    const content = {
      payment_transaction_id: 'pt-1',
      payment_request_id: 'pr-1',
      payment_link_id: null,
      client_reference: null,
      end_to_end_id: null,
      status: 'NEWCODE',
      status_reason: null,
    }
    const payload = {
      type: 'payment.transaction.updated',
      timestamp: 1612783550980,
      delivery_id: 'd-1',
      content: { ...content, new_field: { x: 1 } },
    }
    expect(parseOk(JSON.stringify(payload))).toStrictEqual({
      type: 'payment.transaction.updated',
      timestamp: 1612783550980,
      content,
    })
  })

  it('accepts an item.account.deleted whose payload Bridge does not document', () => {
    const payload = { type: 'item.account.deleted', timestamp: 1, content: { account_id: 22908770 } }
    expect(parseOk(JSON.stringify(payload))).toEqual(payload)
  })
})

describe('parseWebhookEvent: errors', () => {
  it('reports each missing or mistyped field of a known event with its path, without coercion', () => {
    const missing = expectPayloadError('{"type":"item.created","timestamp":1,"content":{}}')
    expect(missing.reason).toBe('invalid_event')
    expect(missing.issues.map((issue) => issue.path)).toEqual(['content.item_id', 'content.user_uuid'])
    const mistyped = expectPayloadError(
      JSON.stringify({
        type: 'item.account.updated',
        timestamp: '1612782588323',
        content: { account_id: '22908770', item_id: 1, user_uuid: 'u', nb_new_transactions: '3' },
      }),
    )
    expect(mistyped.issues.map((issue) => issue.path)).toEqual([
      'timestamp',
      'content.account_id',
      'content.nb_new_transactions',
    ])
    expect(mistyped.message).toContain('content.account_id')
    const noContent = expectPayloadError('{"type":"payment.transaction.updated","timestamp":1}')
    expect(noContent.issues.map((issue) => issue.path)).toEqual(['content'])
    const noStatus = expectPayloadError(
      '{"type":"payment.transaction.updated","timestamp":1,"content":{"payment_transaction_id":"a","payment_request_id":"b"}}',
    )
    expect(noStatus.issues.map((issue) => issue.path)).toEqual(['content.status'])
  })

  it('rejects an envelope without a usable type or timestamp', () => {
    expect(expectPayloadError('{"timestamp":1,"content":{}}').issues.map((issue) => issue.path)).toEqual([
      'type',
    ])
    expect(expectPayloadError('{"type":42,"content":{}}').issues.map((issue) => issue.path)).toEqual(['type'])
    expect(expectPayloadError('{"type":"","content":{}}').issues.map((issue) => issue.path)).toEqual(['type'])
    expect(expectPayloadError('{"type":"x.y","timestamp":1.5}').issues.map((issue) => issue.path)).toEqual([
      'timestamp',
    ])
    expect(expectPayloadError('{"type":"x.y","content":[1]}').issues.map((issue) => issue.path)).toEqual([
      'content',
    ])
    const arrayContent = expectPayloadError('{"type":"item.created","timestamp":1,"content":[4568477,"u"]}')
    expect(arrayContent.issues).toEqual([{ path: 'content', message: 'must be a JSON object' }])
    for (const body of ['[]', 'null', '42', '"item.created"']) {
      const error = expectPayloadError(body)
      expect(error.reason).toBe('invalid_event')
      expect(error.issues.length).toBeGreaterThan(0)
    }
  })

  it('rejects a body that is not UTF-8 JSON, or not raw', () => {
    for (const body of ['', '{', '{"type":"item.created",}', "{'type':'x'}"]) {
      expect(expectPayloadError(body)).toMatchObject({ reason: 'invalid_json', issues: [] })
    }
    expect(expectPayloadError(new Uint8Array([0x7b, 0xff, 0x7d])).reason).toBe('invalid_json')
    expect(expectPayloadError({ type: 'item.created' } as unknown as string).reason).toBe('invalid_body')
  })
})

describe('verifyAndParseWebhook', () => {
  const example = examples.find((entry) => entry.payload.type === 'item.account.updated')!

  it('returns the event when the signature matches', async () => {
    const result = await verifyAndParseWebhook({
      body: example.body,
      signature: `v1=${sign(example.body, SECRET)}`,
      secrets: SECRET,
    })()
    expect(result).toEqual({ _tag: 'Right', right: example.payload })
  })

  it('does not parse a body whose signature does not match', async () => {
    const result = await verifyAndParseWebhook({
      body: '{not json',
      signature: `v1=${sign(example.body, SECRET)}`,
      secrets: SECRET,
    })()
    expect(result).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'WebhookSignatureError', reason: 'mismatch' },
    })
  })

  it('reports an authentic but invalid body as a payload error', async () => {
    const body = '{"type":"item.created","timestamp":1,"content":{"item_id":"1","user_uuid":"u"}}'
    const result = await verifyAndParseWebhook({
      body,
      signature: `v1=${sign(body, SECRET)}`,
      secrets: SECRET,
    })()
    expect(result).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'WebhookPayloadError', reason: 'invalid_event', issues: [{ path: 'content.item_id' }] },
    })
  })

  it.each(['Uint8Array', 'ArrayBuffer'])(
    'parses the bytes it verified, even if the caller rewrites its %s meanwhile',
    async (kind) => {
      const signed = '{"type":"TEST_EVENT","timestamp":1,"content":{"amount":100}}'
      const forged = '{"type":"TEST_EVENT","timestamp":1,"content":{"amount":999}}'
      const bytes = new TextEncoder().encode(signed)
      const body = kind === 'Uint8Array' ? bytes : bytes.buffer
      const pending = verifyAndParseWebhook({
        body,
        signature: `v1=${sign(signed, SECRET)}`,
        secrets: SECRET,
      })()
      // The caller reuses its buffer while the HMAC is being computed.
      bytes.set(new TextEncoder().encode(forged))
      expect(await pending).toEqual({
        _tag: 'Right',
        right: { type: 'TEST_EVENT', timestamp: 1, content: { amount: 100 } },
      })
    },
  )
})
