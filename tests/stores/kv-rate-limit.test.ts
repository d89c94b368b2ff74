/** The Cloudflare KV rate-limit store, on workerd's KV through miniflare. */
import { Miniflare } from 'miniflare'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { getAccount } from '../../src/index.js'
import type { RunningSandbox } from '../../src/sandbox/index.js'
import { type KvNamespaceLike, kvRateLimitStore } from '../../src/stores/index.js'
import { START, startLimitedSandbox, userContext, virtualLimiter } from '../limiter/helpers.js'

// Each limiter decision is two KV round trips to workerd, one at a time: slow on a loaded machine.
vi.setConfig({ testTimeout: 180_000 })

let server: RunningSandbox | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('kvRateLimitStore (Cloudflare KV through miniflare)', () => {
  let mf: Miniflare
  let namespace: KvNamespaceLike
  beforeAll(async () => {
    mf = new Miniflare({
      modules: true,
      script: 'export default { fetch: () => new Response(null) }',
      kvNamespaces: ['LIMITS'],
    })
    namespace = (await mf.getKVNamespace('LIMITS')) as unknown as KvNamespaceLike
  })
  afterAll(() => mf.dispose())

  it('one instance: 150 concurrent reads for one user stay under the limits', async () => {
    const started = await startLimitedSandbox()
    server = started.server
    const user = server.sandbox.seedUser({ transactions: 5, accounts: 1 })
    const accountId = user.accountIds[0] as number
    const store = kvRateLimitStore(namespace, { prefix: 'one:' })
    const ctx = userContext(
      server,
      started.time,
      { uuid: user.uuid },
      {
        rateLimiter: virtualLimiter(started.time, store),
      },
    )
    const results = await Promise.all(
      Array.from({ length: 150 }, async () => (await getAccount(ctx, { accountId })())._tag),
    )
    expect(results.filter((tag) => tag !== 'Right')).toEqual([])
    expect(server.sandbox.rateLimitReport()).toMatchObject({
      requests: 151,
      overLimit: 0,
      peak: { user: 60 },
    })
    expect(server.sandbox.clock.now() - START).toBe(120_000)
  })

  it('keeps each window as [[id, until], …] with an expiration after its last slot (at least 60 s)', async () => {
    const store = kvRateLimitStore(namespace, { prefix: 'raw:' })
    const window = { key: 'w', limit: 2, windowMs: 60_000 }
    const now = Date.now()
    expect(await store.acquire([window], { id: 'a', now, leaseMs: 30_000 })).toEqual({ granted: true })
    await store.release([window], 'a', now + 1_000)
    expect(await store.acquire([window], { id: 'b', now, leaseMs: 30_000 })).toEqual({ granted: true })
    expect(await store.acquire([window], { id: 'c', now, leaseMs: 30_000 })).toEqual({
      granted: false,
      retryAt: now + 60_000, // a full window from now at most
    })
    expect(JSON.parse((await namespace.get('raw:w', 'text')) ?? '')).toEqual([
      ['a', now + 61_000],
      ['b', now + 90_000],
    ])
    const { keys } = await (
      namespace as unknown as {
        list(): Promise<{ keys: { name: string; expiration?: number }[] }>
      }
    ).list()
    const expiration = keys.find((key) => key.name === 'raw:w')?.expiration ?? Number.NaN
    expect(Math.abs(expiration - (now + 90_000) / 1000)).toBeLessThanOrEqual(2)
  })
})
