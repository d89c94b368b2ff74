/**
 * A Cloudflare Worker that syncs many users' transactions into D1 through Cloudflare Queues, within
 * Bridge's limits, with the Durable Object coordinator from `bridgeapi/stores`.
 *
 * - `POST /webhooks/bridge`: an `item.account.updated` event queues its user on `WEBHOOK_SYNCS`.
 * - The cron trigger queues a background refresh on `REFRESH_SYNCS` for users not synced for an hour.
 *   Queues have no priorities: two queues, and the `SyncGate` (sync-gate.ts) decides with
 *   `planSyncs` who starts, webhook-named users first; a sync that must wait is delayed with
 *   `message.retry({ delaySeconds })` until the gate says.
 * - One sync per user at a time (the gate's running set); a sync continues a bounded slice
 *   (`MAX_PAGES`) and queues its continuation. Each page's rows and the cursor that covers them are
 *   one D1 batch (a transaction).
 * - A failed sync is retried with the backoff of `afterFailure`; after `SYNC_MAX_ATTEMPTS` it goes to
 *   `DEAD_SYNCS` (a dead-letter queue, recorded in D1 by its consumer).
 * - Tokens and rate limits go through `BridgeCoordinator`: one token request per user per expiry and
 *   no request over Bridge's limits, whichever isolate sends it.
 *
 * Deploy: see wrangler.toml (D1 database, three queues, two Durable Objects), then
 * `npx wrangler secret put BRIDGE_CLIENT_SECRET` and `… BRIDGE_WEBHOOK_SECRET`, `npx wrangler deploy`.
 */
import type { D1Database, MessageBatch, Queue } from '@cloudflare/workers-types'
import { createContext, createRateLimiter, formatError, syncTransactions } from 'bridgeapi'
import {
  type DurableObjectNamespaceLike,
  durableObjectRateLimitStore,
  durableObjectTokenStore,
} from 'bridgeapi/stores'
import { isKnownWebhookEvent, webhookHandler } from 'bridgeapi/webhooks'
import type { FailureAnswer, StartAnswer, StartRequest } from './sync-gate.js'

export { BridgeCoordinator } from 'bridgeapi/stores'
export { SyncGate } from './sync-gate.js'

