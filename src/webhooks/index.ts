/**
 * `bridgeapi/webhooks`: webhook signature verification, typed events, de-duplication of deliveries and
 * signed test deliveries, for both API versions.
 * Web Crypto only (no `node:crypto`), so it runs in Node 20+, Deno, Bun and Cloudflare Workers.
 * @module
 */
export type { Issue } from '../core/errors.js'
export { Redacted } from '../core/redacted.js'
export type { WebhookBody } from './body.js'
export {
  type DeliveryClaim,
  type DeliveryStore,
  type MemoryDeliveryStoreOptions,
  memoryDeliveryStore,
} from './delivery-store.js'
export type { WebhookError, WebhookPayloadError, WebhookSignatureError } from './errors.js'
export {
  GuidanceHealthReadyEvent,
  ItemAccountCreatedEvent,
  ItemAccountDeletedEvent,
  ItemAccountUpdatedEvent,
  ItemCreatedEvent,
  ItemDeletedEvent,
  ItemRefreshedEvent,
  isKnownWebhookEvent,
  KnownWebhookEvent,
  PaymentLinkUpdatedEvent,
  PaymentTransactionCreatedEvent,
  PaymentTransactionUpdatedEvent,
  TestEvent,
  UnknownWebhookEvent,
  UserDeletedEvent,
  WebhookEvent,
  type WebhookEventType,
} from './models.js'
export { parseWebhookEvent } from './parse-webhook-event.js'
export { type SignedTestWebhook, type SignTestWebhookParams, signTestWebhook } from './sign-test-webhook.js'
export { verifyAndParseWebhook } from './verify-and-parse-webhook.js'
export {
  type VerifyWebhookSignatureParams,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookSecrets,
} from './verify-webhook-signature.js'
export { type WebhookDedupOptions, type WebhookHandlerOptions, webhookHandler } from './webhook-handler.js'
