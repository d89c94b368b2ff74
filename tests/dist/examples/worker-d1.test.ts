import { createHmac } from 'node:crypto'
import { copyFileSync, mkdirSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { join, resolve } from 'node:path'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { RunningSandbox } from '../../../src/sandbox/index.js'
import { bundleFor } from '../../runtimes/runtimes.js'
import { truth as liveTransactions } from '../../sync/support.js'
import { sandboxEnv, startWithUser } from './run-example.js'

/*
 * examples/worker-d1, bundled against the packed package and run in workerd (Miniflare) with a real D1
 * database and KV namespace, against the sandbox over loopback HTTP.
 */

const SECRET = 'whsec-d1-example-0123456789'
const USER = 'd1-user'
const sign = (body: string) => `v1=${createHmac('sha256', SECRET).update(body).digest('hex').toUpperCase()}`

describe('examples/worker-d1 (Cloudflare Worker + D1, in workerd)', () => {
  let server: RunningSandbox
  let mf: Miniflare
  let uuid: string
  let accountId: number

  const deliver = async (body: string, signature = sign(body)) => {
    const response = await mf.dispatchFetch('http://worker.test/webhooks/bridge', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'BridgeApi-Signature': signature },
      body,
    })
    return { status: response.status, text: await response.text() }
  }
  /** An `item.account.updated` event; each real event has its own `timestamp`. */
  const accountUpdated = (timestamp: number) =>
    JSON.stringify({
      content: { account_id: accountId, item_id: 1, user_uuid: uuid, nb_new_transactions: 3 },
      timestamp,
      type: 'item.account.updated',
    })
  const syncState = async () => {
    const db = await mf.getD1Database('DB')
    return db
      .prepare('SELECT user_uuid, done FROM sync_state')
      .all()
      .then(({ results }) => results)
  }
  const rows = async () => {
    const db = await mf.getD1Database('DB')
    const { results } = await db.prepare('SELECT id, updated_at FROM transactions ORDER BY id').all()
    return Object.fromEntries(results.map((r: any) => [r.id, r.updated_at]))
  }
  const truth = () => liveTransactions(server, uuid)
  const transactionRequests = () =>
    server.sandbox.requests.filter((r) => r.path === '/v3/aggregation/transactions').length

  beforeAll(async () => {
    ;({ server, uuid } = await startWithUser('worker-d1', {
      externalUserId: USER,
      transactions: 2_600,
      accounts: 2,
    }))
    accountId = server.sandbox.accounts(uuid)[0]!.id
    const dir = join(inject('packed').projectDir, 'examples-worker-d1')
    mkdirSync(dir, { recursive: true })
    copyFileSync(
      resolve(import.meta.dirname, '../../../examples/worker-d1/worker.ts'),
      join(dir, 'worker.ts'),
    )
    const script = await bundleFor(
      dir,
      `export { default } from './worker.ts'`,
      ['workerd', 'worker', 'browser'],
      'esm',
    )
    mf = new Miniflare({
      modules: true,
      script,
      compatibilityDate: '2025-01-15',
      bindings: {
        ...sandboxEnv(server),
        BRIDGE_WEBHOOK_SECRET: SECRET,
        MAX_PAGES: '2',
      },
      kvNamespaces: ['BRIDGE_TOKENS'],
      d1Databases: ['DB'],
    })
  })
  afterAll(async () => {
    await mf?.dispose()
    await server?.close()
  })

  it('refuses a bad signature and ignores other events', async () => {
    expect(await deliver(accountUpdated(1612782588323), `v1=${'0'.repeat(64)}`)).toEqual({
      status: 401,
      text: 'WebhookSignatureError: mismatch',
    })
    const other = JSON.stringify({
      content: { item_id: 1, user_uuid: uuid },
      timestamp: 1,
      type: 'item.created',
    })
    expect(await deliver(other)).toEqual({ status: 200, text: 'OK' })
    expect(transactionRequests()).toBe(0)
  })

  it('refuses an unsigned 64 MiB body with 401 after reading only a small part of it', async () => {
    const TOTAL = 64 * 1024 * 1024
    const { status, sent } = await postUnsigned(new URL('/webhooks/bridge', await mf.ready), TOTAL)
    expect([401, 'reset']).toContain(status)
    // Loopback and workerd buffer a few MiB at most; a body read in full takes all 64 MiB.
    expect(sent).toBeLessThan(TOTAL / 4)
    expect(transactionRequests()).toBe(0)
  })

  it('a webhook syncs 2 pages, the cron trigger continues 2 pages per run until D1 equals Bridge', async () => {
    expect(await deliver(accountUpdated(1612782588323))).toEqual({ status: 200, text: 'OK' })
    expect(transactionRequests()).toBe(2)
    expect(await syncState()).toEqual([{ user_uuid: uuid, done: 0 }])
    expect(Object.keys(await rows())).toHaveLength(1_000 - (await deletedSoFar()))
    const worker = await mf.getWorker()
    await worker.scheduled({ cron: '* * * * *' }) // pages 3 to 4
    expect(transactionRequests()).toBe(4)
    await worker.scheduled({ cron: '* * * * *' }) // pages 5 and 6 (the last 100 rows): done
    await worker.scheduled({ cron: '* * * * *' }) // nothing left to do: no request
    expect(transactionRequests()).toBe(6)
    expect(await syncState()).toEqual([{ user_uuid: uuid, done: 1 }])
    expect(await rows()).toEqual(truth())
  })

  it('the next webhook fetches only what changed: updates, a deletion, a late transaction', async () => {
    server.sandbox.clock.advance(3_600_000)
    const [a, b] = Object.keys(truth()).map(Number)
    server.sandbox.changeHistory(uuid, {
      changes: [
        { type: 'update', id: a!, amount: 1 },
        { type: 'delete', id: b! },
        { type: 'insert', accountId, date: '2025-12-24', amount: -40 },
      ],
    })
    server.sandbox.clearRequests()
    expect(await deliver(accountUpdated(1612782600000))).toEqual({ status: 200, text: 'OK' })
    expect(
      server.sandbox.requests
        .filter((r) => r.path === '/v3/aggregation/transactions')
        .map((r) => r.query.since),
    ).toEqual([expect.any(String)])
    expect(await rows()).toEqual(truth())
  })

  it('5 deliveries of one signed event (a replay, or Bridge retrying) sync once', async () => {
    server.sandbox.clock.advance(3_600_000)
    const [a] = Object.keys(truth()).map(Number)
    server.sandbox.changeHistory(uuid, { changes: [{ type: 'update', id: a!, amount: 2 }] })
    server.sandbox.clearRequests()
    const event = accountUpdated(1612782700000)
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => deliver(event)))
    expect(transactionRequests()).toBe(1)
    expect(answers).toEqual(Array(5).fill({ status: 200, text: 'OK' }))
    expect(await rows()).toEqual(truth())
    // The repeats did not mark the copy stale either: the cron trigger has nothing to do.
    await (await mf.getWorker()).scheduled({ cron: '* * * * *' })
    expect(transactionRequests()).toBe(1)
    expect(await syncState()).toEqual([{ user_uuid: uuid, done: 1 }])
  })

  /**
   * POSTs `total` bytes with no signature over a plain socket, writing only as fast as the Worker's side
   * takes them, and stops at the answer: `sent` is what the Worker (and the buffers on the way) took.
   * Not `dispatchFetch`: its fetch fails with ECONNRESET when the Worker answers without reading.
   */
  function postUnsigned(url: URL, total: number) {
    const chunk = new Uint8Array(64 * 1024).fill(0x41)
    return new Promise<{ status: number | 'reset'; sent: number }>((resolve, reject) => {
      let sent = 0
      let answered = false
      const request = httpRequest(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': total },
      })
      request.on('response', (response) => {
        answered = true
        response.resume()
        request.destroy()
        resolve({ status: response.statusCode ?? 0, sent })
      })
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (answered) return
        // The Worker answered without reading the body: on a busy machine workerd closes the socket
        // while we are still writing, before Node parses its 401. Either way it did not read it all.
        if (error.code === 'ECONNRESET' || error.code === 'EPIPE') resolve({ status: 'reset', sent })
        else reject(error)
      })
      const pump = () => {
        while (sent < total && !answered) {
          sent += chunk.byteLength
          if (!request.write(chunk)) return void request.once('drain', pump)
        }
        if (!answered) request.end()
      }
      pump()
    })
  }

  async function deletedSoFar() {
    // Rows of the first 1 000 listed (newest first) that are deletions: not stored.
    return server.sandbox
      .transactions(uuid, 'updated')
      .slice(0, 1_000)
      .filter((tx) => tx.deleted).length
  }
})
