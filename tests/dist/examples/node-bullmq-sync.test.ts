import { Redis } from 'ioredis'
import initSqlJs, { type Database } from 'sql.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSyncEngine, createTables } from '../../../examples/node-bullmq-sync/engine.js'
import { type RunningSandbox, startSandbox } from '../../../src/sandbox/index.js'
import { hasRedisServer, redisRequired, startRedis } from '../../support/redis-server.js'
import { truth } from '../../sync/support.js'

/*
 * The BullMQ example against a real redis-server and the sandbox over HTTP, enforcing Bridge's rate
 * limits (a request over one gets 429 and is counted). Without `redis-server` on PATH this file is
 * skipped, saying why, unless BRIDGEAPI_REQUIRE_REDIS=1 (CI), which makes its absence a failure.
 */
if (!hasRedisServer && !redisRequired)
  console.warn(
    'tests/dist/examples/node-bullmq-sync.test.ts: SKIPPED, no redis-server on PATH (apt-get install redis-server ' +
      'to run it; BRIDGEAPI_REQUIRE_REDIS=1 makes this a failure)',
  )

describe.runIf(redisRequired)('BRIDGEAPI_REQUIRE_REDIS=1', () => {
  it('finds redis-server on PATH', () => expect(hasRedisServer).toBe(true))
})

const USERS = ['bull-a', 'bull-b', 'bull-c', 'bull-d', 'bull-e']
/** A user Bridge does not know: every sync of it fails. */
const UNKNOWN = '00000000-0000-4000-8000-00000000dead'

/** Polls until `check` holds (the worker runs on its own), failing after 20 s. */
const until = async (check: () => Promise<boolean> | boolean) => {
  for (let i = 0; i < 400; i++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('timed out waiting for the worker')
}

describe.skipIf(!hasRedisServer)(
  'examples/node-bullmq-sync: BullMQ fan-out into SQLite, with a real redis-server',
  () => {
    let redisServer: Awaited<ReturnType<typeof startRedis>> | undefined
    let server: RunningSandbox
    let redis: Redis
    let db: Database
    let engine: ReturnType<typeof createSyncEngine>
    const failures: string[] = []

    const rowsOf = (user: string) =>
      Object.fromEntries(
        (
          db.exec('SELECT id, updated_at FROM transactions WHERE user_id = ? ORDER BY id', [user])[0]
            ?.values ?? []
        ).map(([id, at]) => [id, at]),
      )
    const cursorOf = (user: string) =>
      db.exec('SELECT cursor FROM sync_state WHERE user_id = ?', [user])[0]?.values[0]?.[0]
    const uuidOf = (user: string) => server.sandbox.findUser('externalUserId', user)!.uuid
    /** The engine names users by uuid, as Bridge's webhooks do. */
    const u = uuidOf

    beforeAll(async () => {
      redisServer = await startRedis()
      server = await startSandbox({
        seed: 'bullmq',
        enforceRateLimits: true,
        users: USERS.map((externalUserId) => ({ externalUserId, transactions: 700, accounts: 2 })),
      })
      redis = new Redis({ port: redisServer.port, host: '127.0.0.1' })
      db = new (await initSqlJs()).Database()
      createTables(db)
      engine = createSyncEngine({
        redis,
        db,
        clientId: server.sandbox.clientId,
        clientSecret: server.sandbox.clientSecret,
        baseUrl: server.url,
        retry: { maxAttempts: 2, baseDelayMs: 400, maxDelayMs: 400 },
      })
      engine.worker.on('failed', (job, error) => failures.push(`${job?.id}: ${error.message}`))
    })
    afterAll(async () => {
      await engine?.close()
      redis?.disconnect()
      await server?.close()
      redisServer?.stop()
    })

    it('syncs webhook-named users first (oldest first), then background refreshes, every row with its cursor', async () => {
      const now = Date.now()
      await engine.scheduleRefresh([u('bull-d'), u('bull-e')], now - 60_000)
      await engine.nameUser(u('bull-b'), now - 2_000)
      await engine.nameUser(u('bull-a'), now - 1_000)
      await engine.nameUser(u('bull-b'), now - 500) // named again: keeps its place
      await engine.nameUser(u('bull-c'), now - 100)
      const { started } = await engine.dispatch(now)
      expect(started).toEqual([u('bull-b'), u('bull-a'), u('bull-c'), u('bull-d'), u('bull-e')])
      await until(async () => USERS.every((user) => typeof cursorOf(u(user)) === 'string'))
      await until(
        async () => (await engine.queue.getJobCounts('active', 'waiting', 'prioritized')).active === 0,
      )
      for (const user of USERS) expect(rowsOf(u(user))).toEqual(truth(server, uuidOf(user)))
      expect(server.sandbox.rateLimitReport().overLimit).toBe(0)
      expect(failures).toEqual([])
      // Nothing is left to plan: the waiting sets are empty, each user is due for a refresh later.
      expect((await engine.dispatch()).started).toEqual([])
    })

    it('never runs two syncs of one user: one job per user id, and a held lock makes the job wait and retry', async () => {
      const changed = Object.keys(truth(server, uuidOf('bull-a')))
        .slice(0, 3)
        .map(Number)
      server.sandbox.changeHistory(uuidOf('bull-a'), {
        changes: changed.map((id) => ({ type: 'update', id, amount: 1 })),
      })
      // Another worker holds the user's lock: this one's first attempt must not sync.
      // It expires before the retry (200 to 400 ms later): the second attempt syncs.
      await redis.set(`bridge-sync:lock:${u('bull-a')}`, 'someone-else', 'PX', 150)
      await engine.nameUser(u('bull-a'))
      expect((await engine.dispatch()).started).toEqual([u('bull-a')])
      // A second job for the same user while one is pending is not added.
      await engine.queue.add('webhook', { reason: 'webhook', since: 0 }, { jobId: u('bull-a') })
      expect(
        (await engine.queue.getJobs(['waiting', 'prioritized', 'active', 'delayed'])).map((job) => job.id),
      ).toEqual([u('bull-a')])
      await until(() => failures.length === 1)
      expect(failures).toEqual([`${u('bull-a')}: sync of ${u('bull-a')} already running`])
      await until(
        () => JSON.stringify(rowsOf(u('bull-a'))) === JSON.stringify(truth(server, uuidOf('bull-a'))),
      )
      expect(rowsOf(u('bull-a'))).toEqual(truth(server, uuidOf('bull-a')))
    })

    it('dead-letters a sync that keeps failing: after the last attempt the job stays in the failed set', async () => {
      failures.length = 0
      // Bridge does not know this user: every attempt fails.
      await engine.nameUser(UNKNOWN)
      expect((await engine.dispatch()).started).toEqual([UNKNOWN])
      await until(() => failures.length === 2)
      const failed = await engine.queue.getFailed()
      expect(failed.map((job) => [job.id, job.attemptsMade])).toEqual([[UNKNOWN, 2]])
      expect(failed[0]?.failedReason).toMatch(new RegExp(`^sync of ${UNKNOWN} stopped: `))
      expect(cursorOf(UNKNOWN)).toBeUndefined()
      // A dead-lettered user is not planned again until an operator retries its job.
      await engine.nameUser(UNKNOWN)
      expect((await engine.dispatch()).started).toEqual([])
      expect(server.sandbox.rateLimitReport().overLimit).toBe(0)
    })
  },
)
