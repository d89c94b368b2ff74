// The sandbox's public shape: its options, the handle createSandbox returns, and its default credentials.
import type { SandboxClock } from './clock.js'
import type { CompleteOptions, ConnectResult } from './connect.js'
import type { Faults } from './faults.js'
import type { AccountKind } from './generate.js'
import type { HistoryChanges, HistoryResult } from './history.js'
import type { ApiModule } from './http.js'
import type { BeneficiaryRecord, PaymentLinkRecord } from './payments.js'
import type { RateLimitReport } from './rate-limits.js'
import type { RecordedRequest } from './request-log.js'
import type {
  AccountRecord,
  ItemRecord,
  SessionRecord,
  StockRecord,
  TokenRecord,
  TransactionOrder,
  TransactionRecord,
  UserRecord,
} from './state.js'
import type { SandboxWebhookOptions, SandboxWebhooks } from './webhooks/events.js'

/** Client id the sandbox accepts unless told otherwise. */
export const SANDBOX_CLIENT_ID = 'sandbox-client-id'
/** Client secret the sandbox accepts unless told otherwise. */
export const SANDBOX_CLIENT_SECRET = 'sandbox-client-secret'

/** A user to create with an item, accounts and transactions. */
export interface SeedUserOptions {
  /** Your id for the user; an existing user with this id gets one more item. */
  readonly externalUserId?: string
  /** Transactions over all the accounts. Default 200. */
  readonly transactions?: number
  /** A number of transactional accounts (checking, savings, card, …) or their kinds. Default 3. */
  readonly accounts?: number | readonly AccountKind[]
  /** Provider of the item. Default 574 (Demo Bank). */
  readonly providerId?: number
  /** Days of history the transactions spread over. Default: about 4 a day, 90 to 1095 days. */
  readonly historyDays?: number
}

/** What {@link Sandbox.seedUser} created. */
export interface SeededUser {
  readonly uuid: string
  readonly externalUserId?: string
  readonly itemId: number
  readonly accountIds: readonly number[]
}

/** Options of {@link createSandbox}. */
export interface SandboxOptions {
  /** Seed of every generated value (uuids, ids, amounts, labels, fault probabilities). Default `0`. */
  readonly seed?: number | string
  /** Accepted `Client-Id`. Default {@link SANDBOX_CLIENT_ID}. */
  readonly clientId?: string
  /** Accepted `Client-Secret`. Default {@link SANDBOX_CLIENT_SECRET}. */
  readonly clientSecret?: string
  /** Start instant of the sandbox clock (ms, ISO string or Date). Default: real time. */
  readonly now?: number | string | Date
  /**
   * Freeze the clock: it then moves only through `clock.advance`/`clock.set`. Default: frozen when
   * `now` is given (exact instants make data reproducible), running with real time otherwise.
   */
  readonly frozenClock?: boolean
  /** Lifetime of user access tokens in ms. Default two hours. */
  readonly tokenLifetimeMs?: number
  /** Users to create at start, each with an item, accounts and transactions. */
  readonly users?: readonly SeedUserOptions[]
  /** How many requests `requests` keeps (oldest dropped first). Default 10 000. */
  readonly maxRecordedRequests?: number
  /**
   * Most bytes of request bodies `requests` keeps over all its entries (each keeps at most its first
   * 4 096 characters); the oldest bodies are dropped first. Default 4 MiB.
   */
  readonly maxRecordedBodyBytes?: number
  /** The API versions served. Default: every version this package simulates. */
  readonly apis?: readonly ApiModule[]
  /**
   * The sandbox's own origin, e.g. `http://127.0.0.1:3000`: the host of the URLs it hands out
   * (Connect, payment pages) and the only `Origin` its admin API answers. Give it when the sandbox
   * is reached through another name (a container's service name, a proxy). Default: with
   * `startSandbox`, `http://<host>:<port>` of the listening socket; in process, the origin of
   * each request's URL.
   */
  readonly baseUrl?: string
  /** Largest request body read, in bytes; larger ones get 413. Default 1 MiB. */
  readonly maxBodyBytes?: number
  /** Answer 429 to requests over Bridge's rate limits (they are always counted). Default false. */
  readonly enforceRateLimits?: boolean
  /** Send Bridge's webhooks, signed, to these URLs (see docs/sandbox-webhooks.md). Default: none sent. */
  readonly webhooks?: SandboxWebhookOptions
}

