/** createWebhookHandler: verify, parse and hand each delivery to your code once. */
import * as E from '../core/either.js'
import { type DeliveryClaim, type DeliveryStore, deliveryKey } from './delivery-store.js'
import type { WebhookError, WebhookPayloadError } from './errors.js'
import type { WebhookEvent } from './models.js'
import { verifyAndParseWebhook } from './verify-and-parse-webhook.js'
import {
  parseSignatureHeader,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookSecrets,
} from './verify-webhook-signature.js'

/**
 * What {@link webhookHandler} needs.
 *
 * @example
 * ```ts
 * import { webhookHandler, type WebhookHandlerOptions } from 'bridgeapi/webhooks'
 * const options: WebhookHandlerOptions = {
 *   secrets: 'whsec',
 *   onEvent: (event) => console.log(event.type),
 *   onError: (error) => console.warn(error._tag, error.reason),
 * }
 * const handler = webhookHandler(options)
 * ```
 */
export interface WebhookHandlerOptions {
  /** Your webhook secret(s): the current one, and the previous one during a rotation. */
  readonly secrets: WebhookSecrets
  /**
   * Called once per authentic, well-formed delivery. If it throws or rejects, the handler answers 500
   * so Bridge delivers the event again: make it idempotent.
   */
  readonly onEvent: (event: WebhookEvent) => void | Promise<void>
  /** Called with each rejected delivery's error, e.g. to log it. Must not throw (if it does, it is ignored). */
  readonly onError?: (error: WebhookError) => void
  /**
   * Largest body read, in bytes (default 1 MiB; Bridge's events are a few hundred bytes). A larger
   * body is answered 413 with a `WebhookPayloadError` (`too_large`), and the rest is not read.
   */
  readonly maxBodyBytes?: number
  /**
   * De-duplication of deliveries (off by default): an authentic delivery whose body was already
   * handled is answered 200 without calling `onEvent` again. See {@link WebhookDedupOptions}.
   */
  readonly dedup?: WebhookDedupOptions
}

/**
 * How {@link webhookHandler} de-duplicates deliveries. A delivery is known by the SHA-256 of its raw
 * body (Bridge's events have no id; equal bodies are the same event). Before `onEvent` the handler
 * claims the delivery (`pending` for `leaseMs`); when `onEvent` succeeds the mark becomes `done` for
 * `ttlMs`; when it fails the mark is released, so Bridge's retry is handled. While a delivery is being
 * handled, a copy of it is answered 409, so that Bridge tries again later rather than taking it as
 * handled. The trade-offs: if the process dies inside `onEvent`, copies get 409 until `leaseMs` ends
 * (then one is handled); if `onEvent` runs longer than `leaseMs`, a copy can be handled at the same
 * time; a copy arriving after `ttlMs` is handled again. So keep `onEvent` idempotent all the same.
 *
 * @example
 * ```ts
 * import { memoryDeliveryStore, type WebhookDedupOptions } from 'bridgeapi/webhooks'
 * const dedup: WebhookDedupOptions = { store: memoryDeliveryStore(), ttlMs: 3 * 24 * 3_600_000, leaseMs: 60_000 }
 * ```
 */
export interface WebhookDedupOptions {
  /** Where deliveries are remembered: `memoryDeliveryStore()`, or a shared store from `bridgeapi/stores(/redis)`. */
  readonly store: DeliveryStore
  /** How long a handled delivery is remembered, in ms. Default 7 days (a positive integer, else the default). */
  readonly ttlMs?: number
  /**
   * How long a delivery being handled holds its mark, in ms: past it a copy is handled (e.g. after a
   * crash inside `onEvent`). Default 5 minutes (a positive integer, else the default).
   */
  readonly leaseMs?: number
}

/** Default {@link WebhookHandlerOptions.maxBodyBytes}: 1 MiB. */
const DEFAULT_MAX_BODY_BYTES = 1_048_576
/** Default {@link WebhookDedupOptions.ttlMs}: 7 days. */
const DEFAULT_DEDUP_TTL_MS = 7 * 24 * 3_600_000
/** Default {@link WebhookDedupOptions.leaseMs}: 5 minutes. */
const DEFAULT_DEDUP_LEASE_MS = 5 * 60_000

const positiveInteger = (value: unknown, fallback: number): number =>
  Number.isSafeInteger(value) && (value as number) > 0 ? (value as number) : fallback

const tooLarge = (max: number): WebhookPayloadError => ({
  _tag: 'WebhookPayloadError',
  reason: 'too_large',
  message: `The body is larger than ${max} bytes`,
  issues: [],
})

/**
 * Reads at most `max` bytes of the body: `too_large` as soon as the declared length or the bytes
 * read pass it (the stream is then cancelled, not drained). Rejects when the stream fails.
 */