export interface Env {
  readonly BRIDGE_CLIENT_ID: string
  readonly BRIDGE_CLIENT_SECRET: string
  readonly BRIDGE_WEBHOOK_SECRET: string
  /** Another API origin (the local sandbox in tests); Bridge's by default. */
  readonly BRIDGE_BASE_URL?: string
  readonly DB: D1Database
  readonly BRIDGE_COORDINATOR: DurableObjectNamespaceLike
  readonly SYNC_GATE: DurableObjectNamespaceLike
  readonly WEBHOOK_SYNCS: Queue<StartRequest>
  readonly REFRESH_SYNCS: Queue<StartRequest>
  readonly DEAD_SYNCS: Queue<StartRequest>
  /** Pages (of 500 transactions) per slice; default 10. */
  readonly MAX_PAGES?: string
  /** Failed attempts before a sync is dead-lettered; default 5 (read by the gate). */
  readonly SYNC_MAX_ATTEMPTS?: string
  /** First retry delay after a failure, doubled each time; default 30 000 ms (read by the gate). */
  readonly SYNC_BASE_DELAY_MS?: string
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS transactions (id INTEGER PRIMARY KEY, user_uuid TEXT NOT NULL,
     account_id INTEGER NOT NULL, date TEXT NOT NULL, amount REAL NOT NULL, currency_code TEXT NOT NULL,
     description TEXT, updated_at TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS sync_state (user_uuid TEXT PRIMARY KEY, cursor TEXT, synced_at INTEGER)`,
  `CREATE TABLE IF NOT EXISTS dead_syncs (user_uuid TEXT NOT NULL, reason TEXT NOT NULL, at INTEGER NOT NULL)`,
]
const ensureSchema = (env: Env) => env.DB.batch(SCHEMA.map((sql) => env.DB.prepare(sql)))

const REFRESH_EVERY_MS = 3_600_000
/** Longest delay Cloudflare Queues accept for a retry (12 hours). */
const MAX_DELAY_SECONDS = 43_200

const gate = async <T>(env: Env, route: string, body: StartRequest): Promise<T> => {
  const stub = env.SYNC_GATE.get(env.SYNC_GATE.idFromName('gate') as never)
  const response = await stub.fetch(`https://gate${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`sync gate answered ${response.status}`)
  return (await response.json()) as T
}

const delaySeconds = (at: number) =>
  Math.min(MAX_DELAY_SECONDS, Math.max(1, Math.ceil((at - Date.now()) / 1000)))

/** Syncs at most `MAX_PAGES` pages of a user's changes from the cursor in D1: `true` once caught up. */
const syncSlice = async (env: Env, user: string): Promise<boolean> => {
  const state = await env.DB.prepare('SELECT cursor FROM sync_state WHERE user_uuid = ?')
    .bind(user)
    .first<{ cursor: string | null }>()
  const ctx = createContext({
    clientId: env.BRIDGE_CLIENT_ID,
    clientSecret: env.BRIDGE_CLIENT_SECRET,
    user: { uuid: user },
    tokenStore: durableObjectTokenStore(env.BRIDGE_COORDINATOR),
    rateLimiter: createRateLimiter({ store: durableObjectRateLimitStore(env.BRIDGE_COORDINATOR) }),
    ...(env.BRIDGE_BASE_URL ? { baseUrl: env.BRIDGE_BASE_URL } : {}),
  })
  const upsert = env.DB.prepare(
    `INSERT INTO transactions (id, user_uuid, account_id, date, amount, currency_code, description, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, date = excluded.date,
       amount = excluded.amount, currency_code = excluded.currency_code,
       description = excluded.description, updated_at = excluded.updated_at`,
  )
  const remove = env.DB.prepare('DELETE FROM transactions WHERE id = ?')
  const save = env.DB.prepare(
    `INSERT INTO sync_state (user_uuid, cursor, synced_at) VALUES (?, ?, ?)
     ON CONFLICT (user_uuid) DO UPDATE SET cursor = excluded.cursor, synced_at = excluded.synced_at`,
  )
  let pages = 0
  for await (const batch of syncTransactions(ctx, { cursor: state?.cursor ?? undefined })) {
    if (batch._tag === 'Left') throw new Error(formatError(batch.left))
    const { upserted, deleted, cursor, caughtUp } = batch.right
    // One D1 batch is one transaction: the rows and the cursor that covers them land together.
    await env.DB.batch([
      ...upserted.map((tx) =>
        upsert.bind(
          tx.id,
          user,
          tx.account_id,
          tx.date,
          tx.amount,
          tx.currency_code,
          tx.clean_description ?? null,
          tx.updated_at,
        ),
      ),
      ...deleted.map((tx) => remove.bind(tx.id)),
      save.bind(user, cursor, caughtUp ? Date.now() : null),
    ])
    if (caughtUp) return true
    if (++pages >= Number(env.MAX_PAGES ?? 10)) return false // leaving the loop stops the sync
  }
  return true
}

/** Handles one queued sync: start it if the gate says so, otherwise delay it; retry or dead-letter a failure. */
const handle = async (
  env: Env,
  queue: Queue<StartRequest>,
  message: MessageBatch<StartRequest>['messages'][number],
) => {
  const job = message.body
  const answer = await gate<StartAnswer>(env, '/start', job)
  if (!answer.start) return message.retry({ delaySeconds: delaySeconds(answer.retryAt) })
  try {
    const caughtUp = await syncSlice(env, job.user)
    await gate(env, '/done', job)
    // A long history continues in another slice, on the same queue, behind whoever waits.
    if (!caughtUp) await queue.send(job)
    message.ack()
  } catch (error) {
    console.error(`sync of ${job.user} failed: ${(error as Error).message}`)
    const failure = await gate<FailureAnswer>(env, '/failed', job)
    if ('retryAt' in failure) return message.retry({ delaySeconds: delaySeconds(failure.retryAt) })
    await env.DEAD_SYNCS.send(job)
    message.ack()
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (new URL(request.url).pathname !== '/webhooks/bridge')
      return Response.json({ error: 'not found' }, { status: 404 })
    const handler = webhookHandler({
      secrets: env.BRIDGE_WEBHOOK_SECRET,
      onEvent: async (event) => {
        if (!isKnownWebhookEvent(event) || event.type !== 'item.account.updated') return
        // A repeat of the event queues the user again: harmless, the gate runs one sync at a time.
        await env.WEBHOOK_SYNCS.send({ user: event.content.user_uuid, reason: 'webhook', since: Date.now() })
      },
    })
    return handler(request)
  },

  async scheduled(_controller: unknown, env: Env): Promise<void> {
    await ensureSchema(env)
    const { results } = await env.DB.prepare(
      'SELECT user_uuid FROM sync_state WHERE synced_at IS NOT NULL AND synced_at < ? LIMIT 1000',
    )
      .bind(Date.now() - REFRESH_EVERY_MS)
      .all<{ user_uuid: string }>()
    const since = Date.now()
    if (results.length > 0)
      await env.REFRESH_SYNCS.sendBatch(
        results.map((row) => ({ body: { user: row.user_uuid, reason: 'refresh', since } })),
      )
  },

  async queue(batch: MessageBatch<StartRequest>, env: Env): Promise<void> {
    await ensureSchema(env)
    if (batch.queue === 'dead-syncs') {
      const insert = env.DB.prepare('INSERT INTO dead_syncs (user_uuid, reason, at) VALUES (?, ?, ?)')
      await env.DB.batch(
        batch.messages.map((message) => insert.bind(message.body.user, message.body.reason, Date.now())),
      )
      return batch.ackAll()
    }
    const queue = batch.queue === 'webhook-syncs' ? env.WEBHOOK_SYNCS : env.REFRESH_SYNCS
    await Promise.all(batch.messages.map((message) => handle(env, queue, message)))
  },
}
