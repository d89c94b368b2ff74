/**
 * Incremental sync of a user's transactions into a local JSON "database", page by page.
 *
 * The first run fetches every transaction. Each later run asks Bridge only for what changed since
 * the previous run (`since` = the largest `updated_at` seen), upserts it and drops the deleted ones.
 * Progress is saved after every page, so an interrupted run resumes where it stopped.
 *
 *   BRIDGE_CLIENT_ID=… BRIDGE_CLIENT_SECRET=… npx tsx sync.ts customer-42 ./data
 *
 * `BRIDGE_BASE_URL` points it elsewhere (the local sandbox: `npm run sandbox`).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createContext, formatError, listTransactions, type Transaction } from 'bridgeapi'

const [userId, dataDir = './data'] = process.argv.slice(2)
if (!userId) {
  console.error('usage: sync.ts <external user id> [data directory]')
  process.exit(2)
}

/** What survives between runs: the `since` cursor, and where an interrupted run stopped. */
interface Cursor {
  /** Largest `updated_at` of a completed sync: the next run asks for changes after it. */
  readonly since?: string
  /** Set while a sync is under way: the next page to fetch and the largest `updated_at` so far. */
  readonly resume?: { readonly after: string; readonly maxUpdatedAt?: string }
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
const cursor = await readJson<Cursor>(cursorFile, {})
const db = await readJson<Record<string, Transaction>>(dbFile, {})

let maxUpdatedAt = cursor.resume?.maxUpdatedAt ?? cursor.since
const counts = { pages: 0, fetched: 0, added: 0, updated: 0, deleted: 0 }
const list = listTransactions(ctx, {
  limit: 500,
  ...(cursor.since ? { since: cursor.since } : {}),
  ...(cursor.resume ? { after: cursor.resume.after } : {}),
})

for await (const page of list.pages()) {
  if (page._tag === 'Left') {
    // Progress so far is saved: run again to resume from the page that failed.
    console.error(`sync stopped: ${formatError(page.left)}`)
    process.exit(1)
  }
  counts.pages += 1
  for (const tx of page.right.items) {
    counts.fetched += 1
    const id = String(tx.id)
    if (tx.deleted) {
      if (id in db) counts.deleted += 1
      delete db[id]
    } else {
      counts[id in db ? 'updated' : 'added'] += 1
      db[id] = tx
    }
    // ISO 8601 instants in UTC compare correctly as strings.
    if (!maxUpdatedAt || tx.updated_at > maxUpdatedAt) maxUpdatedAt = tx.updated_at
  }
  await writeJson(dbFile, db)
  const { nextAfter } = page.right
  const next: Cursor = nextAfter
    ? { ...cursor, resume: { after: nextAfter, ...(maxUpdatedAt ? { maxUpdatedAt } : {}) } }
    : maxUpdatedAt
      ? { since: maxUpdatedAt }
      : {}
  await writeJson(cursorFile, next)
}

console.log(
  `${counts.fetched} fetched in ${counts.pages} page(s): ${counts.added} added, ${counts.updated} updated, ` +
    `${counts.deleted} deleted; ${Object.keys(db).length} stored; next since ${maxUpdatedAt ?? '(none)'}`,
)
