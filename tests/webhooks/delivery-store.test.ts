import { describe, expect, it } from 'vitest'
import {
  type DeliveryStore,
  memoryDeliveryStore,
  signTestWebhook,
  webhookHandler,
} from '../../src/webhooks/index.js'
import {
  type DeliveryScenarioName,
  deliveryExpected,
  deliveryScenarios,
} from '../stores/delivery-contract.js'

describe('memoryDeliveryStore (the delivery-store contract)', () => {
  // One Map per prefix, shared by the "instances" of a backend, as one process shares one store.
  const backend = () => {
    const stores = new Map<string, DeliveryStore>()
    return {
      store: async (prefix = '') => {
        if (!stores.has(prefix)) stores.set(prefix, memoryDeliveryStore())
        return stores.get(prefix) as DeliveryStore
      },
    }
  }
  for (const name of Object.keys(deliveryExpected) as DeliveryScenarioName[]) {
    it(name, async () => {
      expect(await deliveryScenarios[name](backend())).toEqual(deliveryExpected[name])
    })
  }
})

describe('memoryDeliveryStore', () => {
  it('ends a mark exactly at its TTL on its clock', async () => {
    let now = 1_000
    const store = memoryDeliveryStore({ now: () => now })
    expect(await store.claim('k', 100)).toBe('claimed')
    now = 1_099
    expect(await store.claim('k', 100)).toBe('pending')
    now = 1_100
    expect(await store.claim('k', 100)).toBe('claimed')
    await store.commit('k', 500)
    now = 1_599
    expect(await store.claim('k', 100)).toBe('done')
    now = 1_600
    expect(await store.claim('k', 100)).toBe('claimed')
  })

  it('keeps at most maxEntries marks: expired ones go first, then the oldest', async () => {
    let now = 0
    const store = memoryDeliveryStore({ maxEntries: 3, now: () => now })
    await store.claim('short', 10)
    await store.claim('a', 1_000)
    await store.claim('b', 1_000)
    now = 20
    await store.claim('c', 1_000) // 'short' has expired: dropped, the others stay
    expect([await store.claim('a', 1), await store.claim('b', 1), await store.claim('c', 1)]).toEqual([
      'pending',
      'pending',
      'pending',
    ])
    await store.claim('d', 1_000) // full of live marks: the oldest ('a') goes
    expect(await store.claim('b', 1)).toBe('pending')
    expect(await store.claim('a', 1_000)).toBe('claimed')
  })
})

/** A store that records its calls and answers claims with `answer`. */
const recordingStore = (claim: () => Promise<'claimed' | 'pending' | 'done'>) => {
  const calls: unknown[][] = []
  const store: DeliveryStore = {
    claim: async (key, ttl) => {
      calls.push(['claim', key, ttl])
      return claim()
    },
    commit: async (key, ttl) => {
      calls.push(['commit', key, ttl])
    },
    release: async (key) => {
      calls.push(['release', key])
    },
  }
  return { store, calls }
}

const SECRET = 'whsec-dedup'
const request = async (payload: string) => {
  const signed = await signTestWebhook({ payload, secrets: SECRET })()
  if (signed._tag === 'Left') throw new Error(signed.left.message)
  return new Request('https://merchant.example/hook', {
    method: 'POST',
    body: signed.right.body,
    headers: signed.right.headers,
  })
}
const BODY = '{"type":"item.deleted","timestamp":1700000000000,"content":{"item_id":7,"user_uuid":"u-7"}}'
const BODY_KEY = 'bridgeapi:webhook:'

describe('webhookHandler with dedup', () => {
  it('claims with the lease, then commits for the TTL, keyed by the SHA-256 of the raw body', async () => {
    const { store, calls } = recordingStore(async () => 'claimed')
    const events: unknown[] = []
    const handler = webhookHandler({ secrets: SECRET, onEvent: (e) => void events.push(e), dedup: { store } })
    const response = await handler(await request(BODY))
    expect(response.status).toBe(200)
    expect(events).toHaveLength(1)
    const { createHash } = await import('node:crypto')
    const key = BODY_KEY + createHash('sha256').update(BODY).digest('hex')
    expect(calls).toEqual([
      ['claim', key, 5 * 60_000],
      ['commit', key, 7 * 24 * 3_600_000],
    ])
  })

  it('uses the ttlMs and leaseMs given; invalid values fall back to the defaults', async () => {
    const given = recordingStore(async () => 'claimed')
    await webhookHandler({
      secrets: SECRET,
      onEvent: () => {},
      dedup: { store: given.store, ttlMs: 86_400_000, leaseMs: 30_000 },
    })(await request(BODY))
    expect(given.calls.map((call) => call[2])).toEqual([30_000, 86_400_000])
    const invalid = recordingStore(async () => 'claimed')
    await webhookHandler({
      secrets: SECRET,
      onEvent: () => {},
      dedup: { store: invalid.store, ttlMs: -1, leaseMs: Number.NaN },
    })(await request(BODY))
    expect(invalid.calls.map((call) => call[2])).toEqual([5 * 60_000, 7 * 24 * 3_600_000])
  })

  it('answers 409 to a copy of a delivery being handled (so Bridge retries), 200 to one handled', async () => {
    for (const [claim, status] of [
      ['pending', 409],
      ['done', 200],
    ] as const) {
      const { store, calls } = recordingStore(async () => claim)
      const events: unknown[] = []
      const handler = webhookHandler({
        secrets: SECRET,
        onEvent: (e) => void events.push(e),
        dedup: { store },
      })
      expect((await handler(await request(BODY))).status).toBe(status)
      expect(events).toEqual([])
      expect(calls.map((call) => call[0])).toEqual(['claim'])
    }
  })

  it('releases the mark when onEvent fails, and answers 500', async () => {
    const { store, calls } = recordingStore(async () => 'claimed')
    const handler = webhookHandler({
      secrets: SECRET,
      onEvent: () => Promise.reject(new Error('down')),
      dedup: { store },
    })
    expect((await handler(await request(BODY))).status).toBe(500)
    expect(calls.map((call) => call[0])).toEqual(['claim', 'release'])
  })

  it('answers 500 without calling onEvent when the store fails to claim; 200 when only the commit fails', async () => {
    const events: unknown[] = []
    const failing = recordingStore(() => Promise.reject(new Error('redis down')))
    const response = await webhookHandler({
      secrets: SECRET,
      onEvent: (e) => void events.push(e),
      dedup: { store: failing.store },
    })(await request(BODY))
    expect([response.status, await response.text(), events]).toEqual([500, 'Delivery store failed', []])

    const commitFails: DeliveryStore = {
      ...memoryDeliveryStore(),
      commit: () => Promise.reject(new Error('redis down')),
    }
    const ok = await webhookHandler({
      secrets: SECRET,
      onEvent: (e) => void events.push(e),
      dedup: { store: commitFails },
    })(await request(BODY))
    expect([ok.status, events.length]).toEqual([200, 1])
  })

  it('never claims for a delivery that fails verification (a forger cannot fill the store)', async () => {
    const { store, calls } = recordingStore(async () => 'claimed')
    const handler = webhookHandler({ secrets: SECRET, onEvent: () => {}, dedup: { store } })
    const forged = await request(BODY)
    const tampered = new Request(forged.url, {
      method: 'POST',
      body: BODY.replace('"item_id":7', '"item_id":8'),
      headers: forged.headers,
    })
    expect((await handler(tampered)).status).toBe(401)
    expect(calls).toEqual([])
  })
})
