/**
 * Incremental sync of a user's transactions into a local JSON "database", with `syncTransactions`.
 *
 * The first run fetches every transaction. Each later run asks Bridge only for what changed since the
 * stored cursor, upserts it and drops the deleted ones. Progress is saved after every batch (one page),
 * so an interrupted run resumes where it stopped.
 *
 * Do not page `listTransactions` yourself and keep the largest `updated_at` as the next `since`: a
 * change Bridge stamps a few seconds behind its clock, or makes while a run is stopped mid-way, would
 * land behind that `since` and be lost for good. The cursor of `syncTransactions` starts the next run a
 * little before Bridge's time of the previous one (see the README's "Keeping transactions in sync").
 *
 *   BRIDGE_CLIENT_ID=… BRIDGE_CLIENT_SECRET=… npx tsx sync.ts customer-42 ./data
 *
 * `BRIDGE_BASE_URL` points it elsewhere (the local sandbox: `npm run sandbox`).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createContext, formatError, syncTransactions, type Transaction } from 'bridgeapi'

const [userId, dataDir = './data'] = process.argv.slice(2)
if (!userId) {
  console.error('usage: sync.ts <external user id> [data directory]')
  process.exit(2)
}

/** What survives between runs besides the rows: the cursor of the last batch saved. */
interface SyncState {
  readonly cursor?: string
}

const cursorFile = join(dataDir, 'cursor.json')
const dbFile = join(dataDir, 'transactions.json')

const readJson = async <T>(file: string, fallback: T): Promise<T> => {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback
    throw error
  }
}
/** Write-then-rename, so a crash never leaves half a file. */
const writeJson = async (file: string, value: unknown) => {
  await writeFile(`${file}.tmp`, JSON.stringify(value, null, 1))
  await rename(`${file}.tmp`, file)
}

const ctx = createContext({
  clientId: process.env.BRIDGE_CLIENT_ID ?? '',
  clientSecret: process.env.BRIDGE_CLIENT_SECRET ?? '',
  user: { externalUserId: userId },
  ...(process.env.BRIDGE_BASE_URL ? { baseUrl: process.env.BRIDGE_BASE_URL } : {}),
})

await mkdir(dataDir, { recursive: true })
const { cursor } = await readJson<SyncState>(cursorFile, {})
const db = await readJson<Record<string, Transaction>>(dbFile, {})

const counts = { batches: 0, upserted: 0, deleted: 0 }
for await (const batch of syncTransactions(ctx, cursor ? { cursor } : {})) {
  if (batch._tag === 'Left') {
    // Every batch before this one is saved with its cursor: run again to resume from the page that failed.
    console.error(`sync stopped: ${formatError(batch.left)}`)
    process.exit(1)
  }
  const { upserted, deleted } = batch.right
  for (const tx of upserted) db[String(tx.id)] = tx
  for (const tx of deleted) delete db[String(tx.id)]
  // Rows first, then the cursor. A crash between the two leaves the new rows with the previous cursor:
  // the next run delivers this batch again, and upserting or deleting by id again changes nothing.
  // The other order could store a cursor past rows that were never written: those would be lost.
  await writeJson(dbFile, db)
  await writeJson(cursorFile, { cursor: batch.right.cursor } satisfies SyncState)
  counts.batches += 1
  counts.upserted += upserted.length
  counts.deleted += deleted.length
}

console.log(
  `${counts.batches} batch(es): ${counts.upserted} upserted, ${counts.deleted} deleted; ` +
    `${Object.keys(db).length} stored`,
)
