import * as E from '../core/either.js'
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
}

/** Default {@link WebhookHandlerOptions.maxBodyBytes}: 1 MiB. */
const DEFAULT_MAX_BODY_BYTES = 1_048_576

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
const readCapped = async (request: Request, max: number): Promise<Uint8Array | 'too_large'> => {
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
 * fails, 200 otherwise.
 *
 * @param options - `secrets`, `onEvent`, optional `onError`.
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
    let body: Uint8Array | 'too_large'
    try {
      body = await readCapped(request, maxBodyBytes)
    } catch {
      return answer(400, 'Unreadable body')
    }
    if (body === 'too_large') return refuse(tooLarge(maxBodyBytes))
    const result = await verifyAndParseWebhook({ body, signature, secrets: options.secrets })()
    if (E.isLeft(result)) return refuse(result.left)
    try {
      await options.onEvent(result.right)
    } catch {
      return answer(500, 'Event handler failed')
    }
    return answer(200, 'OK')
  }
}
