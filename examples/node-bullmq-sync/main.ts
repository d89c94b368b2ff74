/**
 * Runs the fan-out engine (engine.ts): a webhook endpoint that names users, a dispatcher on a timer,
 * and a BullMQ worker, with the SQLite database in a file (sql.js: written after each dispatch round).
 *
 *   REDIS_URL=redis://127.0.0.1:6379 BRIDGE_CLIENT_ID=… BRIDGE_CLIENT_SECRET=… BRIDGE_WEBHOOK_SECRET=… \
 *     PORT=8080 npx tsx main.ts ./transactions.sqlite
 *
 * Start as many as you like on one Redis: job ids, the per-user lock and the Redis rate-limit store
 * keep them within Bridge's limits and one sync per user. `BRIDGE_BASE_URL` points it elsewhere (the
 * sandbox). Each process here keeps its own SQLite file; in production, point them at one database.
 */
import { existsSync } from 'node:fs'
import { readFile, rename, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { verifyAndParseWebhook, WEBHOOK_SIGNATURE_HEADER } from 'bridgeapi/webhooks'
import { Redis } from 'ioredis'
import initSqlJs from 'sql.js'
import { createSyncEngine, createTables } from './engine.js'

const file = process.argv[2] ?? './transactions.sqlite'
const db = new (await initSqlJs()).Database(existsSync(file) ? await readFile(file) : null)
createTables(db)
const engine = createSyncEngine({
  redis: new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'),
  db,
  clientId: process.env.BRIDGE_CLIENT_ID ?? '',
  clientSecret: process.env.BRIDGE_CLIENT_SECRET ?? '',
  ...(process.env.BRIDGE_BASE_URL ? { baseUrl: process.env.BRIDGE_BASE_URL } : {}),
})
engine.worker.on('failed', (job, error) => console.error(`sync of ${job?.id} failed: ${error.message}`))

/** Bridge's events are a few hundred bytes: a larger body is refused. */
const MAX_BODY_BYTES = 65_536

createServer(async (req, res) => {
  const signature = req.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()]
  if (req.url !== '/webhooks/bridge' || req.method !== 'POST') return res.writeHead(404).end()
  if (typeof signature !== 'string') return res.writeHead(401).end()
  const chunks: Buffer[] = []
  for await (const chunk of req) {
    chunks.push(chunk as Buffer)
    if (chunks.reduce((size, c) => size + c.length, 0) > MAX_BODY_BYTES) return res.writeHead(413).end()
  }
  const event = await verifyAndParseWebhook({
    body: Buffer.concat(chunks),
    signature,
    secrets: [process.env.BRIDGE_WEBHOOK_SECRET ?? ''],
  })()
  if (event._tag === 'Left') return res.writeHead(401).end()
  // Any event naming a user (item refreshed, account updated…) puts that user first in line.
  const content = event.right.content as { user_uuid?: unknown }
  if (typeof content.user_uuid === 'string') await engine.nameUser(content.user_uuid)
  res.writeHead(200).end()
}).listen(Number(process.env.PORT ?? 8080), '127.0.0.1')

/** Plans and enqueues, saves the database, and comes back when the policy says (at most 5 s later). */
const dispatch = async () => {
  const { started, wakeAt } = await engine.dispatch()
  if (started.length > 0) console.log(`enqueued ${started.length} sync(s)`)
  await writeFile(`${file}.tmp`, db.export())
  await rename(`${file}.tmp`, file)
  setTimeout(dispatch, Math.min(5_000, Math.max(100, (wakeAt ?? Number.POSITIVE_INFINITY) - Date.now())))
}
await dispatch()
