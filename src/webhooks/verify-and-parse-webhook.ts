/** verifyAndParseWebhook: signature check and parsing in one call. */
import type { TaskEither } from 'fp-ts/TaskEither'
import * as E from '../core/either.js'
import { asTask } from '../core/task.js'
import { bodyBytes } from './body.js'
import type { WebhookError } from './errors.js'
import type { WebhookEvent } from './models.js'
import { parseWebhookEvent } from './parse-webhook-event.js'
import { type VerifyWebhookSignatureParams, verifySignedBytes } from './verify-webhook-signature.js'

/**
 * Verifies a webhook delivery's signature, then parses its body: the one call a webhook endpoint needs.
 * Nothing is parsed unless the signature matches. Never throws.
 *
 * @param params - `body` (raw, as received), `signature` (the `BridgeApi-Signature` header), `secrets`.
 * @returns a task (run it: `verifyAndParseWebhook(params)()`) of the typed event, or of a
 *   {@link WebhookError}: a `WebhookSignatureError` (answer 401) or a `WebhookPayloadError` (answer 400).
 * @example
 * ```ts
 * import { isKnownWebhookEvent, verifyAndParseWebhook, WEBHOOK_SIGNATURE_HEADER } from 'bridgeapi/webhooks'
 * const handle = async (request: Request, secret: string): Promise<Response> => {
 *   const result = await verifyAndParseWebhook({
 *     body: await request.arrayBuffer(),
 *     signature: request.headers.get(WEBHOOK_SIGNATURE_HEADER),
 *     secrets: secret,
 *   })()
 *   if (result._tag === 'Left') {
 *     // A forged or damaged signature is 401; an authentic body that is not an event is 400.
 *     const status = result.left._tag === 'WebhookSignatureError' ? 401 : 400
 *     return new Response(result.left.message, { status })
 *   }
 *   const event = result.right
 *   if (isKnownWebhookEvent(event) && event.type === 'item.refreshed') console.log(event.content.item_id)
 *   return new Response('ok')
 * }
 * ```
 */
export const verifyAndParseWebhook = (
  params: VerifyWebhookSignatureParams,
): TaskEither<WebhookError, WebhookEvent> => {
  // One copy, taken now, is verified and then parsed: later changes to the caller's buffer cannot
  // swap in an unverified body.
  const bytes = bodyBytes(params.body)
  return asTask(async () => {
    const verified = await verifySignedBytes(bytes, params)
    return E.isLeft(verified) ? verified : parseWebhookEvent(bytes as Uint8Array)
  })
}
