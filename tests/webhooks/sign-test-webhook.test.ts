import { describe, expect, it } from 'vitest'
import {
  Redacted,
  type SignTestWebhookParams,
  signTestWebhook,
  verifyAndParseWebhook,
  verifyWebhookSignature,
  webhookHandler,
} from '../../src/webhooks/index.js'
import { loadExamples, PREVIOUS_SECRET, SECRET, sign } from './helpers.js'

const signed = async (params: SignTestWebhookParams) => {
  const result = await signTestWebhook(params)()
  if (result._tag === 'Left') throw new Error(`unexpected ${result.left.reason}`)
  return result.right
}
const failure = async (params: unknown) => {
  const result = await signTestWebhook(params as SignTestWebhookParams)()
  return result._tag === 'Left' ? [result.left._tag, result.left.reason] : 'signed'
}

describe('signTestWebhook', () => {
  it('signs every documented example exactly as Bridge does (node:crypto agrees, upper-case hex)', async () => {
    for (const example of loadExamples()) {
      const { body, headers } = await signed({ payload: example.body, secrets: SECRET })
      expect(body).toBe(example.body)
      expect(headers).toEqual({
        'BridgeApi-Signature': `v1=${sign(example.body, SECRET)}`,
        'content-type': 'application/json',
      })
    }
  })

  it('round-trips through verifyWebhookSignature, verifyAndParseWebhook and webhookHandler', async () => {
    const example = loadExamples().find((entry) => entry.payload.type === 'item.account.updated')!
    const { body, headers } = await signed({ payload: example.payload, secrets: new Redacted(SECRET) })
    const signature = headers['BridgeApi-Signature']
    expect(await verifyWebhookSignature({ body, signature, secrets: SECRET })()).toEqual({
      _tag: 'Right',
      right: true,
    })
    expect(await verifyAndParseWebhook({ body, signature, secrets: SECRET })()).toEqual({
      _tag: 'Right',
      right: example.payload,
    })
    const events: unknown[] = []
    const handler = webhookHandler({ secrets: SECRET, onEvent: (event) => void events.push(event) })
    const response = await handler(new Request('https://app.example/hook', { method: 'POST', body, headers }))
    expect([response.status, events]).toEqual([200, [example.payload]])
  })

  it('a tampered body, or another secret, fails verification', async () => {
    const { body, headers } = await signed({
      payload: { type: 'item.created', timestamp: 1, content: { item_id: 1, user_uuid: 'u' } },
      secrets: SECRET,
    })
    const signature = headers['BridgeApi-Signature']
    const tampered = body.replace('"item_id":1', '"item_id":2')
    expect(tampered).not.toBe(body)
    for (const [checked, secrets] of [
      [tampered, SECRET],
      [body, PREVIOUS_SECRET],
    ]) {
      const result = await verifyWebhookSignature({
        body: checked as string,
        signature,
        secrets: secrets as string,
      })()
      expect(result._tag === 'Left' && result.left.reason).toBe('mismatch')
    }
  })

  it('with several secrets, sends one v1= value per secret, as Bridge does during a rotation', async () => {
    const { body, headers } = await signed({
      payload: '{"type":"TEST_EVENT"}',
      secrets: [SECRET, PREVIOUS_SECRET],
    })
    expect(headers['BridgeApi-Signature']).toBe(`v1=${sign(body, SECRET)},v1=${sign(body, PREVIOUS_SECRET)}`)
    for (const secrets of [SECRET, PREVIOUS_SECRET]) {
      const result = await verifyWebhookSignature({
        body,
        signature: headers['BridgeApi-Signature'],
        secrets,
      })()
      expect(result._tag).toBe('Right')
    }
  })

  it('serialises an event object, with the timestamp given, its own, or now', async () => {
    const content = { item_id: 1, user_uuid: 'u' }
    expect(
      (await signed({ payload: { type: 'item.created', content }, secrets: SECRET, timestamp: 42 })).body,
    ).toBe('{"type":"item.created","content":{"item_id":1,"user_uuid":"u"},"timestamp":42}')
    expect(
      (
        await signed({
          payload: { type: 'item.created', timestamp: 7, content },
          secrets: SECRET,
          timestamp: 42,
        })
      ).body,
    ).toBe('{"type":"item.created","timestamp":42,"content":{"item_id":1,"user_uuid":"u"}}')
    expect(
      (await signed({ payload: { type: 'item.created', timestamp: 7, content }, secrets: SECRET })).body,
    ).toBe('{"type":"item.created","timestamp":7,"content":{"item_id":1,"user_uuid":"u"}}')
    const before = Date.now()
    const { body } = await signed({ payload: { type: 'item.created', content }, secrets: SECRET })
    const stamped = JSON.parse(body).timestamp
    expect(stamped >= before && stamped <= Date.now()).toBe(true)
  })

  it('refuses what it cannot sign with a typed error, never throwing', async () => {
    const bigint = { type: 'x', content: { n: 1n } }
    expect(await failure({ payload: '{}', secrets: '' })).toEqual(['WebhookSignatureError', 'no_secret'])
    expect(await failure({ payload: '{}', secrets: [undefined, ''] })).toEqual([
      'WebhookSignatureError',
      'no_secret',
    ])
    expect(await failure({ payload: [1], secrets: SECRET })).toEqual(['WebhookPayloadError', 'invalid_body'])
    expect(await failure({ payload: new Uint8Array(1), secrets: SECRET })).toEqual([
      'WebhookPayloadError',
      'invalid_body',
    ])
    expect(await failure({ payload: null, secrets: SECRET })).toEqual(['WebhookPayloadError', 'invalid_body'])
    expect(await failure({ payload: bigint, secrets: SECRET })).toEqual([
      'WebhookPayloadError',
      'invalid_body',
    ])
    expect(await failure({ payload: '{}', secrets: SECRET, timestamp: 1 })).toEqual([
      'WebhookPayloadError',
      'invalid_body',
    ])
    expect(await failure({ payload: {}, secrets: SECRET, timestamp: 1.5 })).toEqual([
      'WebhookPayloadError',
      'invalid_event',
    ])
    expect(await failure(undefined)).toEqual(['WebhookPayloadError', 'invalid_body'])
  })

  it('never shows the secret in what it returns', async () => {
    const result = await signTestWebhook({ payload: { type: 'TEST_EVENT' }, secrets: SECRET })()
    const failed = await signTestWebhook({ payload: [] as never, secrets: SECRET })()
    expect(JSON.stringify([result, failed])).not.toContain(SECRET)
  })
})