const readCapped = async (request: Request, max: number): Promise<Uint8Array<ArrayBuffer> | 'too_large'> => {
  if (Number(request.headers.get('content-length')) > max) return 'too_large'
  if (!request.body) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      reader.cancel().catch(() => {})
      return 'too_large'
    }
    chunks.push(value)
  }
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}

const answer = (status: number, text: string, headers: Record<string, string> = {}): Response =>
  new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } })

/** 500 for errors in your own configuration (so Bridge retries once it is fixed), 401, 413 or 400 otherwise. */
const statusOf = (error: WebhookError): number =>
  error._tag === 'WebhookPayloadError'
    ? error.reason === 'too_large'
      ? 413
      : 400
    : error.reason === 'no_secret' || error.reason === 'crypto_unavailable'
      ? 500
      : 401

/**
 * A Web-standard request handler for Bridge webhooks (Cloudflare Workers, Deno, Bun, Vercel edge, or
 * Node through any `Request`/`Response` adapter): checks the signature header is there, reads the raw body
 * (up to `maxBodyBytes`), verifies the signature, parses the event and calls `onEvent`. Answers 405 to
 * anything but POST, 401 to a bad or missing signature (a missing or malformed header before reading the
 * body), 413 to a body over `maxBodyBytes`, 400 to a body that is not a webhook event, 500 when `onEvent`
 * fails, 200 otherwise. With `dedup`, a delivery already handled is answered 200 without calling
 * `onEvent`, a copy of one being handled 409, and a failing delivery store 500 (see {@link WebhookDedupOptions}).
 *
 * @param options - `secrets`, `onEvent`, optional `onError`, `maxBodyBytes`, `dedup`.
 * @returns `(request: Request) => Promise<Response>`; it never rejects.
 * @example
 * ```ts
 * import { isKnownWebhookEvent, webhookHandler } from 'bridgeapi/webhooks'
 * const handler = webhookHandler({
 *   secrets: [Deno.env.get('BRIDGE_WEBHOOK_SECRET'), Deno.env.get('BRIDGE_WEBHOOK_SECRET_PREVIOUS')],
 *   onEvent: async (event) => {
 *     if (isKnownWebhookEvent(event) && event.type === 'item.account.updated') console.log(event.content.account_id)
 *   },
 * })
 * Deno.serve(handler) // or: export default { fetch: handler } (Workers, Bun)
 * ```
 */
export const webhookHandler = (options: WebhookHandlerOptions) => {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const dedup = options.dedup && {
    store: options.dedup.store,
    ttlMs: positiveInteger(options.dedup.ttlMs, DEFAULT_DEDUP_TTL_MS),
    leaseMs: positiveInteger(options.dedup.leaseMs, DEFAULT_DEDUP_LEASE_MS),
  }
  const handle = async (event: WebhookEvent): Promise<Response> => {
    try {
      await options.onEvent(event)
    } catch {
      return answer(500, 'Event handler failed')
    }
    return answer(200, 'OK')
  }
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'POST') return answer(405, 'Method Not Allowed', { allow: 'POST' })
    const refuse = (error: WebhookError): Response => {
      try {
        options.onError?.(error)
      } catch {
        // A failing logger must not change the answer.
      }
      return answer(statusOf(error), `${error._tag}: ${error.reason}`)
    }
    const signature = request.headers.get(WEBHOOK_SIGNATURE_HEADER)
    // An unsigned request is refused before its body is read: anyone can send one.
    const header = parseSignatureHeader(signature)
    if (E.isLeft(header)) return refuse(header.left)
    let body: Uint8Array<ArrayBuffer> | 'too_large'
    try {
      body = await readCapped(request, maxBodyBytes)
    } catch {
      return answer(400, 'Unreadable body')
    }
    if (body === 'too_large') return refuse(tooLarge(maxBodyBytes))
    const result = await verifyAndParseWebhook({ body, signature, secrets: options.secrets })()
    if (E.isLeft(result)) return refuse(result.left)
    const event = result.right
    if (!dedup) return handle(event)
    let key: string
    let claim: DeliveryClaim
    try {
      key = await deliveryKey(body)
      claim = await dedup.store.claim(key, dedup.leaseMs)
    } catch {
      return answer(500, 'Delivery store failed')
    }
    if (claim === 'done') return answer(200, 'OK (already handled)')
    if (claim === 'pending') return answer(409, 'This delivery is being handled')
    const response = await handle(event)
    // A failed store call only shortens or lengthens a mark: the lease ends on its own.
    if (response.ok) await dedup.store.commit(key, dedup.ttlMs).catch(() => {})
    else await dedup.store.release(key).catch(() => {})
    return response
  }
}
