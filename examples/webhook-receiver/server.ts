/**
 * A webhook receiver on Node's `http` server: checks that each delivery comes from Bridge (HMAC
 * signature over the raw body), answers at once, then reacts to the event with the SDK.
 *
 *   BRIDGE_CLIENT_ID=… BRIDGE_CLIENT_SECRET=… BRIDGE_WEBHOOK_SECRET=… PORT=8080 HOST=0.0.0.0 npx tsx server.ts
 *
 * During a secret rotation, also set BRIDGE_WEBHOOK_SECRET_PREVIOUS (Bridge keeps it valid for 24 h).
 * In Bridge's dashboard, point the webhook at `https://<your host>/webhooks/bridge`.
 */
import { createServer, type IncomingMessage } from 'node:http'
import { createContext, formatError, getAccount } from 'bridgeapi'
import {
  isKnownWebhookEvent,
  verifyAndParseWebhook,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookEvent,
} from 'bridgeapi/webhooks'

const env = (name: string) => process.env[name] ?? ''
const secrets = [env('BRIDGE_WEBHOOK_SECRET'), process.env.BRIDGE_WEBHOOK_SECRET_PREVIOUS]
const app = {
  clientId: env('BRIDGE_CLIENT_ID'),
  clientSecret: env('BRIDGE_CLIENT_SECRET'),
  ...(process.env.BRIDGE_BASE_URL ? { baseUrl: process.env.BRIDGE_BASE_URL } : {}),
}

/** The work an event triggers. Bridge may deliver an event twice: keep this idempotent. */
const react = async (event: WebhookEvent) => {
  if (!isKnownWebhookEvent(event)) return console.log(`ignored ${event.type}`)
  switch (event.type) {
    case 'item.account.updated': {
      const { account_id: accountId, user_uuid: uuid, nb_new_transactions: added = 0 } = event.content
      const ctx = createContext({ ...app, user: { uuid } })
      const account = await getAccount(ctx, { accountId })()
      if (account._tag === 'Left') return console.error(`account ${accountId}: ${formatError(account.left)}`)
      // Here you would fetch what changed with syncTransactions and a stored cursor: see examples/node-sync.
      const { name, balance, currency_code } = account.right
      return console.log(`account ${accountId} "${name}": balance ${balance} ${currency_code}, ${added} new`)
    }
    case 'item.refreshed':
      return console.log(`item ${event.content.item_id} refreshed (status ${event.content.status_code})`)
    case 'TEST_EVENT':
      return console.log('test event received')
    default:
      return console.log(`received ${event.type}`)
  }
}

/** Bridge's events are a few hundred bytes: anything much larger is refused unread. */
const MAX_BODY_BYTES = 1_048_576

/** The raw body, or `undefined` as soon as it passes `MAX_BODY_BYTES` (the rest is left unread). */
const readBody = (req: IncomingMessage) =>
  new Promise<Buffer | undefined>((resolve, reject) => {
    if (Number(req.headers['content-length']) > MAX_BODY_BYTES) return resolve(undefined)
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) return chunks.push(chunk)
      req.pause()
      resolve(undefined)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })

const server = createServer(async (req, res) => {
  if (req.url !== '/webhooks/bridge') return res.writeHead(404).end()
  if (req.method !== 'POST') return res.writeHead(405, { allow: 'POST' }).end()
  // Anyone can post here: an unsigned request is refused before its body is read.
  const signature = req.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()]
  if (typeof signature !== 'string') {
    console.warn('rejected: no signature')
    return res.writeHead(401).end()
  }
  // The signature covers the bytes as sent: read the raw body, never a re-serialised JSON.
  const body = await readBody(req).catch(() => undefined)
  if (!body) return res.writeHead(413, { connection: 'close' }).end()
  const result = await verifyAndParseWebhook({ body, signature, secrets })()
  if (result._tag === 'Left') {
    console.warn(`rejected: ${result.left._tag} ${result.left.reason}`)
    return res.writeHead(result.left._tag === 'WebhookSignatureError' ? 401 : 400).end()
  }
  // Acknowledge first (Bridge expects a quick 2xx), then do the work. Bridge signs no timestamp, so a
  // captured delivery can be replayed: keep `react` idempotent, or skip event ids seen before (README,
  // "Security model").
  res.writeHead(200).end()
  await react(result.right).catch((error: unknown) => console.error('event handling failed', error))
})

const host = process.env.HOST ?? '127.0.0.1'
server.listen(Number(process.env.PORT ?? 8080), host, () => {
  const address = server.address()
  if (address && typeof address === 'object') console.log(`listening on http://${host}:${address.port}`)
})
