import { createHmac } from 'node:crypto'
import { copyFileSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../../src/sandbox/index.js'
import { bundleFor } from '../../runtimes/runtimes.js'
import { truth } from '../../sync/support.js'
import { sandboxEnv } from './run-example.js'

/*
 * examples/worker-queue-sync, bundled against the packed package and run in workerd (Miniflare) with
 * real Cloudflare Queues, D1 and Durable Objects, against the sandbox (enforcing Bridge's limits) over
 * loopback HTTP.
 */

vi.setConfig({ testTimeout: 120_000 })

const SECRET = 'whsec-queue-example-0123456789'
const TOKEN_PATH = '/v3/aggregation/authorization/token'
const UNKNOWN_USER = '00000000-0000-4000-8000-000000000000'
const sign = (body: string) => `v1=${createHmac('sha256', SECRET).update(body).digest('hex').toUpperCase()}`

describe('examples/worker-queue-sync (Cloudflare Queues + D1 + Durable Objects, in workerd)', () => {
  let server: RunningSandbox
  let mf: Miniflare
  const users: string[] = []

  const deliver = async (user: string, timestamp: number) => {
    const body = JSON.stringify({
      content: { account_id: 1, item_id: 1, user_uuid: user, nb_new_transactions: 3 },
      timestamp,
      type: 'item.account.updated',
    })
    const response = await mf.dispatchFetch('http://worker.test/webhooks/bridge', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'BridgeApi-Signature': sign(body) },
      body,
    })
    return response.status
  }
  const query = async <T>(sql: string, ...params: unknown[]): Promise<T[]> => {
    const db = await mf.getD1Database('DB')
    const { results } = await db
      .prepare(sql)
      .bind(...params)
      .all()
    return results as T[]
  }
  const rowsOf = async (user: string) =>
    Object.fromEntries(
      (
        await query<{ id: number; updated_at: string }>(
          'SELECT id, updated_at FROM transactions WHERE user_uuid = ? ORDER BY id',
          user,
        )
      ).map((row) => [row.id, row.updated_at]),
    )
  /** Polls until `done` holds (queues deliver on their own schedule), at most 90 s. */
  const until = async (done: () => Promise<boolean>) => {
    for (let waited = 0; waited < 90_000; waited += 250) {
      if (await done()) return
      await new Promise((go) => setTimeout(go, 250))
    }
    throw new Error('timed out waiting for the queues')
  }
  const tokenRequests = (user: string) =>
    server.sandbox.requests.filter(
      (request) =>
        request.path === TOKEN_PATH && (request.body as { user_uuid?: string })?.user_uuid === user,
    ).length

  beforeAll(async () => {
    server = await startSandbox({ seed: 'queue-sync', enforceRateLimits: true })
    for (let index = 0; index < 3; index++)
      users.push(server.sandbox.seedUser({ accounts: 2, transactions: 1_200 }).uuid)
    const dir = join(inject('packed').projectDir, 'examples-worker-queue-sync')
    mkdirSync(dir, { recursive: true })
    for (const file of ['worker.ts', 'sync-gate.ts'])
      copyFileSync(resolve(import.meta.dirname, '../../../examples/worker-queue-sync', file), join(dir, file))
    const script = await bundleFor(
      dir,
      `export { default, BridgeCoordinator, SyncGate } from './worker.ts'`,
      ['workerd', 'worker', 'browser'],
      'esm',
    )
    const consumer = { maxBatchSize: 10, maxBatchTimeout: 0, maxRetries: 100, deadLetterQueue: 'dead-syncs' }
    mf = new Miniflare({
      modules: true,
      script,
      compatibilityDate: '2025-01-15',
      bindings: {
        ...sandboxEnv(server),
        BRIDGE_WEBHOOK_SECRET: SECRET,
        MAX_PAGES: '1',
        SYNC_MAX_ATTEMPTS: '2',
        SYNC_BASE_DELAY_MS: '1000',
      },
      d1Databases: ['DB'],
      durableObjects: { BRIDGE_COORDINATOR: 'BridgeCoordinator', SYNC_GATE: 'SyncGate' },
      queueProducers: {
        WEBHOOK_SYNCS: { queueName: 'webhook-syncs' },
        REFRESH_SYNCS: { queueName: 'refresh-syncs' },
        DEAD_SYNCS: { queueName: 'dead-syncs' },
      },
      queueConsumers: {
        'webhook-syncs': consumer,
        'refresh-syncs': consumer,
        'dead-syncs': { maxBatchSize: 10, maxBatchTimeout: 0 },
      },
    })
  })
  afterAll(async () => {
    await mf?.dispose()
    await server?.close()
  })

  it('webhooks (3 deliveries for one user at once) sync each user into D1, slice by slice, within the limits', async () => {
    const [first, second] = users as [string, string]
    const statuses = await Promise.all([
      deliver(first, 1),
      deliver(first, 2),
      deliver(first, 3),
      deliver(second, 4),
    ])
    expect(statuses).toEqual([200, 200, 200, 200])
    await until(async () => {
      const [a, b] = await Promise.all([rowsOf(first), rowsOf(second)])
      return (
        JSON.stringify(a) === JSON.stringify(truth(server, first)) &&
        JSON.stringify(b) === JSON.stringify(truth(server, second))
      )
    })
    expect(await rowsOf(first)).toEqual(truth(server, first))
    expect(await rowsOf(second)).toEqual(truth(server, second))
    // 1 200 transactions in pages of 500 at one page per slice: the later slices were continued on the queue.
    expect(
      (
        await query<{ user_uuid: string }>(
          'SELECT user_uuid FROM sync_state WHERE synced_at IS NOT NULL ORDER BY user_uuid',
        )
      ).map((row) => row.user_uuid),
    ).toEqual([first, second].sort())
    expect([tokenRequests(first), tokenRequests(second)]).toEqual([1, 1])
    // Three pages per user at least (one per slice); a repeated delivery may add a slice from the cursor.
    expect(
      server.sandbox.requests.filter((request) => request.path === '/v3/aggregation/transactions').length,
    ).toBeGreaterThanOrEqual(6)
    expect(server.sandbox.rateLimitReport()).toMatchObject({ overLimit: 0 })
  })

  it('the cron trigger queues a background refresh of users synced over an hour ago', async () => {
    const third = users[2] as string
    const db = await mf.getD1Database('DB')
    await db
      .prepare('INSERT INTO sync_state (user_uuid, cursor, synced_at) VALUES (?, NULL, ?)')
      .bind(third, Date.now() - 2 * 3_600_000)
      .run()
    await (await mf.getWorker()).scheduled({ cron: '*/5 * * * *' })
    await until(async () => JSON.stringify(await rowsOf(third)) === JSON.stringify(truth(server, third)))
    expect(await rowsOf(third)).toEqual(truth(server, third))
    expect(server.sandbox.rateLimitReport()).toMatchObject({ overLimit: 0 })
  })

  it('a sync that keeps failing is retried with backoff, then dead-lettered', async () => {
    expect(await deliver(UNKNOWN_USER, 5)).toBe(200)
    await until(async () => (await query('SELECT 1 FROM dead_syncs')).length > 0)
    expect(await query('SELECT user_uuid, reason FROM dead_syncs')).toEqual([
      { user_uuid: UNKNOWN_USER, reason: 'webhook' },
    ])
    // Two attempts (SYNC_MAX_ATTEMPTS), each one token request Bridge refused; nothing synced.
    expect(tokenRequests(UNKNOWN_USER)).toBe(2)
    expect(await rowsOf(UNKNOWN_USER)).toEqual({})
  })

  it('the gate starts one sync per user at a time, and the next once it is done', async () => {
    const namespace = await mf.getDurableObjectNamespace('SYNC_GATE')
    const stub = namespace.get(namespace.idFromName('gate'))
    const ask = async (route: string, user: string) => {
      const response = await stub.fetch(`https://gate${route}`, {
        method: 'POST',
        body: JSON.stringify({ user, reason: 'webhook', since: Date.now() }),
      })
      return (await response.json()) as { start?: boolean }
    }
    expect((await ask('/start', 'lock-user')).start).toBe(true)
    expect((await ask('/start', 'lock-user')).start).toBe(false)
    expect((await ask('/start', 'other-user')).start).toBe(true)
    await ask('/done', 'lock-user')
    expect((await ask('/start', 'lock-user')).start).toBe(true)
  })
})
