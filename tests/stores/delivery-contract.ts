/**
 * Behaviour every webhook delivery store must have, as plain scenarios returning JSON-able reports, so
 * the same code runs under vitest (memory, Cloudflare KV through miniflare, Redis) and inside Deno
 * (Deno KV). The handler scenario drives `webhookHandler` with deliveries signed by `signTestWebhook`.
 */
import {
  type DeliveryStore,
  signTestWebhook,
  type WebhookEvent,
  webhookHandler,
} from '../../src/webhooks/index.js'

/** A delivery-store backend under test. Each `store()` call is a new instance (its own client or handle). */
export interface DeliveryBackend {
  store(prefix?: string): Promise<DeliveryStore>
}

const HOUR = 3_600_000
const SECRET = 'whsec-contract-test'
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Signs `payload` and returns a function making a fresh request of that delivery each time. */
const signedDelivery = async (payload: Record<string, unknown>) => {
  const signed = await signTestWebhook({ payload, secrets: SECRET })()
  if (signed._tag === 'Left') throw new Error(signed.left.message)
  return () =>
    new Request('https://merchant.example/webhooks', {
      method: 'POST',
      body: signed.right.body,
      headers: signed.right.headers,
    })
}

export const deliveryScenarios = {
  /** claim → pending copy → commit → done copy → release → claimed again. */
  async lifecycle(backend: DeliveryBackend) {
    const store = await backend.store()
    const first = await store.claim('k', HOUR)
    const whileHandled = await store.claim('k', HOUR)
    await store.commit('k', HOUR)
    const afterCommit = await store.claim('k', HOUR)
    await store.release('k')
    const afterRelease = await store.claim('k', HOUR)
    await store.release('missing')
    return { first, whileHandled, afterCommit, afterRelease, releaseMissing: 'ok' }
  },

  /** Another instance sees the marks; a prefix keeps stores apart. */
  async sharedAndPrefixed(backend: DeliveryBackend) {
    const a = await backend.store('app-a:')
    await a.claim('k', HOUR)
    const otherInstance = await (await backend.store('app-a:')).claim('k', HOUR)
    await a.commit('k', HOUR)
    const otherAfterCommit = await (await backend.store('app-a:')).claim('k', HOUR)
    const otherPrefix = await (await backend.store('app-b:')).claim('k', HOUR)
    return { otherInstance, otherAfterCommit, otherPrefix }
  },

  /** A mark ends with its TTL: a lease of 1 s, and a done mark of 1 s (checked before, and after 1.5 s). */
  async expiry(backend: DeliveryBackend) {
    const store = await backend.store()
    await store.claim('lease', 1_000)
    await store.claim('done', HOUR)
    await store.commit('done', 1_000)
    const beforeEnd = [await store.claim('lease', HOUR), await store.claim('done', HOUR)]
    await pause(1_500)
    return { beforeEnd, afterEnd: [await store.claim('lease', HOUR), await store.claim('done', HOUR)] }
  },

  /** Ten instances claim one key at the same time: exactly one gets it (not for Workers KV: best effort). */
  async concurrentClaims(backend: DeliveryBackend) {
    const stores = await Promise.all(Array.from({ length: 10 }, () => backend.store()))
    const claims = await Promise.all(stores.map((store) => store.claim('race', HOUR)))
    return {
      claimed: claims.filter((claim) => claim === 'claimed').length,
      others: [...new Set(claims)].sort(),
    }
  },

  /**
   * Through `webhookHandler`: a replay is acknowledged without a second call; a failed handling
   * releases the mark, so Bridge's retry is handled; another event is handled.
   */
  async handler(backend: DeliveryBackend) {
    const calls: string[] = []
    let failNext = false
    const handler = webhookHandler({
      secrets: SECRET,
      onEvent: async (event: WebhookEvent) => {
        calls.push(`${event.type}:${JSON.stringify(event.content)}`)
        if (failNext) {
          failNext = false
          throw new Error('database down')
        }
      },
      dedup: { store: await backend.store() },
    })
    const created = await signedDelivery({
      type: 'item.created',
      timestamp: 1_700_000_000_000,
      content: { item_id: 1, user_uuid: 'u-1' },
    })
    const refreshed = await signedDelivery({
      type: 'item.refreshed',
      timestamp: 1_700_000_000_001,
      content: { item_id: 1, user_uuid: 'u-1' },
    })
    const statuses: number[] = []
    statuses.push((await handler(created())).status)
    statuses.push((await handler(created())).status)
    failNext = true
    statuses.push((await handler(refreshed())).status)
    statuses.push((await handler(refreshed())).status)
    statuses.push((await handler(refreshed())).status)
    return { statuses, calls }
  },
}

export type DeliveryScenarioName = keyof typeof deliveryScenarios

export const deliveryExpected = {
  lifecycle: {
    first: 'claimed',
    whileHandled: 'pending',
    afterCommit: 'done',
    afterRelease: 'claimed',
    releaseMissing: 'ok',
  },
  sharedAndPrefixed: { otherInstance: 'pending', otherAfterCommit: 'done', otherPrefix: 'claimed' },
  expiry: { beforeEnd: ['pending', 'done'], afterEnd: ['claimed', 'claimed'] },
  concurrentClaims: { claimed: 1, others: ['claimed', 'pending'] },
  handler: {
    statuses: [200, 200, 500, 200, 200],
    calls: [
      'item.created:{"item_id":1,"user_uuid":"u-1"}',
      'item.refreshed:{"item_id":1,"user_uuid":"u-1"}',
      'item.refreshed:{"item_id":1,"user_uuid":"u-1"}',
    ],
  },
}
