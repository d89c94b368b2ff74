/** signTestWebhook: signed webhook deliveries for your tests. */
import type { TaskEither } from 'fp-ts/TaskEither'
import * as E from '../core/either.js'
import { asTask } from '../core/task.js'
import { toHex } from './body.js'
import type { WebhookError } from './errors.js'
import { payloadError } from './parse-webhook-event.js'
import {
  hmacSha256,
  secretList,
  signatureError,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookSecrets,
} from './verify-webhook-signature.js'

/**
 * What {@link signTestWebhook} signs: either an event object (serialised with `JSON.stringify`, its
 * `timestamp` filled in), or the exact body text to sign as it is.
 *
 * @example
 * ```ts
 * import type { SignTestWebhookParams } from 'bridgeapi/webhooks'
 * const fromObject: SignTestWebhookParams = {
 *   payload: { type: 'item.created', content: { item_id: 1, user_uuid: 'u-1' } },
 *   secrets: 'test-secret',
 *   timestamp: 1_700_000_000_000,
 * }
 * const asIs: SignTestWebhookParams = { payload: '{"type":"TEST_EVENT"}', secrets: 'test-secret' }
 * ```
 */
export type SignTestWebhookParams =
  | {
      /** An event object such as `{ type, content }`, sent as `JSON.stringify` of it. */
      readonly payload: Readonly<Record<string, unknown>>
      /** Secret(s) to sign with; several give one `v1=` value each, as Bridge sends during a rotation. */
      readonly secrets: WebhookSecrets
      /**
       * Epoch milliseconds written as the event's `timestamp` (Bridge's envelope field). Default: the
       * payload's own `timestamp`, else `Date.now()`.
       */
      readonly timestamp?: number
    }
  | {
      /** The exact body, signed and returned unchanged (e.g. to test a body that is not JSON). */
      readonly payload: string
      readonly secrets: WebhookSecrets
      readonly timestamp?: never
    }

/**
 * A signed test delivery: send `body` with `headers` (e.g. `new Request(url, { method: 'POST', body, headers })`).
 *
 * @example
 * ```ts
 * import type { SignedTestWebhook } from 'bridgeapi/webhooks'
 * const toRequest = (signed: SignedTestWebhook) =>
 *   new Request('http://localhost:3000/webhooks/bridge', { method: 'POST', body: signed.body, headers: signed.headers })
 * ```
 */
export interface SignedTestWebhook {
  /** The body that was signed, byte for byte. */
  readonly body: string
  readonly headers: {
    /** `v1=<upper-case hex HMAC-SHA256 of body>`, one comma-separated value per secret. */
    readonly 'BridgeApi-Signature': string
    readonly 'content-type': 'application/json'
  }
}

const refuse = (reason: 'invalid_body' | 'invalid_event', message: string) =>
  E.left(payloadError(reason, message))

/** The body to sign, or why there is none. */
const bodyOf = (params: SignTestWebhookParams): E.Either<WebhookError, string> => {
  const { payload, timestamp } = params as { payload: unknown; timestamp?: unknown }
  if (typeof payload === 'string')
    return timestamp === undefined
      ? E.right(payload)
      : refuse('invalid_body', 'timestamp cannot be set in a payload given as text: put it in the text')
  if (
    typeof payload !== 'object' ||
    payload === null ||
    Array.isArray(payload) ||
    ArrayBuffer.isView(payload)
  )
    return refuse('invalid_body', 'payload must be an event object or the body as a string')
  if (timestamp !== undefined && !(Number.isSafeInteger(timestamp) && (timestamp as number) >= 0))
    return refuse('invalid_event', 'timestamp must be epoch milliseconds (a non-negative integer)')
  const event = payload as Record<string, unknown>
  try {
    return E.right(JSON.stringify({ ...event, timestamp: timestamp ?? event.timestamp ?? Date.now() }))
  } catch {
    // BigInt values and cycles cannot be serialised.
    return refuse('invalid_body', 'payload cannot be serialised as JSON')
  }
}

/**
 * Signs a webhook delivery as Bridge does, for your own tests (as Stripe's `generateTestHeaderString`):
 * the result passes `verifyWebhookSignature`, `verifyAndParseWebhook` and `webhookHandler` with the same
 * secret. Bridge signs the raw body only (no timestamp in the signature), so a signed body stays valid
 * forever: never sign with a production secret outside your tests. Never throws.
 *
 * @param params - `payload` (an event object, or the exact body text), `secrets`, optional `timestamp`.
 * @returns a task of the {@link SignedTestWebhook}, or of a `WebhookPayloadError` (payload not
 *   serialisable) or `WebhookSignatureError` (`no_secret`, `crypto_unavailable`).
 * @example
 * ```ts
 * import { signTestWebhook, webhookHandler } from 'bridgeapi/webhooks'
 * const handler = webhookHandler({ secrets: 'test-secret', onEvent: (event) => console.log(event.type) })
 * const signed = await signTestWebhook({
 *   payload: { type: 'item.created', content: { item_id: 1, user_uuid: 'u-1' } },
 *   secrets: 'test-secret',
 * })()
 * if (signed._tag === 'Right') {
 *   const { body, headers } = signed.right
 *   const response = await handler(new Request('http://localhost/webhooks', { method: 'POST', body, headers }))
 *   console.log(response.status) // 200
 * }
 * ```
 */
export const signTestWebhook = (
  params: SignTestWebhookParams,
): TaskEither<WebhookError, SignedTestWebhook> => {
  const body = bodyOf(params ?? ({} as SignTestWebhookParams))
  const secrets = secretList(params?.secrets)
  return asTask(async () => {
    if (E.isLeft(body)) return body
    if (secrets.length === 0) return E.left(signatureError('no_secret', 'No webhook secret was given'))
    const subtle = globalThis.crypto?.subtle
    const failed = E.left(signatureError('crypto_unavailable', 'Web Crypto could not compute HMAC-SHA256'))
    if (!subtle) return failed
    const bytes = new TextEncoder().encode(body.right)
    try {
      const macs = await Promise.all(secrets.map((secret) => hmacSha256(subtle, secret, bytes)))
      const signature = macs.map((mac) => `v1=${toHex(mac).toUpperCase()}`).join(',')
      return E.right({
        body: body.right,
        headers: { [WEBHOOK_SIGNATURE_HEADER]: signature, 'content-type': 'application/json' } as const,
      })
    } catch {
      return failed
    }
  })
}
