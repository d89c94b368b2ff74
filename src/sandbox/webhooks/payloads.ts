// The `content` of each webhook event Bridge sends, per API version, built from sandbox records.
import { ITEM_STATUSES } from '../connect.js'
import { defined } from '../fields.js'
import type { PaymentLinkRecord, PaymentRequestRecord, PaymentStatus } from '../payments.js'
import type { AccountRecord, ItemRecord, RefreshTrigger } from '../state.js'

/**
 * Field lists follow Bridge's examples (https://docs.bridgeapi.io/docs/webhooks-events,
 * .../payments-webhooks); research and sources in docs/sandbox-webhooks.md. Absent values are left
 * out in both versions ("not in response if null").
 */

/** The API version whose payloads the sandbox sends. */
export type WebhookVersion = '2025-01-15' | '2021-06-01'

/** Every event type the sandbox sends or can `trigger`. */
export const WEBHOOK_EVENT_TYPES = [
  'item.created',
  'item.refreshed',
  'item.deleted',
  'item.account.created',
  'item.account.updated',
  'item.account.deleted',
  'user.deleted',
  'payment.transaction.created',
  'payment.transaction.updated',
  'payment.link.updated',
  'guidance.health.ready',
  'TEST_EVENT',
] as const

/** An event type the sandbox sends. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

/** Events only 2025-01-15 has (Bridge's 2021-06-01 event list does not name them). */
export const V3_ONLY_EVENTS: ReadonlySet<WebhookEventType> = new Set([
  'item.deleted',
  'user.deleted',
  'guidance.health.ready',
])

/** An event's `content`. */
export type EventContent = Readonly<Record<string, unknown>>

/** `item.created`, `item.deleted`. */
export const itemContent = (item: ItemRecord): EventContent => ({
  item_id: item.id,
  user_uuid: item.userUuid,
})

/** `item.refreshed`; 2021-06-01 has neither `account_types` nor `authentication_expires_at`. */
export const itemRefreshedContent = (
  item: ItemRecord,
  refresh: { readonly trigger: RefreshTrigger; readonly fullRefresh: boolean },
  version: WebhookVersion,
): EventContent => {
  const v3 = version === '2025-01-15'
  return defined({
    account_types: v3 ? item.accountTypes : undefined,
    full_refresh: refresh.fullRefresh,
    refresh_trigger: refresh.trigger,
    item_id: item.id,
    status_code: item.status,
    status_code_info: ITEM_STATUSES[item.status]?.info,
    authentication_expires_at:
      v3 && item.authenticationExpiresAt !== undefined
        ? new Date(item.authenticationExpiresAt).toISOString()
        : undefined,
    user_uuid: item.userUuid,
  })
}

/** `item.account.created`. */
export const accountCreatedContent = (account: AccountRecord): EventContent => ({
  account_id: account.id,
  balance: account.balance,
  item_id: account.itemId,
  user_uuid: account.userUuid,
})

/** Transactions of one account a refresh added, changed and deleted. */
export interface TransactionCounts {
  readonly created: number
  readonly updated: number
  readonly deleted: number
}

/** `item.account.updated`. */
export const accountUpdatedContent = (account: AccountRecord, counts: TransactionCounts): EventContent => ({
  account_id: account.id,
  balance: account.balance,
  item_id: account.itemId,
  nb_deleted_transactions: counts.deleted,
  nb_new_transactions: counts.created,
  nb_updated_transactions: counts.updated,
  user_uuid: account.userUuid,
})

/** `item.account.deleted` (Bridge prints no example; these are the ids it names). */
export const accountDeletedContent = (account: AccountRecord): EventContent => ({
  account_id: account.id,
  item_id: account.itemId,
  user_uuid: account.userUuid,
})

/** `payment.transaction.created`, or `.updated` when `outcome` is given. */
export const paymentTransactionContent = (
  request: PaymentRequestRecord,
  line: PaymentRequestRecord['transactions'][number],
  outcome?: { readonly status: PaymentStatus; readonly reason?: string },
): EventContent =>
  defined({
    payment_transaction_id: line.id,
    payment_request_id: request.id,
    payment_link_id: request.paymentLinkId,
    client_reference: line.client_reference ?? request.clientReference,
    end_to_end_id: line.end_to_end_id,
    status: outcome?.status,
    status_reason: outcome?.reason,
  })

/** `payment.link.updated`; `payment_status` as third-party copies of Bridge's example show it. */
export const paymentLinkContent = (
  link: PaymentLinkRecord,
  status: PaymentLinkRecord['status'] | 'expired',
): EventContent =>
  defined({
    payment_link_id: link.id,
    payment_link_status: status,
    payment_link_client_reference: link.clientReference,
    payment_status: status === 'completed' ? 'initiated_in_success' : undefined,
  })

/** `guidance.health.ready`: Bridge names the user uuid `user_id` here. */
export const guidanceContent = (userUuid: string, companyNumber: string): EventContent => ({
  company_identification_number: companyNumber,
  user_id: userUuid,
})

/** `TEST_EVENT`: the dashboard's "Send a test" payload, always the same. */
export const TEST_EVENT_CONTENT: EventContent = {
  item_id: 1234567890,
  status: 0,
  user_uuid: '9a95b38f-f98b-417a-988b-9d0d584893e7',
}
