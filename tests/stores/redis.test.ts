import { Redis } from 'ioredis'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RedisClientLike, redisTokenStore } from '../../src/stores/redis/index.js'
import { freePort, hasRedisServer, redisRequired, startRedis } from '../support/redis-server.js'
import { type Backend, expected, expectedExpiry, type ScenarioName, scenarios } from './contract.js'

type Client = RedisClientLike & { ttl(key: string): Promise<number>; quit(): Promise<unknown> }

/** The two common clients, connected, plus one that cannot reach any server. */
const clients: Record<string, { connect(port: number): Promise<Client>; unreachable(): Promise<Client> }> = {
  ioredis: {
    connect: async (port) => new Redis({ port, host: '127.0.0.1' }),
    unreachable: async () => {
      const client = new Redis({
        port: await freePort(),
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      })
      // The refused connection is expected; the rejected command is what the test checks.
      client.on('error', () => {})
      return client
    },
  },
  'node-redis': {
    connect: async (port) =>
      (await createClient({ socket: { port, host: '127.0.0.1' } }).connect()) as unknown as Client,
    // Never connected: every command rejects.
    unreachable: async () => createClient({ socket: { port: await freePort() } }) as unknown as Client,
  },
}

/*
 * `npm ci && npm test` must pass on a machine without Redis, so without `redis-server` on PATH these
 * tests are skipped, saying why. CI installs it and sets BRIDGEAPI_REQUIRE_REDIS=1 (.ci/run), which
 * turns its absence into a failure: there the real server is always tested.
 */
if (!hasRedisServer && !redisRequired) {
  console.warn(
    'tests/stores/redis.test.ts: SKIPPED, no redis-server on PATH (apt-get install redis-server to run them; ' +
      'BRIDGEAPI_REQUIRE_REDIS=1 makes this a failure)',
  )
}

describe.runIf(redisRequired)('BRIDGEAPI_REQUIRE_REDIS=1', () => {
  it('finds redis-server on PATH', () => {
    expect(hasRedisServer, `no redis-server in PATH=${process.env.PATH}`).toBe(true)
  })
})

describe.skipIf(!hasRedisServer)('with a real redis-server', () => {
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined
  beforeAll(async () => {
    redis = await startRedis()
  })
  // Guarded: when startRedis failed there is nothing to stop, and the real error is the one to see.
  afterAll(() => redis?.stop())
  /** The running server's port (beforeAll has started it when any test runs). */
  const redisPort = () => redis!.port

  for (const [name, make] of Object.entries(clients)) {
    describe(`redisTokenStore (${name}, real redis-server)`, () => {
      const opened: Client[] = []
      const connect = async () => {
        const client = await make.connect(redisPort())
        opened.push(client)
        return client
      }
      afterAll(() => Promise.all(opened.map((client) => client.quit())))

      let run = 0
      const backend = (): Backend => {
        const space = `${name}-${++run}:`
        return {
          // Every instance gets its own connection, like separate processes.
          store: async (prefix = '') => redisTokenStore(await connect(), { prefix: space + prefix }),
          ttl: async (key) => (await connect()).ttl(space + key),
          broken: async () => redisTokenStore(await make.unreachable()),
        }
      }

      for (const scenario of Object.keys(expected) as Exclude<ScenarioName, 'expiry'>[]) {
        it(scenario, async () => {
          expect(await scenarios[scenario](backend())).toEqual(expected[scenario])
        })
      }

      it('expiry: SETEX for the seconds left until expiresAt (at least 1)', async () => {
        const report = await scenarios.expiry(backend())
        const want = expectedExpiry(1)
        for (const key of ['long', 'short', 'past'] as const) {
          expect(Math.abs(report[key] - want[key])).toBeLessThanOrEqual(2)
        }
      })
    })
  }

  describe('redisTokenStore with a JSON-decoding client (the @upstash/redis shape)', () => {
    it('reads back a value the client has already parsed', async () => {
      const ioredis = new Redis({ port: redisPort(), host: '127.0.0.1' })
      const decoding = {
        get: async (key: string) => {
          const text = await ioredis.get(key)
          return text === null ? null : JSON.parse(text)
        },
        setex: (key: string, seconds: number, value: string) => ioredis.setex(key, seconds, value),
        del: (key: string) => ioredis.del(key),
      }
      const store = redisTokenStore(decoding, { prefix: 'upstash:' })
      await store.set('k', { accessToken: 'tok-u', expiresAt: '2030-01-01T00:00:00.000Z' })
      expect(await ioredis.get('upstash:k')).toBe(
        '{"accessToken":"tok-u","expiresAt":"2030-01-01T00:00:00.000Z"}',
      )
      expect(await store.get('k')).toEqual({ accessToken: 'tok-u', expiresAt: '2030-01-01T00:00:00.000Z' })
      await ioredis.quit()
    })
  })
})
