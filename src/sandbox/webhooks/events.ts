// Which webhook events each sandbox action sends, and the `webhooks` handle of a sandbox.
import { Redacted } from '../../core/redacted.js'
import type { ConnectResult } from '../connect.js'
import type { HistoryChanges, HistoryResult } from '../history.js'
import { HOUR, lineStatus, type PaymentChange, type PaymentRequestRecord } from '../payments.js'
import type { Schedule } from '../schedule.js'
import type { SessionRecord, StoreChange } from '../state.js'
import type { SandboxState } from '../store.js'
import {
  createDeliveryEngine,
  type DeliveryEngine,
  RETRY_DELAYS_MS,
  type WebhookAttempt,
  type WebhookDelivery,
} from './delivery.js'
import {
  accountCreatedContent,
  accountDeletedContent,
  accountUpdatedContent,
  type EventContent,
  guidanceContent,
  itemContent,
  itemRefreshedContent,
  paymentLinkContent,
  paymentTransactionContent,
  TEST_EVENT_CONTENT,
  type TransactionCounts,
  V3_ONLY_EVENTS,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
  type WebhookVersion,
} from './payloads.js'

/** The package version, in the `User-Agent` of deliveries (tests check it against package.json). */
export const SANDBOX_USER_AGENT = 'bridgeapi-sandbox/0.1.0'

/** Webhooks of a sandbox: where to send them, how to sign them, which API version's payloads. */
export interface SandboxWebhookOptions {
  /** Receivers (`http:` or `https:`); every event goes to each. Only options set them, never a route. */
  readonly urls: readonly string[]
  /** The signing secret. Default: 32 random bytes (hex), readable once as `sandbox.webhooks.secret`. */
  readonly secret?: string
  /** Whose payloads to send. Default `2025-01-15`. */
  readonly version?: WebhookVersion
  /** The `fetch` deliveries use. Default: the global one. */
  readonly fetch?: typeof fetch
  /** Told of every delivery attempt when it ends (the CLI prints one line each). */
  readonly onAttempt?: (delivery: WebhookDelivery, attempt: WebhookAttempt) => void
}

/** A sandbox's webhooks: the delivery log, redelivery, `trigger`, and waiting for deliveries. */
export interface SandboxWebhooks {
  readonly urls: readonly string[]
  /** The signing secret, given or generated; `reveal()` it to configure a receiver. */
  readonly secret: Redacted
  readonly version: WebhookVersion
  /** Waits between attempts after a failure (ms, sandbox clock). */
  readonly retryDelaysMs: readonly number[]
  /** Every delivery, oldest first. */
  deliveries(): readonly WebhookDelivery[]
  /** Sends one event of `type` (sample content from the sandbox's records, `content` merged over it). */
  trigger(type: string, content?: Readonly<Record<string, unknown>>): readonly WebhookDelivery[]
  /** Sends a past delivery's exact body again to its URL; `undefined` for an unknown id. */
  redeliver(id: string): WebhookDelivery | undefined
  /** Resolves when no attempt is in flight (retries waiting for the sandbox clock do not count). */
  idle(): Promise<void>
}

/** A `trigger` the sandbox refuses: an unknown type, or one this API version does not have. */
export class WebhookTriggerError extends Error {
  override readonly name = 'WebhookTriggerError'
}

/** What the sandbox itself tells the webhooks (the store tells them the rest). */
export interface WebhookEvents extends SandboxWebhooks {
  connectCompleted(session: SessionRecord, result: ConnectResult): void
  historyChanged(userUuid: string, input: HistoryChanges, result: HistoryResult): void
  close(): void
}

/** Which count of `item.account.updated` each kind of history change adds to. */
const COUNTED_AS = { insert: 'created', update: 'updated', delete: 'deleted' } as const satisfies Record<
  HistoryChanges['changes'][number]['type'],
  keyof TransactionCounts
>

