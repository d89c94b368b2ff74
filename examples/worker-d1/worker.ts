/**
 * A Cloudflare Worker that keeps a copy of each user's transactions in D1, driven by Bridge's webhooks.
 *
 * - `POST /webhooks/bridge`: verifies the signature; on `item.account.updated` it marks the user's copy
 *   stale and syncs a bounded slice of it (at most `MAX_PAGES` pages), so an invocation stays well
 *   inside a Worker's time and subrequest limits.
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
import { isKnownWebhookEvent, verifyAndParseWebhook, WEBHOOK_SIGNATURE_HEADER } from 'bridgeapi/webhooks'

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
]

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

const ensureSchema = (env: Env) => env.DB.batch(SCHEMA.map((sql) => env.DB.prepare(sql)))

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url)
    if (request.method !== 'POST' || url.pathname !== '/webhooks/bridge')
      return Response.json({ error: 'not found' }, { status: 404 })
    const result = await verifyAndParseWebhook({
      body: await request.arrayBuffer(),
      signature: request.headers.get(WEBHOOK_SIGNATURE_HEADER),
      secrets: env.BRIDGE_WEBHOOK_SECRET,
    })()
    if (result._tag === 'Left')
      return Response.json(
        { error: result.left.reason },
        { status: result.left._tag === 'WebhookSignatureError' ? 401 : 400 },
      )
    const event = result.right
    if (!isKnownWebhookEvent(event) || event.type !== 'item.account.updated')
      return Response.json({ ignored: event.type })
    await ensureSchema(env)
    const user = event.content.user_uuid
    // Mark the copy stale first: if this invocation dies, the cron trigger still picks the user up.
    await env.DB.prepare(
      `INSERT INTO sync_state (user_uuid, cursor, done) VALUES (?, NULL, 0)
       ON CONFLICT (user_uuid) DO UPDATE SET done = 0`,
    )
      .bind(user)
      .run()
    const slice = await syncSlice(env, user)
    // 200 even when Bridge failed: the delivery was handled, the cron trigger retries the sync.
    return Response.json(slice)
  },

  async scheduled(_controller: unknown, env: Env): Promise<void> {
    await ensureSchema(env)
    const { results } = await env.DB.prepare('SELECT user_uuid FROM sync_state WHERE done = 0 LIMIT 20').all<{
      user_uuid: string
    }>()
    await Promise.all(results.map((row) => syncSlice(env, row.user_uuid)))
  },
}
