/** The typed errors of the webhooks entry. */
import type { Issue } from '../core/errors.js'

/**
 * The `BridgeApi-Signature` header does not prove the body came from Bridge, or it could not be
 * checked. Never holds a secret, the body or the expected signature.
 *
 * - `missing_header`: no header (reject: 401).
 * - `malformed_header`: not `v1=<64 hex digits>[,v1=<64 hex digits>…]` (reject: 401).
 * - `mismatch`: no `v1=` value matches any of the secrets (reject: 401).
 * - `no_secret`: no non-empty secret was given (your configuration: 500).
 * - `invalid_body`: the body is not raw bytes or text (e.g. already parsed JSON, which cannot be verified).
 * - `crypto_unavailable`: Web Crypto (`crypto.subtle`) is missing or failed in this runtime.
 *
 * @example
 * ```ts
 * import { verifyWebhookSignature, type WebhookSignatureError } from 'bridgeapi/webhooks'
 * const result = await verifyWebhookSignature({ body: '{}', signature: undefined, secrets: 'whsec' })()
 * if (result._tag === 'Left') {
 *   const error: WebhookSignatureError = result.left
 *   console.log(error.reason) // 'missing_header'
 * }
 * ```
 */
export interface WebhookSignatureError {
  readonly _tag: 'WebhookSignatureError'
  readonly reason:
    | 'missing_header'
    | 'malformed_header'
    | 'mismatch'
    | 'no_secret'
    | 'invalid_body'
    | 'crypto_unavailable'
  readonly message: string
}

/**
 * The body is authentic (or was not checked) but is not a webhook event this SDK can read:
 * not raw bytes or text (`invalid_body`), not UTF-8 JSON (`invalid_json`), a known event type whose
 * envelope or content breaks the documented shape (`invalid_event`, with the dotted path of each problem),
 * or, in `webhookHandler`, larger than its `maxBodyBytes` (`too_large`: answered 413, the rest unread).
 *
 * @example
 * ```ts
 * import { parseWebhookEvent } from 'bridgeapi/webhooks'
 * const result = parseWebhookEvent('{"type":"item.created","timestamp":1,"content":{}}')
 * if (result._tag === 'Left' && result.left._tag === 'WebhookPayloadError') {
 *   console.log(result.left.issues.map((issue) => issue.path)) // ['content.item_id', 'content.user_uuid']
 * }
 * ```
 */
export interface WebhookPayloadError {
  readonly _tag: 'WebhookPayloadError'
  readonly reason: 'invalid_body' | 'invalid_json' | 'invalid_event' | 'too_large'
  readonly message: string
  readonly issues: readonly Issue[]
}

/**
 * Every error `bridgeapi/webhooks` returns. Switch on `_tag`, then `reason`.
 *
 * @example
 * ```ts
 * import { verifyAndParseWebhook, type WebhookError } from 'bridgeapi/webhooks'
 * const result = await verifyAndParseWebhook({ body: '{}', signature: 'v1=00', secrets: 'whsec' })()
 * const status = (error: WebhookError) => (error._tag === 'WebhookSignatureError' ? 401 : 400)
 * if (result._tag === 'Left') console.log(status(result.left))
 * ```
 */
export type WebhookError = WebhookSignatureError | WebhookPayloadError
