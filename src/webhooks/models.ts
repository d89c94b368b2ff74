/** The webhook events Bridge sends, as valibot schemas and their types. */
import * as v from 'valibot'
import { openEnum, Timestamp } from '../core/schema.js'
import { FundStatus, PaymentLinkStatus } from '../v3/payment-links/models.js'
import { PaymentStatus } from '../v3/payments/models.js'

/*
 * Webhook events of both API versions (2025-01-15 and 2021-06-01 share the envelope and the event names).
 * Bridge omits null fields in 2025-01-15 and may send `null` in 2021-06-01, so every field that can be
 * absent is `nullish`. Objects are exact: fields Bridge adds later still validate but are stripped from the
 * typed value (the raw body you verified keeps them); only undocumented `content` is any object.
 */

/** Epoch milliseconds, as Bridge sends `timestamp`. */
const EpochMillis = v.pipe(v.number(), v.integer(), v.minValue(0))

/** valibot's object schemas accept arrays (turning `[1]` into `{ 0: 1 }`): refuse them first. */
const NotArrayObject = v.custom<object>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'must be a JSON object',
)

/** `content` of events that do not document it: any JSON object, `{}` when absent. */
const AnyContent = v.optional(v.pipe(NotArrayObject, v.record(v.string(), v.unknown())), {})

/** The envelope `{ type, timestamp, content }` of one documented event type. */
/* @__NO_SIDE_EFFECTS__ */
const event = <const T extends string, const C extends v.ObjectEntries>(type: T, content: C) =>
  v.object({
    type: v.literal(type),
    timestamp: EpochMillis,
    content: v.pipe(NotArrayObject, v.object(content)),
  })

const UserUuid = v.string()
const ItemId = v.number()
const AccountId = v.number()
const optionalNumber = v.nullish(v.number())
const optionalString = v.nullish(v.string())
/** The item and its user, named by every item event. */
const itemFields = { item_id: ItemId, user_uuid: UserUuid }
/** The account, its item and their user, named by the account events. */
const accountFields = { account_id: AccountId, ...itemFields }

/**
 * `user.deleted` (2025-01-15): a user was deleted (e.g. by GDPR automation).
 *
 * @example
 * ```ts
 * import { UserDeletedEvent } from 'bridgeapi/webhooks'
 * import * as v from 'valibot'
 * v.parse(UserDeletedEvent, { type: 'user.deleted', timestamp: 1612782588323, content: { user_uuid: 'u' } })
 * ```
 */
export const UserDeletedEvent = event('user.deleted', { user_uuid: UserUuid })
/** A `user.deleted` event. */
export type UserDeletedEvent = v.InferOutput<typeof UserDeletedEvent>

/**
 * `item.created` (both versions): the user submitted bank credentials and the item (bank connection)
 * is being created.
 *
 * @example
 * ```ts
 * import type { ItemCreatedEvent } from 'bridgeapi/webhooks'
 * const onItemCreated = (event: ItemCreatedEvent) => console.log(event.content.item_id, event.content.user_uuid)
 * ```
 */
export const ItemCreatedEvent = event('item.created', itemFields)
/** An `item.created` event. */
export type ItemCreatedEvent = v.InferOutput<typeof ItemCreatedEvent>

/**
 * `item.refreshed` (both versions): an item was refreshed. Only `item_id` and `user_uuid` are required;
 * the 2021-06-01 payload is not documented, and the other fields are those of 2025-01-15.
 *
 * @example
 * ```ts
 * import type { ItemRefreshedEvent } from 'bridgeapi/webhooks'
 * const onRefresh = (event: ItemRefreshedEvent) => {
 *   if (event.content.status_code !== 0) console.log('item needs attention', event.content.status_code_info)
 * }
 * ```
 */
