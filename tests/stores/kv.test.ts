import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type KvNamespaceLike, kvTokenStore } from '../../src/stores/index.js'
import { type Backend, expected, expectedExpiry, type ScenarioName, scenarios } from './contract.js'

/** Cloudflare KV as workerd implements it, through miniflare (each test gets a fresh namespace). */
const startKv = async () => {
  const mf = new Miniflare({
    modules: true,
    script: 'export default { fetch: () => new Response(null) }',
    kvNamespaces: ['TOKENS'],
  })
  const namespace = (await mf.getKVNamespace('TOKENS')) as unknown as KvNamespaceLike & {
    list(): Promise<{ keys: { name: string; expiration?: number }[] }>
  }
  return { mf, namespace }
}

describe('kvTokenStore (Cloudflare KV through miniflare)', () => {
  let kv: Awaited<ReturnType<typeof startKv>>
  let broken: KvNamespaceLike
  beforeAll(async () => {
    kv = await startKv()
    // A namespace whose runtime has been shut down: every call rejects.
    const dead = await startKv()
    broken = dead.namespace
    await dead.mf.dispose()
  })
  afterAll(() => kv.mf.dispose())

  let run = 0
  const backend = (): Backend => {
    // A fresh key space per scenario, so scenarios share one miniflare.
    const space = `run-${++run}:`
    return {
      store: async (prefix = '') => kvTokenStore(kv.namespace, { prefix: space + prefix }),
      ttl: async (key) => {
        const { keys } = await kv.namespace.list()
        const expiration = keys.find((k) => k.name === space + key)?.expiration ?? Number.NaN
        return Math.round(expiration - Date.now() / 1000)
      },
      broken: async () => kvTokenStore(broken),
    }
  }

  for (const name of Object.keys(expected) as Exclude<ScenarioName, 'expiry'>[]) {
    it(name, async () => {
      expect(await scenarios[name](backend())).toEqual(expected[name])
    })
  }

  it('expiry: expirationTtl follows expiresAt, never below KV’s 60 s minimum', async () => {
    const report = await scenarios.expiry(backend())
    const want = expectedExpiry(60)
    for (const key of ['long', 'short', 'past'] as const)
      expect(Math.abs(report[key] - want[key])).toBeLessThanOrEqual(2)
  })

  it('stores JSON text under the SDK’s key, readable by other tools', async () => {
    const store = kvTokenStore(kv.namespace, { prefix: 'raw:' })
    await store.set('k', { accessToken: 'tok-raw', expiresAt: '2030-01-01T00:00:00.000Z' })
    expect(await kv.namespace.get('raw:k', 'text')).toBe(
      '{"accessToken":"tok-raw","expiresAt":"2030-01-01T00:00:00.000Z"}',
    )
    await kv.namespace.put('raw:bad', 'not json')
    expect(await store.get('bad')).toBeUndefined()
  })
})
