/**
 * A Cloudflare Worker that keeps a copy of each user's transactions in D1, driven by Bridge's webhooks.
 *
 * - `POST /webhooks/bridge`: `webhookHandler` refuses an unsigned request before reading its body and
 *   reads at most 1 MiB of a signed one; on `item.account.updated` the worker marks the user's copy
 *   stale and syncs a bounded slice of it (at most `MAX_PAGES` pages), so an invocation stays well
 *   inside a Worker's time and subrequest limits.
 * - Bridge's signature has no timestamp, so a captured delivery verifies forever: each event handled
 *   is remembered in D1 (a hash of it, kept 7 days), and a repeat (a replay, or Bridge delivering
 *   again) is answered 200 without acting.
 * - The cron trigger (`scheduled`) continues every unfinished sync, one slice per user per run.
 *
 * The sync cursor is stored in D1 in the same atomic batch as the rows it covers, so a Worker stopped
 * anywhere resumes from the last batch written: nothing lost, nothing applied twice.
 *
 * Deploy: `npx wrangler d1 create bridge-sync`, put its id in wrangler.toml, then `npx wrangler deploy`
 * after `npx wrangler secret put BRIDGE_CLIENT_SECRET` and `… BRIDGE_WEBHOOK_SECRET`.
 */
import type { D1Database } from '@cloudflare/workers-types'
import { createContext, formatError, syncTransactions } from 'bridgeapi'
import { type KvNamespaceLike, kvTokenStore } from 'bridgeapi/stores'
import { isKnownWebhookEvent, type WebhookEvent, webhookHandler } from 'bridgeapi/webhooks'