const randomSecret = (): string =>
  Array.from(globalThis.crypto.getRandomValues(new Uint8Array(32)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('')

const checkedUrls = (urls: readonly string[]): readonly string[] =>
  urls.map((url) => {
    const parsed = URL.canParse(url) ? new URL(url) : undefined
    if (parsed?.protocol !== 'http:' && parsed?.protocol !== 'https:')
      throw new TypeError(`webhooks.urls: not an http(s) URL: ${url}`)
    return parsed.toString()
  })

/** Connects a sandbox's store to its webhook deliveries. */
export const createWebhookEvents = (
  state: SandboxState,
  schedule: Schedule,
  options: SandboxWebhookOptions | undefined,
): WebhookEvents => {
  const version = options?.version ?? '2025-01-15'
  const urls = checkedUrls(options?.urls ?? [])
  const secret = options?.secret || randomSecret()
  const engine: DeliveryEngine = createDeliveryEngine({
    urls,
    secret,
    schedule,
    userAgent: SANDBOX_USER_AGENT,
    ...(options?.fetch ? { fetch: options.fetch } : {}),
    ...(options?.onAttempt ? { onAttempt: options.onAttempt } : {}),
  })
  const cancels = new Set<() => void>()

  /** Sends one event unless this API version does not have it. */
  const emit = (type: WebhookEventType, content: EventContent): readonly WebhookDelivery[] => {
    if (version === '2021-06-01' && V3_ONLY_EVENTS.has(type)) return []
    // Bridge's TEST_EVENT example has a timestamp in seconds; real events have milliseconds.
    const now = schedule.clock.now()
    const timestamp = type === 'TEST_EVENT' ? Math.floor(now / 1000) : now
    return engine.send(type, JSON.stringify({ content, timestamp, type }))
  }

  /** A payment request's events: created, its status at once, and (pending lines) an hour later. */
  const paymentRequested = (request: PaymentRequestRecord): void => {
    for (const line of request.transactions)
      emit('payment.transaction.created', paymentTransactionContent(request, line))
    for (const line of request.transactions) {
      const now = lineStatus(line.label, request.createdAt, schedule.clock.now())
      emit('payment.transaction.updated', paymentTransactionContent(request, line, now))
      if (now.status !== 'PDNG') continue
      const cancel = schedule.at(request.createdAt + HOUR, () => {
        cancels.delete(cancel)
        const later = lineStatus(line.label, request.createdAt, schedule.clock.now())
        emit('payment.transaction.updated', paymentTransactionContent(request, line, later))
      })
      cancels.add(cancel)
    }
  }

  state.onChange = (change: StoreChange) => {
    if (change.kind === 'item-refreshed')
      emit(
        'item.refreshed',
        itemRefreshedContent(change.item, { trigger: change.trigger, fullRefresh: false }, version),
      )
    else if (change.kind === 'item-deleted') emit('item.deleted', itemContent(change.item))
    else if (change.kind === 'user-deleted') emit('user.deleted', { user_uuid: change.userUuid })
    else emit('guidance.health.ready', guidanceContent(change.userUuid, change.companyNumber))
  }
  state.payments.onChange = (change: PaymentChange) => {
    if (change.kind === 'payment-request-created') paymentRequested(change.request)
    else emit('payment.link.updated', paymentLinkContent(change.link, change.status))
  }

  /** Sample content of each type for `trigger`, from the newest records when there are some. */
  const sample = (type: WebhookEventType): EventContent => {
    const user = state.listUsers().at(-1)
    const item = user && state.items(user.uuid).at(-1)
    const account = item && state.accounts(item.userUuid, item.id)[0]
    const request = state.payments.requests.list()[0]
    const link = state.payments.links.list()[0]
    const userUuid = user?.uuid ?? (TEST_EVENT_CONTENT.user_uuid as string)
    const itemIds = item ? itemContent(item) : { item_id: TEST_EVENT_CONTENT.item_id, user_uuid: userUuid }
    const accountIds = account ? accountDeletedContent(account) : { account_id: 1, ...itemIds }
    const counts = { created: 1, updated: 0, deleted: 0 }
    switch (type) {
      case 'item.created':
      case 'item.deleted':
        return itemIds
      case 'item.refreshed':
        return item
          ? itemRefreshedContent(item, { trigger: 'scheduler', fullRefresh: false }, version)
          : { ...itemIds, status_code: 0, status_code_info: 'ok', refresh_trigger: 'scheduler' }
      case 'item.account.created':
        return account ? accountCreatedContent(account) : { ...accountIds, balance: 0 }
      case 'item.account.updated':
        return account ? accountUpdatedContent(account, counts) : { ...accountIds, balance: 0 }
      case 'item.account.deleted':
        return accountIds
      case 'user.deleted':
        return { user_uuid: userUuid }
      case 'payment.transaction.created':
      case 'payment.transaction.updated': {
        const line = request?.transactions[0]
        const ids = request && line ? paymentTransactionContent(request, line) : {}
        const base = {
          payment_transaction_id: 'sandbox-transaction',
          payment_request_id: 'sandbox-request',
          ...ids,
        }
        return type === 'payment.transaction.created' ? base : { ...base, status: 'ACSC' }
      }
      case 'payment.link.updated':
        return link
          ? paymentLinkContent(link, 'completed')
          : { payment_link_id: 'sandbox-link', payment_link_status: 'completed' }
      case 'guidance.health.ready':
        return guidanceContent(userUuid, '123456789')
      case 'TEST_EVENT':
        return TEST_EVENT_CONTENT
    }
  }

  return {
    urls,
    secret: new Redacted(secret),
    version,
    retryDelaysMs: RETRY_DELAYS_MS,
    deliveries: engine.deliveries,
    redeliver: engine.redeliver,
    idle: engine.idle,
    trigger: (type, content = {}) => {
      const known = WEBHOOK_EVENT_TYPES.find((name) => name === type)
      if (!known) throw new WebhookTriggerError(`Unknown webhook event type ${type}`)
      if (version === '2021-06-01' && V3_ONLY_EVENTS.has(known))
        throw new WebhookTriggerError(`Bridge sends no ${type} in API version 2021-06-01`)
      return emit(known, { ...sample(known), ...content })
    },
    connectCompleted: (session, result) => {
      // A re-authenticated item was announced by the store's refresh; an aborted session has no item.
      if (session.itemId !== undefined || result.itemId === undefined) return
      const item = state.find('item', result.userUuid, result.itemId)
      if (!item) return
      emit('item.created', itemContent(item))
      const accounts = state.accounts(item.userUuid, item.id)
      for (const account of accounts) emit('item.account.created', accountCreatedContent(account))
      for (const account of accounts) {
        const created = state.transactions(item.userUuid, 'updated', account.id).length
        if (created > 0)
          emit('item.account.updated', accountUpdatedContent(account, { created, updated: 0, deleted: 0 }))
      }
      emit(
        'item.refreshed',
        itemRefreshedContent(item, { trigger: 'connect', fullRefresh: accounts.length > 0 }, version),
      )
    },
    historyChanged: (userUuid, input, result) => {
      const counts = new Map<number, { created: number; updated: number; deleted: number }>()
      input.changes.forEach((change, index) => {
        const tx = state.find('transaction', userUuid, result.ids[index] as number)
        if (!tx) return
        const count = counts.get(tx.accountId) ?? { created: 0, updated: 0, deleted: 0 }
        count[COUNTED_AS[change.type]] += 1
        counts.set(tx.accountId, count)
      })
      const items = new Set<number>()
      for (const [accountId, count] of counts) {
        const account = state.find('account', userUuid, accountId)
        if (!account) continue
        emit('item.account.updated', accountUpdatedContent(account, count))
        items.add(account.itemId)
      }
      for (const itemId of items) {
        const item = state.find('item', userUuid, itemId)
        if (item)
          emit(
            'item.refreshed',
            itemRefreshedContent(item, { trigger: 'scheduler', fullRefresh: false }, version),
          )
      }
    },
    close: () => {
      for (const cancel of cancels) cancel()
      cancels.clear()
      engine.close()
    },
  }
}