export const ItemRefreshedEvent = event('item.refreshed', {
  ...itemFields,
  /** The item's status code (0 = ok; see the item status table). */
  status_code: optionalNumber,
  /** Text form of the status, e.g. `ok`. */
  status_code_info: optionalString,
  /** `payment` (payment accounts only) or `all`. */
  account_types: v.nullish(openEnum(['payment', 'all'] as const)),
  /** Whether the whole history was fetched (not only recent transactions). */
  full_refresh: v.nullish(v.boolean()),
  /** What started the refresh: `connect`, `scheduler` (older docs also `api`). */
  refresh_trigger: v.nullish(openEnum(['connect', 'scheduler', 'api'] as const)),
  /** ISO 8601 instant when the user's bank authentication (SCA) expires. */
  authentication_expires_at: v.nullish(Timestamp),
})
/** An `item.refreshed` event. */
export type ItemRefreshedEvent = v.InferOutput<typeof ItemRefreshedEvent>

/**
 * `item.deleted` (2025-01-15): an item was deleted (e.g. by GDPR automation).
 *
 * @example
 * ```ts
 * import type { ItemDeletedEvent } from 'bridgeapi/webhooks'
 * const onItemDeleted = (event: ItemDeletedEvent) => console.log('forget item', event.content.item_id)
 * ```
 */
export const ItemDeletedEvent = event('item.deleted', itemFields)
/** An `item.deleted` event. */
export type ItemDeletedEvent = v.InferOutput<typeof ItemDeletedEvent>

/**
 * `item.account.created` (both versions): a new account was found on an item.
 *
 * @example
 * ```ts
 * import type { ItemAccountCreatedEvent } from 'bridgeapi/webhooks'
 * const onAccount = (event: ItemAccountCreatedEvent) => console.log(event.content.account_id, event.content.balance)
 * ```
 */
export const ItemAccountCreatedEvent = event('item.account.created', {
  ...accountFields,
  /** Balance in the account's currency, major units. */
  balance: optionalNumber,
})
/** An `item.account.created` event. */
export type ItemAccountCreatedEvent = v.InferOutput<typeof ItemAccountCreatedEvent>

/**
 * `item.account.updated` (both versions): transactions were added, updated or deleted, or the balance
 * changed. The transactions themselves are not in the event: fetch them.
 *
 * @example
 * ```ts
 * import type { ItemAccountUpdatedEvent } from 'bridgeapi/webhooks'
 * const onUpdate = (event: ItemAccountUpdatedEvent) => {
 *   if ((event.content.nb_new_transactions ?? 0) > 0) console.log('fetch new transactions of', event.content.account_id)
 * }
 * ```
 */
export const ItemAccountUpdatedEvent = event('item.account.updated', {
  ...accountFields,
  balance: optionalNumber,
  nb_new_transactions: optionalNumber,
  nb_updated_transactions: optionalNumber,
  nb_deleted_transactions: optionalNumber,
})
/** An `item.account.updated` event. */
export type ItemAccountUpdatedEvent = v.InferOutput<typeof ItemAccountUpdatedEvent>

/**
 * `item.account.deleted` (both versions): the bank no longer updates an account (an
 * `item.account.updated` may follow if it comes back). Bridge does not document the payload, so every
 * field is optional.
 *
 * @example
 * ```ts
 * import type { ItemAccountDeletedEvent } from 'bridgeapi/webhooks'
 * const onGone = (event: ItemAccountDeletedEvent) => console.log('account gone', event.content.account_id)
 * ```
 */
export const ItemAccountDeletedEvent = event('item.account.deleted', {
  account_id: v.nullish(AccountId),
  item_id: v.nullish(ItemId),
  user_uuid: v.nullish(UserUuid),
})
/** An `item.account.deleted` event. */
export type ItemAccountDeletedEvent = v.InferOutput<typeof ItemAccountDeletedEvent>

/** Fields shared by both payment transaction events. */
const paymentTransactionFields = {
  payment_transaction_id: v.string(),
  payment_request_id: v.string(),
  payment_link_id: optionalString,
  client_reference: optionalString,
  end_to_end_id: optionalString,
}

/**
 * `payment.transaction.created` (both versions): a payment transaction was created.
 *
 * @example
 * ```ts
 * import type { PaymentTransactionCreatedEvent } from 'bridgeapi/webhooks'
 * const onCreated = (event: PaymentTransactionCreatedEvent) => console.log(event.content.payment_request_id)
 * ```
 */
export const PaymentTransactionCreatedEvent = event('payment.transaction.created', paymentTransactionFields)
/** A `payment.transaction.created` event. */
export type PaymentTransactionCreatedEvent = v.InferOutput<typeof PaymentTransactionCreatedEvent>