/** What a Worker passes as the third argument of `fetch`: deliveries a request starts go through `waitUntil`. */
export interface WaitUntilContext {
  waitUntil(promise: Promise<unknown>): void
}

/** A stateful in-memory Bridge: a Web-standard `fetch` handler plus controls for tests. */
export interface Sandbox {
  /**
   * Handles one request, like `fetch`: pass it a `Request`, or a URL and init. It runs on any
   * runtime with the Fetch API. A `reset` fault makes it reject with {@link ConnectionReset}. In a
   * Worker, pass its `ctx` third (`fetch: (req, env, ctx) => sandbox.fetch(req, undefined, ctx)`):
   * webhook deliveries the request starts then run under `ctx.waitUntil`.
   */
  fetch(input: Request | string | URL, init?: RequestInit, ctx?: WaitUntilContext): Promise<Response>
  readonly clock: SandboxClock
  readonly faults: Faults
  /** Every request received (newest last), for assertions on shapes and counts. */
  readonly requests: readonly RecordedRequest[]
  clearRequests(): void
  // ---- read API: copies of the lists, records typed read-only; changes go through the routes and the controls
  /** Users, in creation order. */
  users(): readonly Readonly<UserRecord>[]
  /** The user with this uuid, external id or (2021-06-01 legacy users) e-mail. */
  findUser(by: 'uuid' | 'externalUserId' | 'email', value: string): Readonly<UserRecord> | undefined
  /** A user's items, by id (none for an unknown user). */
  items(userUuid: string): readonly Readonly<ItemRecord>[]
  /** A user's accounts, by id, optionally of one item. */
  accounts(userUuid: string, itemId?: number): readonly Readonly<AccountRecord>[]
  /** A user's transactions, newest first by `order` (default `updated`), optionally of one account. */
  transactions(userUuid: string, order?: TransactionOrder, accountId?: number): readonly TransactionRecord[]
  /** A user's stocks, by id. */
  stocks(userUuid: string): readonly StockRecord[]
  /** A Connect or user-management session (`completedItemId` once completed). */
  session(sessionId: string): SessionRecord | undefined
  /** Payment links, newest first. */
  paymentLinks(): readonly Readonly<PaymentLinkRecord>[]
  /** The beneficiaries of the payment account (for payouts). */
  beneficiaries(): readonly BeneficiaryRecord[]
  /** Access tokens issued and not revoked (expired ones too). */
  tokens(): readonly TokenRecord[]
  /** Issues an access token for a user without a request (none is recorded). */
  issueToken(userUuid: string): TokenRecord
  /** Revokes every token of a user, or of every user: the next call with one gets 401. */
  revokeTokens(userUuid?: string): void
  readonly seed: number | string
  readonly clientId: string
  readonly clientSecret: string
  /** Creates a user (or reuses one by `externalUserId`) with an item, accounts and transactions. */
  seedUser(options?: SeedUserOptions): SeededUser
  /** Finishes a Connect session as the scenario says (default `success`). Throws `ConnectError`. */
  completeConnectSession(sessionId: string, options?: CompleteOptions): ConnectResult
  /**
   * Changes a user's transactions as a Bridge refresh would (update, delete, late insert), all with one
   * `updated_at`, for testing incremental sync. Throws `HistoryError`.
   */
  changeHistory(userUuid: string, changes: HistoryChanges): HistoryResult
  /** Requests over Bridge's rate limits so far, counted on the sandbox clock. */
  rateLimitReport(): RateLimitReport
  /** Starts counting rate limits afresh. */
  resetRateLimits(): void
  /** Webhooks: the delivery log, `trigger`, redelivery, and `idle()` to wait for deliveries in tests. */
  readonly webhooks: SandboxWebhooks
  /** Cancels waiting webhook retries and scheduled events; call it when done with the sandbox. */
  close(): void
}
