import { createHmac } from 'node:crypto'
import { copyFileSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { RunningSandbox } from '../../src/sandbox/index.js'
import { bundleFor } from '../runtimes/runtimes.js'
import { truth as liveTransactions } from '../sync/support.js'
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
    return { status: response.status, body: (await response.json()) as any }
  }
  const accountUpdated = () =>
    JSON.stringify({
      content: { account_id: accountId, item_id: 1, user_uuid: uuid, nb_new_transactions: 3 },
      timestamp: 1612782588323,
      type: 'item.account.updated',
    })
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
    copyFileSync(resolve(import.meta.dirname, '../../examples/worker-d1/worker.ts'), join(dir, 'worker.ts'))
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
    expect(await deliver(accountUpdated(), 'v1=00')).toEqual({
      status: 401,
      body: { error: expect.any(String) },
    })
    const other = JSON.stringify({
      content: { item_id: 1, user_uuid: uuid },
      timestamp: 1,
      type: 'item.created',
    })
    expect(await deliver(other)).toEqual({ status: 200, body: { ignored: 'item.created' } })
    expect(transactionRequests()).toBe(0)
  })

  it('a webhook syncs 2 pages, the cron trigger continues 2 pages per run until D1 equals Bridge', async () => {
    expect(await deliver(accountUpdated())).toEqual({
      status: 200,
      body: { user: uuid, pages: 2, upserted: expect.any(Number), deleted: expect.any(Number), done: false },
    })
    expect(Object.keys(await rows())).toHaveLength(1_000 - (await deletedSoFar()))
    const worker = await mf.getWorker()
    await worker.scheduled({ cron: '* * * * *' }) // pages 3 to 4
    expect(transactionRequests()).toBe(4)
    await worker.scheduled({ cron: '* * * * *' }) // pages 5 and 6 (the last 100 rows): done
    await worker.scheduled({ cron: '* * * * *' }) // nothing left to do: no request
    expect(transactionRequests()).toBe(6)
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
    expect(await deliver(accountUpdated())).toEqual({
      status: 200,
      body: { user: uuid, pages: 1, upserted: 2, deleted: 1, done: true },
    })
    expect(
      server.sandbox.requests
        .filter((r) => r.path === '/v3/aggregation/transactions')
        .map((r) => r.query.since),
    ).toEqual([expect.any(String)])
    expect(await rows()).toEqual(truth())
  })

  async function deletedSoFar() {
    // Rows of the first 1 000 listed (newest first) that are deletions: not stored.
    return server.sandbox
      .transactions(uuid, 'updated')
      .slice(0, 1_000)
      .filter((tx) => tx.deleted).length
  }
})