/**
 * `payment.transaction.updated` (both versions): a payment transaction changed status. `status` is the
 * ISO 20022 / STET code (`CREA`, `ACTC`, `PDNG`, `ACSC` executed, `RJCT` rejected…; new codes pass).
 *
 * @example
 * ```ts
 * import type { PaymentTransactionUpdatedEvent } from 'bridgeapi/webhooks'
 * const onUpdated = (event: PaymentTransactionUpdatedEvent) => {
 *   if (event.content.status === 'RJCT') console.log('rejected:', event.content.status_reason)
 * }
 * ```
 */
export const PaymentTransactionUpdatedEvent = event('payment.transaction.updated', {
  ...paymentTransactionFields,
  status: PaymentStatus,
  /** ISO 20022 reason code of a rejection, e.g. `MS03`. */
  status_reason: optionalString,
  /** With a payment account: the matching payment-account transaction. */
  payment_account_transaction_id: optionalString,
  /** With a payment account, e.g. `received` (other values inferred from the API's upper-case statuses). */
  payment_account_transaction_status: v.nullish(openEnum(['received', 'not_received', 'refunded'] as const)),
})
/** A `payment.transaction.updated` event. */
export type PaymentTransactionUpdatedEvent = v.InferOutput<typeof PaymentTransactionUpdatedEvent>

/**
 * `payment.link.updated`: a payment link changed (e.g. `completed`). Fields as in Bridge's example
 * (docs.bridgeapi.io/docs/fund-information-status and payments-account-webhooks); every field is optional.
 *
 * @example
 * ```ts
 * import type { PaymentLinkUpdatedEvent } from 'bridgeapi/webhooks'
 * const onLink = (event: PaymentLinkUpdatedEvent) => {
 *   if (event.content.payment_link_status === 'completed') console.log('paid:', event.content.payment_link_id)
 * }
 * ```
 */
export const PaymentLinkUpdatedEvent = event('payment.link.updated', {
  payment_link_id: optionalString,
  payment_link_status: v.nullish(PaymentLinkStatus),
  payment_link_client_reference: optionalString,
  /**
   * With a payment account, the link's fund status (`unpaid`, `paid`, `refunded`…, see `FundStatus` in
   * `bridgeapi`); absent while nothing was received.
   */
  payment_link_fund_status: v.nullish(FundStatus),
  /** Not in Bridge's pages; seen in third-party code as `initiated_in_success`. Kept for older deliveries. */
  payment_status: optionalString,
})
/** A `payment.link.updated` event. */
export type PaymentLinkUpdatedEvent = v.InferOutput<typeof PaymentLinkUpdatedEvent>

/**
 * `guidance.health.ready` (2025-01-15, eligible partners): a new guidance is ready for a user who gave
 * consent (docs.bridgeapi.io/docs/webhook, manage-your-guidance-session); create a guidance session to show it.
 *
 * @example
 * ```ts
 * import type { GuidanceHealthReadyEvent } from 'bridgeapi/webhooks'
 * const onGuidance = (event: GuidanceHealthReadyEvent) =>
 *   console.log('new guidance for', event.content.user_id, event.content.company_identification_number)
 * ```
 */
export const GuidanceHealthReadyEvent = event('guidance.health.ready', {
  /** The company's identification number (in France, the SIREN). */
  company_identification_number: v.string(),
  /** The Bridge user (UUID); Bridge names it `user_id` here. */
  user_id: UserUuid,
})
/** A `guidance.health.ready` event. */
export type GuidanceHealthReadyEvent = v.InferOutput<typeof GuidanceHealthReadyEvent>

/**
 * `TEST_EVENT`: what the dashboard's "send a test" button delivers. Its payload is not documented;
 * `timestamp` may be absent and `content` is any object (`{}` when absent).
 *
 * @example
 * ```ts
 * import { TestEvent } from 'bridgeapi/webhooks'
 * import * as v from 'valibot'
 * v.parse(TestEvent, { type: 'TEST_EVENT' }) // { type: 'TEST_EVENT', content: {} }
 * ```
 */
