import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createContext, listTransactions } from '../../src/index.js'
import { type RunningSandbox, sandboxContext, startSandbox } from '../../src/sandbox/index.js'

describe('100 000 transactions over real HTTP', () => {
  let server: RunningSandbox
  let uuid: string
  let seedMs: number
  beforeAll(async () => {
    server = await startSandbox({ seed: 100 })
    const started = performance.now()
    uuid = server.sandbox.seedUser({ externalUserId: 'volume', transactions: 100_000, accounts: 3 }).uuid
    seedMs = performance.now() - started
  })
  afterAll(() => server.close())

  it('streams them all through the SDK, 500 per page, each once, newest first', async () => {
    // Generous bounds for slow CI machines; locally this takes a few seconds.
    expect(seedMs).toBeLessThan(10_000)
    const ctx = createContext(sandboxContext(server, { user: { uuid } }))
    server.sandbox.clearRequests()
    const started = performance.now()
    const ids = new Set<number>()
    let previous = Number.POSITIVE_INFINITY
    let ordered = true
    for await (const tx of listTransactions(ctx, { limit: 500 })) {
      if (tx._tag === 'Left') throw new Error(JSON.stringify(tx.left))
      ids.add(tx.right.id)
      const updatedAt = Date.parse(tx.right.updated_at)
      if (updatedAt > previous) ordered = false
      previous = updatedAt
    }
    const elapsed = performance.now() - started
    expect(ids.size).toBe(100_000)
    expect(ordered).toBe(true)
    const pages = server.sandbox.requests.filter((r) => r.path === '/v3/aggregation/transactions')
    expect(pages).toHaveLength(200)
    expect(pages.every((r) => r.query.limit === '500' && r.status === 200)).toBe(true)
    expect(elapsed).toBeLessThan(30_000)
  })

  it('serves a page of 500 deep in the list in a few milliseconds', async () => {
    const sorted = server.sandbox.transactions(uuid, 'updated')
    const token = server.sandbox.issueToken(uuid).accessToken
    const headers = {
      'bridge-version': '2025-01-15',
      'client-id': 'sandbox-client-id',
      'client-secret': 'sandbox-client-secret',
      authorization: `Bearer ${token}`,
    }
    const middle = sorted[60_000] as (typeof sorted)[number]
    const after = btoa(`${middle.updatedAt}:${middle.id}`)
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
    const times: number[] = []
    for (let i = 0; i < 10; i++) {
      const started = performance.now()
      const response = await server.sandbox.fetch(
        `http://sandbox.local/v3/aggregation/transactions?after=${after}&limit=500`,
        { headers },
      )
      const body = await response.json()
      times.push(performance.now() - started)
      expect(body.resources[0].id).toBe(sorted[60_001]?.id)
      expect(body.resources).toHaveLength(500)
    }
    times.sort((a, b) => a - b)
    // Median of in-process calls (no socket): cursor lookup by binary search, then 500 items.
    expect(times[5]).toBeLessThan(50)
  })
})
