import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { type WebhookError, type WebhookEvent, webhookHandler } from '../../src/webhooks/index.js'
import { loadExamples, PREVIOUS_SECRET, SECRET, sign } from './helpers.js'

const example = loadExamples().find((entry) => entry.payload.type === 'payment.transaction.updated')!

const delivery = (body: BodyInit | null, headers: Record<string, string>, method = 'POST'): Request =>
  new Request('https://merchant.example/webhooks/bridge', {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === null ? {} : { body }),
  })

/** A handler that records what it was given. */
const setup = (onEvent: (event: WebhookEvent) => void | Promise<void> = () => {}) => {
  const events: WebhookEvent[] = []
  const errors: WebhookError[] = []
  const handler = webhookHandler({
    secrets: [SECRET, PREVIOUS_SECRET],
    onEvent: async (event) => {
      events.push(event)
      await onEvent(event)
    },
    onError: (error) => errors.push(error),
  })
  return { handler, events, errors }
}

describe('webhookHandler', () => {
  it('answers 200 and hands over the event for an authentic delivery', async () => {
    const { handler, events, errors } = setup()
    const response = await handler(
      delivery(example.body, { 'BridgeApi-Signature': `v1=${sign(example.body, SECRET)}` }),
    )
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('OK')
    expect(events).toEqual([example.payload])
    expect(errors).toEqual([])
  })

  it('verifies the bytes as received (streamed body, lower-case header name, previous secret)', async () => {
    const { handler, events } = setup()
    const bytes = new TextEncoder().encode(example.body)
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 10))
        controller.enqueue(bytes.subarray(10))
        controller.close()
      },
    })
    const request = new Request('https://merchant.example/webhooks/bridge', {
      method: 'POST',
      headers: {
        'bridgeapi-signature': `v1=${sign(example.body, 'old')},v1=${sign(example.body, PREVIOUS_SECRET)}`,
      },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect((await handler(request)).status).toBe(200)
    expect(events).toEqual([example.payload])
  })

  it('answers 401 to a tampered body, without calling onEvent', async () => {
    const { handler, events, errors } = setup()
    const tampered = example.body.replace('ACSC', 'RJCT')
    const response = await handler(
      delivery(tampered, { 'BridgeApi-Signature': `v1=${sign(example.body, SECRET)}` }),
    )
    expect(response.status).toBe(401)
    expect(await response.text()).toBe('WebhookSignatureError: mismatch')
    expect(events).toEqual([])
    expect(errors).toMatchObject([{ _tag: 'WebhookSignatureError', reason: 'mismatch' }])
  })

  it('answers 401 to a wrong secret, a missing header and a malformed header', async () => {
    const { handler, events, errors } = setup()
    const cases: [Record<string, string>, string][] = [
      [{ 'BridgeApi-Signature': `v1=${sign(example.body, 'not-ours')}` }, 'mismatch'],
      [{}, 'missing_header'],
      [{ 'BridgeApi-Signature': sign(example.body, SECRET) }, 'malformed_header'],
    ]
    for (const [headers, reason] of cases) {
      const response = await handler(delivery(example.body, headers))
      expect(response.status).toBe(401)
      expect(await response.text()).toBe(`WebhookSignatureError: ${reason}`)
    }
    expect(errors.map((error) => error._tag === 'WebhookSignatureError' && error.reason)).toEqual(
      cases.map(([, reason]) => reason),
    )
    expect(events).toEqual([])
  })

  /** A request body of `chunks` × 64 KiB that records every pull. */
  const watchedStream = (chunks: number) => {
    let pulls = 0
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulls += 1
          if (pulls > chunks) controller.close()
          else controller.enqueue(new Uint8Array(65_536).fill(0x20))
        },
        // No chunk is pulled ahead: a pull means someone read the body.
      },
      { highWaterMark: 0 },
    )
    return { stream, pulls: () => pulls }
  }
  const streamed = (body: ReadableStream<Uint8Array>, headers: Record<string, string>): Request =>
    new Request('https://merchant.example/webhooks/bridge', {
      method: 'POST',
      headers,
      body,
      duplex: 'half',
    } as RequestInit)

  it('refuses a missing or malformed signature header before reading the body', async () => {
    const { handler, errors } = setup()
    const cases: Record<string, string>[] = [{}, { 'BridgeApi-Signature': 'sha256=abc' }]
    for (const headers of cases) {
      const body = watchedStream(2)
      const response = await handler(streamed(body.stream, headers))
      expect(response.status).toBe(401)
      expect(body.pulls()).toBe(0)
    }
    expect(errors.map((error) => error._tag === 'WebhookSignatureError' && error.reason)).toEqual([
      'missing_header',
      'malformed_header',
    ])
  })

  it('answers 413 to a body over maxBodyBytes, reading no more than the cap', async () => {
    const { events } = setup()
    const errors: WebhookError[] = []
    const handler = webhookHandler({
      secrets: SECRET,
      maxBodyBytes: 200_000,
      onEvent: () => {
        throw new Error('must not be called')
      },
      onError: (error) => errors.push(error),
    })
    const signature = { 'BridgeApi-Signature': `v1=${sign('{}', SECRET)}` }
    const large = watchedStream(40)
    const response = await handler(streamed(large.stream, signature))
    expect(response.status).toBe(413)
    expect(await response.text()).toBe('WebhookPayloadError: too_large')
    // 4 × 64 KiB passes 200 000 bytes: reading stops there.
    expect(large.pulls()).toBe(4)

    // A declared length over the cap is refused without reading anything.
    const declared = watchedStream(40)
    const request = streamed(declared.stream, { ...signature, 'content-length': '300000' })
    expect((await handler(request)).status).toBe(413)
    expect(declared.pulls()).toBe(0)

    // Up to the cap, the body is read whole and verified (the default cap is 1 MiB).
    const fits = watchedStream(3)
    expect((await handler(streamed(fits.stream, signature))).status).toBe(401)
    expect(errors.map((error) => error.reason)).toEqual(['too_large', 'too_large', 'mismatch'])
    expect(errors[0]?.message).toBe('The body is larger than 200000 bytes')
    expect(events).toEqual([])
  })

  it('answers 400 to an authentic body that is not a webhook event', async () => {
    const { handler, events, errors } = setup()
    for (const body of ['{"type":', '{"type":"item.created","timestamp":1,"content":{"item_id":"x"}}']) {
      const response = await handler(delivery(body, { 'BridgeApi-Signature': `v1=${sign(body, SECRET)}` }))
      expect(response.status).toBe(400)
    }
    expect(errors).toMatchObject([
      { _tag: 'WebhookPayloadError', reason: 'invalid_json' },
      { _tag: 'WebhookPayloadError', reason: 'invalid_event' },
    ])
    expect(events).toEqual([])
  })

  it('answers 500 when onEvent fails, so Bridge delivers again', async () => {
    const { handler, events } = setup(() => {
      throw new Error('database down')
    })
    const response = await handler(
      delivery(example.body, { 'BridgeApi-Signature': `v1=${sign(example.body, SECRET)}` }),
    )
    expect(response.status).toBe(500)
    expect(events).toHaveLength(1)
  })

  it('answers 500 when no secret is configured, and ignores a throwing onError', async () => {
    const handler = webhookHandler({
      secrets: [undefined, ''],
      onEvent: () => {
        throw new Error('must not be called')
      },
      onError: () => {
        throw new Error('logger down')
      },
    })
    const response = await handler(
      delivery(example.body, { 'BridgeApi-Signature': `v1=${sign(example.body, SECRET)}` }),
    )
    expect(response.status).toBe(500)
    expect(await response.text()).toBe('WebhookSignatureError: no_secret')
  })

  it('answers 405 to anything but POST', async () => {
    const { handler, events, errors } = setup()
    const response = await handler(delivery(null, {}, 'GET'))
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
    expect(events).toEqual([])
    expect(errors).toEqual([])
  })

  it('never puts a secret in a response or an error', async () => {
    const { handler, errors } = setup()
    const texts: string[] = []
    for (const signature of [`v1=${sign(example.body, 'x')}`, 'v1=zz', '']) {
      const response = await handler(delivery(example.body, { 'BridgeApi-Signature': signature }))
      texts.push(await response.text(), JSON.stringify([...response.headers]))
    }
    texts.push(...errors.flatMap((error) => [JSON.stringify(error), String(error), inspect(error)]))
    expect(texts).toHaveLength(6 + 3 * 3)
    for (const text of texts) {
      expect(text).not.toContain(SECRET)
      expect(text).not.toContain(PREVIOUS_SECRET)
    }
  })
})