export const TestEvent = v.object({
  type: v.literal('TEST_EVENT'),
  timestamp: v.optional(EpochMillis),
  content: AnyContent,
})
/** A `TEST_EVENT` delivery. */
export type TestEvent = v.InferOutput<typeof TestEvent>

/**
 * Every documented event, as a union discriminated by `type`.
 *
 * @example
 * ```ts
 * import { KnownWebhookEvent } from 'bridgeapi/webhooks'
 * const handle = (event: KnownWebhookEvent) => {
 *   switch (event.type) {
 *     case 'item.refreshed':
 *       return event.content.full_refresh
 *     case 'payment.transaction.updated':
 *       return event.content.status
 *   }
 * }
 * ```
 */
export const KnownWebhookEvent = v.variant('type', [
  UserDeletedEvent,
  ItemCreatedEvent,
  ItemRefreshedEvent,
  ItemDeletedEvent,
  ItemAccountCreatedEvent,
  ItemAccountUpdatedEvent,
  ItemAccountDeletedEvent,
  PaymentTransactionCreatedEvent,
  PaymentTransactionUpdatedEvent,
  PaymentLinkUpdatedEvent,
  GuidanceHealthReadyEvent,
  TestEvent,
])
/** A documented event. */
export type KnownWebhookEvent = v.InferOutput<typeof KnownWebhookEvent>

/**
 * The `type` of every documented event.
 *
 * @example
 * ```ts
 * import type { WebhookEventType } from 'bridgeapi/webhooks'
 * const subscribed: WebhookEventType[] = ['item.refreshed', 'item.account.updated']
 * ```
 */
export type WebhookEventType = KnownWebhookEvent['type']

const knownTypes: ReadonlySet<string> = new Set(
  KnownWebhookEvent.options.map((option) => option.entries.type.literal),
)

/**
 * An event whose `type` this SDK does not know (e.g. transfer events, or one Bridge adds later): the
 * envelope is checked, `content` is any object (`{}` when absent), so new events never break parsing.
 *
 * @example
 * ```ts
 * import type { UnknownWebhookEvent } from 'bridgeapi/webhooks'
 * const logUnknown = (event: UnknownWebhookEvent) => console.log(event.type, Object.keys(event.content))
 * ```
 */
export const UnknownWebhookEvent = v.object({
  type: v.pipe(
    v.string(),
    v.minLength(1),
    v.check((type) => !knownTypes.has(type), 'is a known event type'),
  ),
  timestamp: v.optional(EpochMillis),
  content: AnyContent,
})
/** An event of a type this SDK does not know. */
export type UnknownWebhookEvent = v.InferOutput<typeof UnknownWebhookEvent>

/**
 * Any webhook event: a {@link KnownWebhookEvent}, or an {@link UnknownWebhookEvent}. Because an unknown
 * `type` can be any string, narrow with {@link isKnownWebhookEvent} before switching on `type`.
 *
 * @example
 * ```ts
 * import { isKnownWebhookEvent, type WebhookEvent } from 'bridgeapi/webhooks'
 * const handle = (event: WebhookEvent) => {
 *   if (!isKnownWebhookEvent(event)) return console.log('ignored', event.type)
 *   if (event.type === 'item.account.updated') console.log(event.content.nb_new_transactions)
 * }
 * ```
 */
export const WebhookEvent = v.variant('type', [KnownWebhookEvent, UnknownWebhookEvent])
/** Any webhook event. */
export type WebhookEvent = v.InferOutput<typeof WebhookEvent>

/**
 * Tells documented events from unknown ones, so that `switch (event.type)` narrows `content`.
 *
 * @param event - a parsed event.
 * @returns true when `event.type` is one of the documented types.
 * @example
 * ```ts
 * import { isKnownWebhookEvent, parseWebhookEvent } from 'bridgeapi/webhooks'
 * const parsed = parseWebhookEvent('{"type":"item.deleted","timestamp":1,"content":{"item_id":1,"user_uuid":"u"}}')
 * if (parsed._tag === 'Right' && isKnownWebhookEvent(parsed.right) && parsed.right.type === 'item.deleted') {
 *   console.log(parsed.right.content.item_id)
 * }
 * ```
 */
export const isKnownWebhookEvent = (event: WebhookEvent): event is KnownWebhookEvent =>
  knownTypes.has(event.type)