export interface Env {
  readonly BRIDGE_CLIENT_ID: string
  readonly BRIDGE_CLIENT_SECRET: string
  readonly BRIDGE_WEBHOOK_SECRET: string
  /** The copy: `transactions` and `sync_state` (created on first use). */
  readonly DB: D1Database
  /** User tokens, shared by every isolate (Bridge allows 10 token requests per user a minute). */
  readonly BRIDGE_TOKENS: KvNamespaceLike
  /** Pages (of 500 transactions) per invocation; default 10. */
  readonly MAX_PAGES?: string
  /** Another API origin (the local sandbox in tests); Bridge's by default. */
  readonly BRIDGE_BASE_URL?: string
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS transactions (id INTEGER PRIMARY KEY, user_uuid TEXT NOT NULL,
     account_id INTEGER NOT NULL, date TEXT NOT NULL, amount REAL NOT NULL, currency_code TEXT NOT NULL,
     description TEXT, updated_at TEXT NOT NULL)`,
  // `cursor` NULL: never synced. `done` 0: a sync is under way or wanted.
  `CREATE TABLE IF NOT EXISTS sync_state (user_uuid TEXT PRIMARY KEY, cursor TEXT, done INTEGER NOT NULL)`,
  // The events handled: `event_hash` identifies an event, `nonce` the delivery that recorded it.
  `CREATE TABLE IF NOT EXISTS webhook_deliveries (event_hash TEXT PRIMARY KEY, nonce TEXT NOT NULL,
     received_at INTEGER NOT NULL)`,
]

/** How long a handled event is remembered: a repeat after that syncs once more (harmless, bounded). */
const DELIVERY_TTL_MS = 7 * 24 * 3_600_000

/** What one slice did. */
interface Slice {
  readonly user: string
  readonly pages: number
  readonly upserted: number
  readonly deleted: number
  /** `true` once the copy caught up; `false` when the next invocation continues. */
  readonly done: boolean
  readonly error?: string
}

/** Syncs at most `MAX_PAGES` pages of a user's changes, from the cursor stored in D1. */
const syncSlice = async (env: Env, user: string): Promise<Slice> => {
  const state = await env.DB.prepare('SELECT cursor FROM sync_state WHERE user_uuid = ?')
    .bind(user)
    .first<{ cursor: string | null }>()
  const ctx = createContext({
    clientId: env.BRIDGE_CLIENT_ID,
    clientSecret: env.BRIDGE_CLIENT_SECRET,
    user: { uuid: user },
    tokenStore: kvTokenStore(env.BRIDGE_TOKENS),
    ...(env.BRIDGE_BASE_URL ? { baseUrl: env.BRIDGE_BASE_URL } : {}),
  })
  const maxPages = Number(env.MAX_PAGES ?? 10)
  const slice = { user, pages: 0, upserted: 0, deleted: 0, done: false }
  for await (const batch of syncTransactions(ctx, { cursor: state?.cursor ?? undefined })) {
    // The cursor stored with the last batch is where the next invocation resumes.
    if (batch._tag === 'Left') return { ...slice, error: formatError(batch.left) }
    const { upserted, deleted, cursor, caughtUp } = batch.right
    slice.pages += 1
    slice.upserted += upserted.length
    slice.deleted += deleted.length
    const upsert = env.DB.prepare(
      `INSERT INTO transactions (id, user_uuid, account_id, date, amount, currency_code, description, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, date = excluded.date,
         amount = excluded.amount, currency_code = excluded.currency_code,
         description = excluded.description, updated_at = excluded.updated_at`,
    )
    const remove = env.DB.prepare('DELETE FROM transactions WHERE id = ?')
    const save = env.DB.prepare(
      `INSERT INTO sync_state (user_uuid, cursor, done) VALUES (?, ?, ?)
       ON CONFLICT (user_uuid) DO UPDATE SET cursor = excluded.cursor, done = excluded.done`,
    )
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
      save.bind(user, cursor, caughtUp ? 1 : 0),
    ])
    if (caughtUp) return { ...slice, done: true }
    if (slice.pages >= maxPages) return slice // leaving the loop stops the sync: no more requests
  }
  return slice
}

/** Logs a slice that stopped on an error (redacted by `formatError`); the cron trigger retries it. */
const logFailure = (slice: Slice): void => {
  if (slice.error) console.error(`sync of ${slice.user} stopped after ${slice.pages} pages: ${slice.error}`)
}

const ensureSchema = (env: Env) => env.DB.batch(SCHEMA.map((sql) => env.DB.prepare(sql)))

/** SHA-256 (hex) of what Bridge signs: the same event always gives the same hash. */
const eventHash = async (event: WebhookEvent): Promise<string> => {
  const text = JSON.stringify([event.type, event.timestamp, event.content])
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * Records the event and marks the user's copy stale, in one D1 batch (one transaction): `true` the
 * first time, `false` for a repeat, which changes nothing. Both or neither: a Worker stopped in between
 * cannot leave an event recorded but not acted on (Bridge's redelivery would then be skipped).
 */
const firstDelivery = async (env: Env, event: WebhookEvent, user: string): Promise<boolean> => {
  const hash = await eventHash(event)
  const nonce = crypto.randomUUID()
  const [recorded] = await env.DB.batch([
    env.DB.prepare(
      'INSERT OR IGNORE INTO webhook_deliveries (event_hash, nonce, received_at) VALUES (?, ?, ?)',
    ).bind(hash, nonce, Date.now()),
    // Only when the row above is ours (our nonce): a repeat finds an older row and marks nothing.
    env.DB.prepare(
      `INSERT INTO sync_state (user_uuid, cursor, done)
       SELECT ?, NULL, 0 WHERE EXISTS (SELECT 1 FROM webhook_deliveries WHERE event_hash = ? AND nonce = ?)
       ON CONFLICT (user_uuid) DO UPDATE SET done = 0`,
    ).bind(user, hash, nonce),
  ])
  return recorded?.meta.changes === 1
}

/** Acts on one authentic delivery; a throw makes `webhookHandler` answer 500, so Bridge delivers again. */
const onEvent = async (env: Env, event: WebhookEvent): Promise<void> => {
  if (!isKnownWebhookEvent(event) || event.type !== 'item.account.updated') return
  await ensureSchema(env)
  const user = event.content.user_uuid
  // The copy is marked stale before the sync: if this invocation dies, the cron trigger picks it up.
  if (!(await firstDelivery(env, event, user))) return
  // A failed sync is not a failed delivery: the cron trigger retries it.
  logFailure(await syncSlice(env, user))
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (new URL(request.url).pathname !== '/webhooks/bridge')
      return Response.json({ error: 'not found' }, { status: 404 })
    // Checks the signature header before reading the body, caps the body (1 MiB), verifies, parses.
    const handler = webhookHandler({
      secrets: env.BRIDGE_WEBHOOK_SECRET,
      onEvent: (event) => onEvent(env, event),
    })
    return handler(request)
  },

  async scheduled(_controller: unknown, env: Env): Promise<void> {
    await ensureSchema(env)
    await env.DB.prepare('DELETE FROM webhook_deliveries WHERE received_at < ?')
      .bind(Date.now() - DELIVERY_TTL_MS)
      .run()
    const { results } = await env.DB.prepare('SELECT user_uuid FROM sync_state WHERE done = 0 LIMIT 20').all<{
      user_uuid: string
    }>()
    for (const slice of await Promise.all(results.map((row) => syncSlice(env, row.user_uuid))))
      logFailure(slice)
  },
}
