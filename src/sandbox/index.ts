/**
 * `bridgeapi/sandbox`: a local, stateful Bridge simulator for both API versions.
 *
 * - `createSandbox(options)` gives a Web-standard handler (`sandbox.fetch(request)`) that runs on
 *   Node, Deno, Bun and workerd, plus controls: clock, faults, recorded requests, seeding,
 *   Connect completion. `startSandbox` (Node) puts it on a port; `sandboxContext` points the SDK at it.
 *
 * Developer note — how the simulator is built, and how to add routes:
 * - `state.ts` declares version-neutral records (users, tokens, items, accounts, transactions,
 *   stocks, sessions), `store.ts` keeps them (`SandboxState`), `payments.ts` keeps the payment
 *   records, and `types.ts` is the public shape (options, the `Sandbox` handle). Both API versions
 *   read and write the same records, each turning them into its own JSON (`v3/views.ts` omits absent fields;
 *   2021-06-01 views send `null`, `bank_id`, `is_deleted`…). Add fields there if a version needs
 *   more, as optional fields, without changing what exists.
 * - An API version is an `ApiModule` (`http.ts`): its path prefix, its `Bridge-Version`, its error
 *   writer (`{errors:[…]}` or `{type, message}`), the wording of the common auth failures, and its
 *   routes. `sandbox.ts` does the common part for every version in order — version header, client
 *   credentials, route match, JSON body (415/422), bearer token (user routes) — then calls the route.
 * - To add routes: write `src/sandbox/<version>/<resource>.ts` exporting a `Route[]` built with
 *   `clientRoute(method, '/v2/path/:id', handler)` or `userRoute(...)` (the handler then gets
 *   `ctx.user`) — `clientPost`/`userPost(path, schema, handler)` for a JSON body, `withQuery` for
 *   query parameters (`common/requests.ts`) —, list it in `src/sandbox/<version>/index.ts`'s
 *   `routes`, and for a new version add its module to the default `apis` in `sandbox.ts`. Lists use
 *   `listResponse` (over `pagination.ts`: cursor, `limit` 1..500, Bridge's `next_uri`); data comes from
 *   `ctx.state`, random values from `ctx.rng` (seeded). Records change only through `SandboxState`
 *   and `PaymentStore` methods, never by assignment in a route.
 * - What both versions do alike is written once in `common/` over a version view
 *   (`common/aggregation.ts`: `aggregationHandlers(view)`, where `v2/views.ts`' `v2View` and
 *   `v3/views.ts`' `v3View` say how each version writes a record and its 404): a version's route
 *   file lists its paths and points them at the shared handlers, keeping only what is its own.
 *   `common/requests.ts` has query/body readers and list envelopes; `common/payments.ts` payment
 *   links, payouts and lookups; `common/catalog.ts` filters and the category tree.
 * - `webhooks/` sends Bridge's webhooks: `payloads.ts` writes each event's content per version,
 *   `events.ts` says which actions send which events (the store announces its changes through
 *   `onChange`; Connect and `changeHistory` are announced by `sandbox.ts`), and `delivery.ts` signs,
 *   posts, retries on the sandbox clock (`schedule.ts`) and keeps the log.
 * - `faults.ts` (fault injection), `admin.ts` (the `/_sandbox/...` HTTP API, own origin only,
 *   input checked by the valibot schemas of `input.ts`) and `node.ts` (the `node:http` adapter)
 *   work for every version without changes.
 * @module
 */
export type { SandboxClock } from './clock.js'
export {
  CONNECT_SCENARIOS,
  type CompleteOptions,
  ConnectError,
  type ConnectResult,
  type ConnectScenario,
} from './connect.js'
export { type SandboxTarget, sandboxContext } from './context.js'
export {
  type ActiveFault,
  ConnectionReset,
  type Fault,
  type FaultMatch,
  type FaultRule,
  type Faults,
} from './faults.js'
export type { AccountKind } from './generate.js'
export { type HistoryChange, type HistoryChanges, HistoryError, type HistoryResult } from './history.js'
export { type RunningSandbox, type StartSandboxOptions, startSandbox } from './node.js'
export type { BeneficiaryRecord, Party, PaymentLineInput, PaymentLinkRecord } from './payments.js'
export type { RateLimitCounts, RateLimitReport } from './rate-limits.js'
export type { RecordedRequest } from './request-log.js'
export { createSandbox } from './sandbox.js'
export type {
  AccountRecord,
  ItemRecord,
  LoanRecord,
  SessionRecord,
  StockRecord,
  TokenRecord,
  TransactionOrder,
  TransactionRecord,
  UserRecord,
} from './state.js'
export {
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  type Sandbox,
  type SandboxOptions,
  type SeededUser,
  type SeedUserOptions,
  type WaitUntilContext,
} from './types.js'
export type { WebhookAttempt, WebhookDelivery } from './webhooks/delivery.js'
export {
  type SandboxWebhookOptions,
  type SandboxWebhooks,
  WebhookTriggerError,
} from './webhooks/events.js'
export { WEBHOOK_EVENT_TYPES, type WebhookEventType, type WebhookVersion } from './webhooks/payloads.js'
