/**
 * Keeps a SQLite copy of a user's transactions up to date with `syncTransactions`.
 *
 * Every batch is applied in one SQLite transaction together with the cursor that covers it, so the
 * database is always consistent: kill the process at any point and the next run resumes after the
 * last batch committed. The first run fetches everything; later runs only what changed (updates,
 * deletions, late arrivals). Run it on a schedule or when Bridge sends `item.account.updated`.
 *
 *   BRIDGE_CLIENT_ID=… BRIDGE_CLIENT_SECRET=… npx tsx sync.ts customer-42 ./transactions.sqlite
 *
 * SQLite through sql.js (WebAssembly, no native build); with node:sqlite (Node 22.5+) or better-sqlite3
 * the statements stay the same. `BRIDGE_BASE_URL` points it elsewhere (the sandbox: `npm run sandbox`).
 */
import { existsSync } from 'node:fs'
import { readFile, rename, writeFile } from 'node:fs/promises'
import { createContext, formatError, syncTransactions } from 'bridgeapi'
import initSqlJs from 'sql.js'

const [userId, file = './transactions.sqlite'] = process.argv.slice(2)
if (!userId) {
  console.error('usage: sync.ts <external user id> [database file]')
  process.exit(2)
}

const SQL = await initSqlJs()
const db = new SQL.Database(existsSync(file) ? await readFile(file) : null)
db.run(`CREATE TABLE IF NOT EXISTS transactions (
  id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, date TEXT NOT NULL, amount REAL NOT NULL,
  currency_code TEXT NOT NULL, description TEXT, updated_at TEXT NOT NULL)`)
db.run('CREATE TABLE IF NOT EXISTS sync_state (user_id TEXT PRIMARY KEY, cursor TEXT NOT NULL)')

/** sql.js works in memory: write the file after each commit (write, then rename: never half a file). */
const save = async () => {
  await writeFile(`${file}.tmp`, db.export())
  await rename(`${file}.tmp`, file)
}

const stored = db.exec('SELECT cursor FROM sync_state WHERE user_id = ?', [userId])[0]?.values[0]?.[0]
const ctx = createContext({
  clientId: process.env.BRIDGE_CLIENT_ID ?? '',
  clientSecret: process.env.BRIDGE_CLIENT_SECRET ?? '',
  user: { externalUserId: userId },
  ...(process.env.BRIDGE_BASE_URL ? { baseUrl: process.env.BRIDGE_BASE_URL } : {}),
})

const upsert =
  db.prepare(`INSERT INTO transactions (id, account_id, date, amount, currency_code, description, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, date = excluded.date, amount = excluded.amount,
    currency_code = excluded.currency_code, description = excluded.description, updated_at = excluded.updated_at`)
const remove = db.prepare('DELETE FROM transactions WHERE id = ?')
const saveCursor = db.prepare(
  'INSERT INTO sync_state (user_id, cursor) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET cursor = excluded.cursor',
)

const counts = { batches: 0, upserted: 0, deleted: 0 }
let failed = false
for await (const batch of syncTransactions(ctx, {
  ...(typeof stored === 'string' ? { cursor: stored } : {}),
})) {
  if (batch._tag === 'Left') {
    // Everything up to the last batch is committed with its cursor: run again to resume.
    console.error(`sync stopped: ${formatError(batch.left)}`)
    failed = true
    break
  }
  const { upserted, deleted, cursor } = batch.right
  db.run('BEGIN')
  for (const tx of upserted)
    upsert.run([
      tx.id,
      tx.account_id,
      tx.date,
      tx.amount,
      tx.currency_code,
      tx.clean_description ?? null,
      tx.updated_at,
    ])
  for (const tx of deleted) remove.run([tx.id])
  saveCursor.run([userId, cursor])
  db.run('COMMIT')
  await save()
  counts.batches += 1
  counts.upserted += upserted.length
  counts.deleted += deleted.length
}

const total = db.exec('SELECT count(*) FROM transactions')[0]?.values[0]?.[0]
console.log(
  `${counts.batches} batch(es): ${counts.upserted} upserted, ${counts.deleted} deleted; ${total} stored`,
)
for (const statement of [upsert, remove, saveCursor]) statement.free()
db.close()
process.exit(failed ? 1 : 0)
