import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type KvNamespaceLike, kvDeliveryStore } from '../../src/stores/index.js'
import { type DeliveryScenarioName, deliveryExpected, deliveryScenarios } from './delivery-contract.js'

type Namespace = KvNamespaceLike & {
  list(): Promise<{ keys: { name: string; expiration?: number }[] }>
}

describe('kvDeliveryStore (Cloudflare KV through miniflare)', () => {
  let mf: Miniflare
  let namespace: Namespace
  beforeAll(async () => {
    mf = new Miniflare({
      modules: true,
      script: 'export default { fetch: () => new Response(null) }',
      kvNamespaces: ['WEBHOOKS'],
    })
    namespace = (await mf.getKVNamespace('WEBHOOKS')) as unknown as Namespace
  })
  afterAll(() => mf.dispose())

  let run = 0
  const backend = () => {
    const space = `run-${++run}:`
    return { store: async (prefix = '') => kvDeliveryStore(namespace, { prefix: space + prefix }) }
  }

  // `concurrentClaims` is left out: Workers KV has no atomic claim (best effort, as the TSDoc says).
  const exact: DeliveryScenarioName[] = ['concurrentClaims']
  for (const name of Object.keys(deliveryExpected) as DeliveryScenarioName[]) {
    if (exact.includes(name)) continue
    it(name, async () => {
      expect(await deliveryScenarios[name](backend())).toEqual(deliveryExpected[name])
    })
  }

  it('writes `<state>:<until>` with an expirationTtl of the mark’s TTL, never below KV’s 60 s', async () => {
    const now = 1_800_000_000_000
    const store = kvDeliveryStore(namespace, { prefix: 'raw:', now: () => now })
    await store.claim('lease', 30_000)
    await store.claim('done', 30_000)
    await store.commit('done', 7_200_000)
    expect(await namespace.get('raw:lease', 'text')).toBe(`pending:${now + 30_000}`)
    expect(await namespace.get('raw:done', 'text')).toBe(`done:${now + 7_200_000}`)
    const { keys } = await namespace.list()
    const ttl = (name: string) =>
      Math.round((keys.find((key) => key.name === name)?.expiration ?? Number.NaN) - Date.now() / 1000)
    expect(Math.abs(ttl('raw:lease') - 60)).toBeLessThanOrEqual(2)
    expect(Math.abs(ttl('raw:done') - 7_200)).toBeLessThanOrEqual(2)
  })

  it('reads a value it did not write as no mark (the delivery is handled)', async () => {
    await namespace.put('odd:k', 'not a mark')
    expect(await kvDeliveryStore(namespace, { prefix: 'odd:' }).claim('k', 1_000)).toBe('claimed')
  })
})
