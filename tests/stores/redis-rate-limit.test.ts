/**
 * Two (or three) "instances" — each its own rate limiter, context and token store — share limits
 * through one store, and together stay under Bridge's limits as the sandbox counts them.
 */
import { Redis } from 'ioredis'
import { createClient } from 'redis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { getAccount, memoryRateLimitStore, type RateLimitStore } from '../../src/index.js'
import type { RunningSandbox } from '../../src/sandbox/index.js'
import { type RedisScriptClientLike, redisRateLimitStore } from '../../src/stores/redis/index.js'
import { START, startLimitedSandbox, userContext, virtualLimiter } from '../limiter/helpers.js'
import { hasRedisServer, redisRequired, startRedis } from '../support/redis-server.js'

let server: RunningSandbox | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/**
 * Each instance (one per store) sends `calls` account reads for the same user at once, with a
 * limiter of its own on its store. Returns the sandbox's count and the calls that failed.
 */
const instancesShareOneUser = async (stores: readonly RateLimitStore[], calls = 90) => {
  const started = await startLimitedSandbox(false)
  server = started.server
  const user = server.sandbox.seedUser({ transactions: 5, accounts: 1 })
  const accountId = user.accountIds[0] as number
  const results = await Promise.all(
    stores.flatMap((store) => {
      const ctx = userContext(
        started.server,
        started.time,
        { uuid: user.uuid },
        {
          rateLimiter: virtualLimiter(started.time, store),
        },
      )
      return Array.from({ length: calls }, async () => (await getAccount(ctx, { accountId })())._tag)
    }),
  )
  return {
    failed: results.filter((tag) => tag !== 'Right').length,
    report: server.sandbox.rateLimitReport(),
    elapsedMs: server.sandbox.clock.now() - START,
  }
}

describe('instances sharing a memory store', () => {
  it('stay under the user limit together (182 requests for one user: 3 full minutes)', async () => {
    const store = memoryRateLimitStore()
    const { failed, report, elapsedMs } = await instancesShareOneUser([store, store])
    expect(failed).toBe(0)
    expect(report).toMatchObject({ requests: 182, overLimit: 0, peak: { user: 60 } })
    expect(elapsedMs).toBe(180_000)
  })

  it('each on a store of its own, they do not know of each other, and go over (the control)', async () => {
    const { failed, report } = await instancesShareOneUser([memoryRateLimitStore(), memoryRateLimitStore()])
    expect(failed).toBe(0)
    // Each instance sends 60 at once (120 together: 60 over the limit), then its last 31 a minute
    // later (62 in that minute: 2 over).
    expect(report.overLimit).toBe(62)
    expect(report.peak.user).toBe(120)
  })
})

if (!hasRedisServer && !redisRequired)
  console.warn('tests/stores/redis-rate-limit.test.ts: Redis tests SKIPPED, no redis-server on PATH')

describe.skipIf(!hasRedisServer && !redisRequired)(
  'instances sharing a Redis store (real redis-server)',
  () => {
    let redis: Awaited<ReturnType<typeof startRedis>>
    const opened: { quit(): Promise<unknown> }[] = []
    beforeAll(async () => {
      redis = await startRedis()
    })
    afterAll(async () => {
      await Promise.all(opened.map((client) => client.quit()))
      redis.stop()
    })

    /** One client of each shape the store takes: ioredis (`call`), node-redis (`sendCommand`), `@upstash/redis` (`eval`). */
    const clients = async (): Promise<RedisScriptClientLike[]> => {
      const ioredis = new Redis({ port: redis.port, host: '127.0.0.1' })
      const nodeRedis = await createClient({ socket: { port: redis.port, host: '127.0.0.1' } }).connect()
      const forUpstashShape = new Redis({ port: redis.port, host: '127.0.0.1' })
      opened.push(ioredis, nodeRedis, forUpstashShape)
      const upstashShaped = {
        eval: (script: string, keys: string[], args: string[]) =>
          forUpstashShape.eval(script, keys.length, ...keys, ...args),
      }
      return [ioredis, nodeRedis as unknown as RedisScriptClientLike, upstashShaped]
    }

    it('three instances, one per client shape, stay under the user limit together', async () => {
      const stores = (await clients()).map((client) => redisRateLimitStore(client, { prefix: 'shared:' }))
      const { failed, report, elapsedMs } = await instancesShareOneUser(stores, 60)
      expect(failed).toBe(0)
      // 3 × 60 reads and 3 token requests: 183 requests, 4 windows.
      expect(report).toMatchObject({ requests: 183, overLimit: 0, peak: { user: 60 } })
      expect(elapsedMs).toBe(180_000)
    })

    it('the script is atomic: of 150 concurrent asks from three clients for 60 slots, exactly 60 win', async () => {
      const stores = (await clients()).map((client) => redisRateLimitStore(client, { prefix: 'atomic:' }))
      const window = { key: 'w', limit: 60, windowMs: 60_000 }
      const answers = await Promise.all(
        Array.from({ length: 150 }, (_, i) =>
          stores[i % 3]!.acquire([window], { id: `r${i}`, now: START, leaseMs: 30_000 }),
        ),
      )
      expect(answers.filter((answer) => answer.granted)).toHaveLength(60)
      // Every slot is in flight: none can free sooner than a full window from now.
      expect(new Set(answers.filter((a) => !a.granted).map((a) => !a.granted && a.retryAt))).toEqual(
        new Set([START + 60_000]),
      )
      // Releasing one at START frees it at START + 60 s; the others hold until their lease ends.
      await stores[0]!.release([window], 'r0', START)
      expect(
        await stores[1]!.acquire([window], { id: 'late', now: START + 60_000, leaseMs: 30_000 }),
      ).toEqual({
        granted: true,
      })
      expect(
        await stores[2]!.acquire([window], { id: 'later', now: START + 60_000, leaseMs: 30_000 }),
      ).toEqual({
        granted: false,
        retryAt: START + 90_000, // when the leases of the 59 still in flight end
      })
    })
  },
)
