/**
 * The whole Bridge loop in one small app (Hono): a "Connect your bank" button sends the customer to
 * Bridge Connect; the callback is read with `parseConnectCallback` and confirmed with `getItem`;
 * Bridge's `item.refreshed` webhook (signature checked, repeats dropped) starts `syncTransactions`
 * into SQLite (sql.js); the home page lists the stored transactions.
 *
 * `server.ts` runs it on Node; against the sandbox, start it with `--webhook-url` pointing here (see
 * examples/README.md). One customer (`customerId`) keeps the example short: a real app takes it from
 * its session.
 */
import {
  type Context,
  createConnectSession,
  createContext,
  createUser,
  formatError,
  getItem,
  parseConnectCallback,
  syncTransactions,
} from 'bridgeapi'
import { memoryDeliveryStore, webhookHandler } from 'bridgeapi/webhooks'
import { Hono } from 'hono'
import initSqlJs from 'sql.js'

/** What the app needs: Bridge's credentials and URL, the webhook secret, its own public URL. */
export interface LoopAppOptions {
  readonly clientId: string
  readonly clientSecret: string
  /** Bridge's API (default) or the sandbox's URL. */
  readonly bridgeUrl?: string
  readonly webhookSecret: string
  /** Where the customer's browser reaches this app, for the Connect callback. */
  readonly appUrl: string
  /** The one customer of this example (your user id, Bridge's `external_user_id`). */
  readonly customerId: string
}

/** Escapes text for HTML. */
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const page = (body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Full loop</title></head><body><h1>My budget app</h1>${body}</body></html>`

/** Creates the app: its routes, its SQLite database (in memory), and what the webhook handler needs. */
export const createLoopApp = async (options: LoopAppOptions) => {
  const SQL = await initSqlJs()
  const db = new SQL.Database()
  db.run(`CREATE TABLE transactions (id INTEGER PRIMARY KEY, date TEXT NOT NULL, amount REAL NOT NULL,
    currency_code TEXT NOT NULL, description TEXT)`)
  db.run('CREATE TABLE sync_state (user_uuid TEXT PRIMARY KEY, cursor TEXT NOT NULL)')

  const config = {
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    ...(options.bridgeUrl ? { baseUrl: options.bridgeUrl } : {}),
  }
  const app: Context = createContext(config)
  const customer: Context = createContext({ ...config, user: { externalUserId: options.customerId } })
  /** The customer's Bridge user, once created (a real app stores it with the customer). */
  let bridgeUserUuid: string | undefined

  /** Brings SQLite up to date: each batch and its cursor in one SQLite transaction. */
  const sync = async (userUuid: string): Promise<void> => {
    const stored = db.exec('SELECT cursor FROM sync_state WHERE user_uuid = ?', [userUuid])[0]?.values[0]?.[0]
    for await (const batch of syncTransactions(
      customer,
      typeof stored === 'string' ? { cursor: stored } : {},
    )) {
      // Throwing makes the webhook handler answer 500: Bridge delivers again, and the sync resumes.
      if (batch._tag === 'Left') throw new Error(`sync stopped: ${formatError(batch.left)}`)
      db.run('BEGIN')
      for (const tx of batch.right.upserted)
        db.run(
          `INSERT INTO transactions (id, date, amount, currency_code, description) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET date = excluded.date, amount = excluded.amount,
           currency_code = excluded.currency_code, description = excluded.description`,
          [tx.id, tx.date, tx.amount, tx.currency_code, tx.clean_description ?? null],
        )
      for (const tx of batch.right.deleted) db.run('DELETE FROM transactions WHERE id = ?', [tx.id])
      db.run(
        'INSERT INTO sync_state (user_uuid, cursor) VALUES (?, ?) ON CONFLICT (user_uuid) DO UPDATE SET cursor = excluded.cursor',
        [userUuid, batch.right.cursor],
      )
      db.run('COMMIT')
    }
  }

  const webhooks = webhookHandler({
    secrets: options.webhookSecret,
    // Bridge may deliver an event more than once: each body is handled once.
    dedup: { store: memoryDeliveryStore() },
    onEvent: async (event) => {
      // `item.refreshed` comes last once Connect has fetched the accounts: time to sync.
      if (event.type !== 'item.refreshed' || event.content.status_code !== 0) return
      const userUuid = event.content.user_uuid
      if (typeof userUuid !== 'string' || userUuid !== bridgeUserUuid) return
      await sync(userUuid)
    },
  })

  const routes = new Hono()

  routes.get('/', (c) => {
    const rows = db.exec(
      'SELECT date, description, amount, currency_code FROM transactions ORDER BY date DESC, id DESC',
    )[0]
    const table = rows
      ? `<table><caption>${rows.values.length} transactions</caption><thead><tr><th>Date</th><th>Description</th><th>Amount</th></tr></thead><tbody>${rows.values
          .map(
            ([date, description, amount, currency]) =>
              `<tr><td>${escapeHtml(String(date))}</td><td>${escapeHtml(String(description ?? ''))}</td><td>${Number(amount).toFixed(2)} ${escapeHtml(String(currency))}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : '<p>No transactions yet.</p>'
    const notice = c.req.query('notice')
    return c.html(
      page(
        `${notice ? `<p role="status">${escapeHtml(notice)}</p>` : ''}<form method="post" action="/connect"><button type="submit">Connect your bank</button></form>${table}`,
      ),
    )
  })

  // The button: a Bridge user for the customer (once), a Connect session, and off to Bridge Connect.
  routes.post('/connect', async (c) => {
    if (bridgeUserUuid === undefined) {
      const user = await createUser(app, { externalUserId: options.customerId })()
      if (user._tag === 'Left')
        return c.text(`Could not create the Bridge user: ${formatError(user.left)}`, 502)
      bridgeUserUuid = user.right.uuid
    }
    const session = await createConnectSession(customer, {
      userEmail: `${options.customerId}@example.com`,
      callbackUrl: `${options.appUrl}/callback`,
    })()
    if (session._tag === 'Left') return c.text(`Could not start Connect: ${formatError(session.left)}`, 502)
    return c.redirect(session.right.url, 303)
  })

  // Back from Connect. The query came through the customer's browser: confirm the item with Bridge.
  routes.get('/callback', async (c) => {
    const callback = parseConnectCallback(c.req.url)
    if (callback._tag === 'Left') return c.text('Bad callback', 400)
    if (!callback.right.success)
      return c.redirect(
        `/?notice=${encodeURIComponent(`Connection stopped (${callback.right.step ?? 'no step'}).`)}`,
        303,
      )
    const item = await getItem(customer, { itemId: callback.right.itemId })()
    if (item._tag === 'Left') return c.text('Unknown item', 404)
    const notice = `Bank connected (item ${item.right.id}, status ${item.right.status}). Transactions arrive with Bridge's webhook.`
    return c.redirect(`/?notice=${encodeURIComponent(notice)}`, 303)
  })

  routes.post('/webhooks', (c) => webhooks(c.req.raw))

  return {
    routes,
    /** The number of stored transactions (for the example's test). */
    count: (): number => Number(db.exec('SELECT count(*) FROM transactions')[0]?.values[0]?.[0] ?? 0),
  }
}
