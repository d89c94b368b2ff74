import { Redis } from 'ioredis'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RedisScriptClientLike, redisDeliveryStore } from '../../src/stores/redis/index.js'
import { hasRedisServer, startRedis } from '../support/redis-server.js'
import { type DeliveryScenarioName, deliveryExpected, deliveryScenarios } from './delivery-contract.js'

type Client = RedisScriptClientLike & { quit(): Promise<unknown> }

// Without redis-server these are skipped; redis.test.ts says why and fails in CI (BRIDGEAPI_REQUIRE_REDIS=1).
describe.skipIf(!hasRedisServer)('redisDeliveryStore (real redis-server)', () => {
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined
  const opened: Client[] = []
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(async () => {
    await Promise.all(opened.map((client) => client.quit()))
    redis?.stop()
  })

  const clients: Record<string, () => Promise<Client>> = {
    ioredis: async () => new Redis({ port: redis!.port, host: '127.0.0.1' }),
    'node-redis': async () =>
      (await createClient({
        socket: { port: redis!.port, host: '127.0.0.1' },
      }).connect()) as unknown as Client,
  }

  for (const [name, connect] of Object.entries(clients)) {
    describe(name, () => {
      let run = 0
      const backend = () => {
        const space = `${name}-${++run}:`
        return {
          // Every instance gets its own connection, like separate processes.
          store: async (prefix = '') => {
            const client = await connect()
            opened.push(client)
            return redisDeliveryStore(client, { prefix: space + prefix })
          },
        }
      }
      for (const scenario of Object.keys(deliveryExpected) as DeliveryScenarioName[]) {
        it(scenario, async () => {
          expect(await deliveryScenarios[scenario](backend())).toEqual(deliveryExpected[scenario])
        })
      }
    })
  }

  it('writes `pending`/`done` with a PX expiry of the lease/TTL; refuses a key it did not write', async () => {
    const redisClient = new Redis({ port: redis!.port, host: '127.0.0.1' })
    opened.push(redisClient)
    const store = redisDeliveryStore(redisClient, { prefix: 'raw:' })
    await store.claim('k', 30_000)
    expect([await redisClient.get('raw:k'), await redisClient.pttl('raw:k')]).toEqual([
      'pending',
      expect.any(Number),
    ])
    expect(Math.abs((await redisClient.pttl('raw:k')) - 30_000)).toBeLessThan(2_000)
    await store.commit('k', 7_200_000)
    expect(await redisClient.get('raw:k')).toBe('done')
    expect(Math.abs((await redisClient.pttl('raw:k')) - 7_200_000)).toBeLessThan(2_000)
    await redisClient.set('raw:other', 'something else')
    await expect(store.claim('other', 1_000)).rejects.toThrow('Unexpected delivery mark in Redis')
  })

  it('works with an eval(script, keys, args) client (the @upstash/redis shape)', async () => {
    const ioredis = new Redis({ port: redis!.port, host: '127.0.0.1' })
    opened.push(ioredis)
    const upstashLike = {
      eval: (script: string, keys: string[], args: string[]) =>
        ioredis.eval(script, keys.length, ...keys, ...args),
    }
    expect(
      await deliveryScenarios.lifecycle({
        store: async () => redisDeliveryStore(upstashLike, { prefix: 'up:' }),
      }),
    ).toEqual(deliveryExpected.lifecycle)
  })
})
