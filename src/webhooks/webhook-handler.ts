import * as E from '../core/either.js'
import type { WebhookError } from './errors.js'
import type { WebhookEvent } from './models.js'
import { verifyAndParseWebhook } from './verify-and-parse-webhook.js'
import { WEBHOOK_SIGNATURE_HEADER, type WebhookSecrets } from './verify-webhook-signature.js'

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
}

const answer = (status: number, text: string, headers: Record<string, string> = {}): Response =>
  new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } })

/** 500 for errors in your own configuration (so Bridge retries once it is fixed), 401 or 400 otherwise. */
const statusOf = (error: WebhookError): number =>
  error._tag === 'WebhookPayloadError'
    ? 400
    : error.reason === 'no_secret' || error.reason === 'crypto_unavailable'
      ? 500
      : 401

/**
 * A Web-standard request handler for Bridge webhooks (Cloudflare Workers, Deno, Bun, Vercel edge, or
 * Node through any `Request`/`Response` adapter): reads the raw body, verifies the signature, parses the
 * event and calls `onEvent`. Answers 405 to anything but POST, 401 to a bad or missing signature, 400 to
 * a body that is not a webhook event, 500 when `onEvent` fails, 200 otherwise.
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
export const webhookHandler =
  (options: WebhookHandlerOptions) =>
  async (request: Request): Promise<Response> => {
    if (request.method !== 'POST') return answer(405, 'Method Not Allowed', { allow: 'POST' })
    let body: ArrayBuffer
    try {
      body = await request.arrayBuffer()
    } catch {
      return answer(400, 'Unreadable body')
    }
    const result = await verifyAndParseWebhook({
      body,
      signature: request.headers.get(WEBHOOK_SIGNATURE_HEADER),
      secrets: options.secrets,
    })
    if (E.isLeft(result)) {
      try {
        options.onError?.(result.left)
      } catch {
        // A failing logger must not change the answer.
      }
      return answer(statusOf(result.left), `${result.left._tag}: ${result.left.reason}`)
    }
    try {
      await options.onEvent(result.right)
    } catch {
      return answer(500, 'Event handler failed')
    }
    return answer(200, 'OK')
  }
