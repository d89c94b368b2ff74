/** parseWebhookEvent: a verified body as a typed webhook event. */
import * as v from 'valibot'
import * as E from '../core/either.js'
import { toIssues } from '../core/errors.js'
import { bodyText, type WebhookBody } from './body.js'
import type { WebhookPayloadError } from './errors.js'
import { WebhookEvent } from './models.js'

/** A {@link WebhookPayloadError}. */
export const payloadError = (
  reason: WebhookPayloadError['reason'],
  message: string,
  issues: WebhookPayloadError['issues'] = [],
): WebhookPayloadError => ({ _tag: 'WebhookPayloadError', reason, message, issues })

/**
 * Parses a webhook body into a typed {@link WebhookEvent}: documented types are checked against their
 * schema, other types parse as an `UnknownWebhookEvent`. Does not check the signature: use
 * `verifyAndParseWebhook` on anything that came over the network. Never throws.
 *
 * @param body - the raw body (text or bytes).
 * @returns the event, or a {@link WebhookPayloadError} (with the path of each problem).
 * @example
 * ```ts
 * import { parseWebhookEvent } from 'bridgeapi/webhooks'
 * const result = parseWebhookEvent('{"type":"user.deleted","timestamp":1612782588323,"content":{"user_uuid":"u-1"}}')
 * if (result._tag === 'Right') console.log(result.right.type) // 'user.deleted'
 * ```
 */
export const parseWebhookEvent = (body: WebhookBody): E.Either<WebhookPayloadError, WebhookEvent> => {
  const text = bodyText(body)
  if (text === undefined)
    return E.left(payloadError('invalid_body', 'The body must be a string, Uint8Array or ArrayBuffer'))
  if (text === null) return E.left(payloadError('invalid_json', 'The body is not valid UTF-8'))
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return E.left(payloadError('invalid_json', 'The body is not valid JSON'))
  }
  const result = v.safeParse(WebhookEvent, json)
  if (result.success) return E.right(result.output)
  const issues = toIssues(result.issues)
  const where = issues.map((issue) => issue.path || '(root)').join(', ')
  return E.left(payloadError('invalid_event', `The body is not a valid webhook event (${where})`, issues))
}
