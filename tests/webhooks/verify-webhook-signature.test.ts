import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { Redacted } from '../../src/core/redacted.js'
import {
  type VerifyWebhookSignatureParams,
  verifyWebhookSignature,
  type WebhookSignatureError,
} from '../../src/webhooks/index.js'
import { PREVIOUS_SECRET, SECRET, sign } from './helpers.js'

const BODY =
  '{"content":{"item_id":4568477,"user_uuid":"766b2f5d-a942-492c-9ea7-2e5aa88cb672"},"timestamp":1612782588323,"type":"item.created"}'

const verify = (params: Partial<VerifyWebhookSignatureParams>) =>
  verifyWebhookSignature({ body: BODY, signature: `v1=${sign(BODY, SECRET)}`, secrets: SECRET, ...params })()

/** Every error produced in this file, checked for secrets at the end. */
const seen: WebhookSignatureError[] = []

const expectReason = async (
  params: Partial<VerifyWebhookSignatureParams>,
  reason: WebhookSignatureError['reason'],
) => {
  const result = await verify(params)
  expect(result._tag).toBe('Left')
  if (result._tag === 'Left') {
    expect(result.left._tag).toBe('WebhookSignatureError')
    expect(result.left.reason).toBe(reason)
    seen.push(result.left)
  }
}

describe('verifyWebhookSignature', () => {
  it('accepts the upper-case hex HMAC-SHA256 of the body', async () => {
    expect(sign(BODY, SECRET)).toMatch(/^[0-9A-F]{64}$/)
    expect(await verify({})).toEqual({ _tag: 'Right', right: true })
  })

  it('accepts the same hex in lower case', async () => {
    expect(await verify({ signature: `v1=${sign(BODY, SECRET).toLowerCase()}` })).toEqual({
      _tag: 'Right',
      right: true,
    })
  })

  it('reads the body as a string, Uint8Array, Buffer slice or ArrayBuffer, UTF-8 included', async () => {
    const text = '{"type":"item.created","content":{"name":"Compte chèque — ✓"},"timestamp":1}'
    const signature = `v1=${sign(text, SECRET)}`
    const bytes = new TextEncoder().encode(text)
    // A Buffer from the shared pool is a view at a non-zero offset of a larger ArrayBuffer.
    const pooled = Buffer.from(text)
    const bodies = [text, bytes, pooled, bytes.buffer.slice(0)]
    for (const body of bodies) {
      expect(await verifyWebhookSignature({ body, signature, secrets: SECRET })()).toEqual({
        _tag: 'Right',
        right: true,
      })
    }
    expect(
      await verifyWebhookSignature({ body: '', signature: `v1=${sign('', SECRET)}`, secrets: SECRET })(),
    ).toEqual({ _tag: 'Right', right: true })
  })

  it('rejects a tampered body', async () => {
    await expectReason({ body: BODY.replace('4568477', '4568478') }, 'mismatch')
    await expectReason({ body: `${BODY} ` }, 'mismatch')
    await expectReason({ body: new TextEncoder().encode(BODY).subarray(1) }, 'mismatch')
  })

  it('rejects a signature that differs from the right one in a single hex digit', async () => {
    const good = sign(BODY, SECRET)
    const flip = (hex: string, at: number) =>
      hex.slice(0, at) + (Number.parseInt(hex[at]!, 16) ^ 1).toString(16).toUpperCase() + hex.slice(at + 1)
    for (const at of [0, 1, 31, 32, 62, 63])
      await expectReason({ signature: `v1=${flip(good, at)}` }, 'mismatch')
  })

  it('rejects a signature made with another secret', async () => {
    await expectReason({ secrets: 'another-secret' }, 'mismatch')
    await expectReason({ signature: `v1=${sign(BODY, 'attacker-secret')}` }, 'mismatch')
  })

  it('accepts any of several v1= values (Bridge signs with each active secret during a rotation)', async () => {
    const both = `v1=${sign(BODY, PREVIOUS_SECRET)},v1=${sign(BODY, SECRET)}`
    expect((await verify({ signature: both, secrets: SECRET }))._tag).toBe('Right')
    expect((await verify({ signature: both, secrets: PREVIOUS_SECRET }))._tag).toBe('Right')
    const spaced = `v1=${sign(BODY, 'gone')} , v1=${sign(BODY, SECRET).toLowerCase()}`
    expect((await verify({ signature: spaced }))._tag).toBe('Right')
    await expectReason({ signature: both, secrets: 'third-secret' }, 'mismatch')
  })

  it('accepts a match with any of several secrets, plain or Redacted', async () => {
    const signedWithPrevious = `v1=${sign(BODY, PREVIOUS_SECRET)}`
    const secrets = [new Redacted(SECRET), new Redacted(PREVIOUS_SECRET)]
    expect((await verify({ signature: signedWithPrevious, secrets }))._tag).toBe('Right')
    expect((await verify({ signature: signedWithPrevious, secrets: [SECRET, PREVIOUS_SECRET] }))._tag).toBe(
      'Right',
    )
    expect((await verify({ secrets: [undefined, '', SECRET] }))._tag).toBe('Right')
    await expectReason({ signature: signedWithPrevious, secrets: [SECRET] }, 'mismatch')
  })

  it('ignores other signature schemes but requires a v1= value', async () => {
    expect((await verify({ signature: `v2=abc,v1=${sign(BODY, SECRET)}` }))._tag).toBe('Right')
    await expectReason({ signature: 'v2=abc' }, 'malformed_header')
  })

  it('rejects a malformed header', async () => {
    const good = sign(BODY, SECRET)
    const malformed = [
      '', // empty
      '   ',
      good, // no v1=
      `sha256=${good}`,
      `v1=${good.slice(0, 63)}G`, // non-hex
      `v1=${good.slice(0, 62)}`, // too short
      `v1=${good}00`, // too long
      'v1=',
      `v1=${good},`, // trailing empty entry
      `v1=${good},garbage`,
      `v1 =${good}`,
    ]
    for (const signature of malformed) await expectReason({ signature }, 'malformed_header')
    // Node's IncomingHttpHeaders may hold a string[] for a repeated header.
    await expectReason({ signature: [`v1=${good}`] as unknown as string }, 'malformed_header')
  })

  it('rejects a missing header', async () => {
    await expectReason({ signature: undefined }, 'missing_header')
    await expectReason({ signature: null }, 'missing_header')
  })

  it('refuses to verify without a secret', async () => {
    for (const secrets of [[], '', [undefined, ''], new Redacted('')])
      await expectReason({ secrets }, 'no_secret')
    await expectReason({ secrets: undefined as unknown as string }, 'no_secret')
  })

  it('refuses a body that is not raw (e.g. parsed JSON)', async () => {
    await expectReason({ body: JSON.parse(BODY) }, 'invalid_body')
  })

  it('never shows a secret in an error', async () => {
    expect(seen.length).toBeGreaterThanOrEqual(25)
    for (const error of seen) {
      for (const text of [
        JSON.stringify(error),
        String(error),
        inspect(error, { depth: null }),
        error.message,
      ]) {
        expect(text).not.toContain(SECRET)
        expect(text).not.toContain(PREVIOUS_SECRET)
      }
    }
  })
})
