import { describe, expect, it } from 'vitest'
import { ModelBridge } from './model-bridge.js'
import { type SyncResult, VERSIONS } from './support.js'

const NOW = Date.parse('2026-11-28T10:00:00.000Z')
const KEY_A = 'key-a-0123456789abcdef'
const KEY_B = 'key-b-0123456789abcdef'

type Options = { cursorKeys?: string[]; overlapMs?: number }

describe.each(VERSIONS)('syncTransactions ($name): cursors that cannot be broken or misused', (version) => {
  const setup = () => {
    const bridge = new ModelBridge(
      { version: version.name, order: 'asc', inclusiveSince: false, generatedAt: true },
      NOW,
    )
    for (let i = 0; i < 5; i++) bridge.insert(1, i, i * 1_000)
    return bridge
  }
  const run = async (
    bridge: ModelBridge,
    params: { cursor?: string; since?: string; limit?: number; accountId?: number } = {},
    options: Options = {},
    user = 'model',
  ) => {
    const results: SyncResult[] = []
    for await (const r of (version.sync as any)(
      bridge.context(user),
      params,
      options,
    ) as AsyncIterable<SyncResult>)
      results.push(r)
    return results
  }
  const lastCursor = (results: SyncResult[]) => {
    const last = results.at(-1)!
    if (last._tag !== 'Right') throw new Error(`sync failed: ${last.left.message}`)
    return last.right.cursor
  }
  const expectRefused = async (bridge: ModelBridge, run: Promise<SyncResult[]>, why: RegExp) => {
    const before = bridge.listings.length
    const results = await run
    expect(results).toHaveLength(1)
    const only = results[0]!
    expect(only._tag).toBe('Left')
    if (only._tag === 'Left') {
      expect(only.left._tag).toBe('InputValidationError')
      expect(only.left.message).toMatch(why)
    }
    expect(bridge.listings.length).toBe(before)
  }

  it('refuses the old and broken cursors without throwing and before any request', async () => {
    const bridge = setup()
    const legacy = `bsync1.${btoa(JSON.stringify({ high: 'corrupted' }))}`
    await expectRefused(bridge, run(bridge, { cursor: legacy }), /cursor is not a cursor/)
    await expectRefused(bridge, run(bridge, { cursor: 'bsync2.c.e30.AAAA' }), /damaged/)
    const huge = `bsync2.c.${'A'.repeat(8 * 1024 * 1024)}.x`
    const started = performance.now()
    await expectRefused(bridge, run(bridge, { cursor: huge }), /longer than 16384/)
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  it('a one-character edit is refused by the checksum', async () => {
    const bridge = setup()
    const cursor = lastCursor(await run(bridge, { limit: 2 }))
    const payload = cursor.split('.')[2]!
    const i = Math.floor(payload.length / 2)
    const edited = cursor.replace(
      payload,
      payload.slice(0, i) + (payload[i] === 'A' ? 'B' : 'A') + payload.slice(i + 1),
    )
    await expectRefused(bridge, run(bridge, { cursor: edited }), /damaged/)
  })

  it("refuses another user's cursor, and one of another account", async () => {
    const bridge = setup()
    const cursor = lastCursor(await run(bridge, {}, {}, 'alice'))
    await expectRefused(bridge, run(bridge, { cursor }, {}, 'bob'), /another client or user/)
    await expectRefused(bridge, run(bridge, { cursor, accountId: 1 }, {}, 'alice'), /another accountId/)
    expect(cursor).not.toContain('alice')
    expect(atob(cursor.split('.')[2]!.replace(/-/g, '+').replace(/_/g, '/'))).not.toContain('alice')
  })

  it('cursorKeys: signed cursors verify under a rotated key list; unsigned or foreign ones are refused', async () => {
    const bridge = setup()
    const signed = lastCursor(await run(bridge, {}, { cursorKeys: [KEY_A] }))
    expect(signed.startsWith('bsync2.k.')).toBe(true)
    expect(lastCursor(await run(bridge, { cursor: signed }, { cursorKeys: [KEY_B, KEY_A] }))).toMatch(
      /^bsync2\.k\./,
    )
    await expectRefused(bridge, run(bridge, { cursor: signed }, { cursorKeys: [KEY_B] }), /not signed by any/)
    await expectRefused(bridge, run(bridge, { cursor: signed }), /no cursorKeys/)
    const plain = lastCursor(await run(bridge))
    await expectRefused(bridge, run(bridge, { cursor: plain }, { cursorKeys: [KEY_A] }), /not signed/)
  })

  it('since restarts from an instant; it cannot be given with a cursor', async () => {
    const bridge = setup()
    const results = await run(bridge, { since: new Date(NOW - 2_500).toISOString() })
    const ids = results.flatMap((r) => (r._tag === 'Right' ? r.right.upserted.map((row) => row.id) : []))
    expect(ids.sort()).toEqual([1, 2, 3])
    const cursor = lastCursor(results)
    await expectRefused(
      bridge,
      run(bridge, { cursor, since: new Date(NOW).toISOString() }),
      /since cannot be given/,
    )
  })

  it('a row stamped 9999-12-31 hides no later change', async () => {
    const bridge = setup()
    const future = bridge.insert(1, 1, NOW - Date.parse('9999-12-31T00:00:00.000Z'))
    let cursor = lastCursor(await run(bridge))
    bridge.now += 3_600_000
    const later = bridge.insert(2, 7)
    const results = await run(bridge, { cursor })
    cursor = lastCursor(results)
    const ids = results.flatMap((r) => (r._tag === 'Right' ? r.right.upserted.map((row) => row.id) : []))
    expect(ids).toContain(later)
    expect(ids).not.toContain(future)
  })

  it('a generated_at in the far future is not trusted past the Date header: later changes still come', async () => {
    const bridge = setup()
    const future = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await bridge.fetch(input, init)
      if (!new URL(new Request(input, init).url).pathname.match(/transactions/)) return response
      const body = { ...(await response.json()), generated_at: '9999-12-31T00:00:00.000Z' }
      return new Response(JSON.stringify(body), { status: 200, headers: response.headers })
    }) as typeof globalThis.fetch
    const sync = (cursor?: string) =>
      (version.sync as any)(
        bridge.context('model', future),
        cursor ? { cursor } : {},
      ) as AsyncIterable<SyncResult>
    const first: SyncResult[] = []
    for await (const r of sync()) first.push(r)
    bridge.now += 3_600_000
    const later = bridge.insert(2, 7)
    const second: SyncResult[] = []
    for await (const r of sync(lastCursor(first))) second.push(r)
    expect(second.flatMap((r) => (r._tag === 'Right' ? r.right.upserted.map((row) => row.id) : []))).toEqual([
      later,
    ])
  })

  it('a list whose next_uri loops is stopped, even read a few pages per run', async () => {
    const bridge = setup()
    // Bridge answers 20 pages in a cycle: page n links to page (n + 1) % 20.
    const looping = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(new Request(input, init).url)
      if (!url.pathname.endsWith('/transactions') && !url.pathname.endsWith('/updated'))
        return bridge.fetch(input, init)
      const n = Number(url.searchParams.get('after') ?? 0)
      const body = {
        resources: [],
        generated_at: new Date(NOW).toISOString(),
        pagination: { next_uri: `${url.pathname}?after=${(n + 1) % 20}&limit=1` },
      }
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    }) as typeof globalThis.fetch
    let cursor: string | undefined
    let error: string | undefined
    for (let runs = 0; runs < 10 && error === undefined; runs++) {
      let pages = 0
      for await (const r of (version.sync as any)(
        bridge.context('model', looping),
        cursor ? { cursor } : {},
      ) as AsyncIterable<SyncResult>) {
        if (r._tag === 'Left') {
          error = r.left.message
          break
        }
        cursor = r.right.cursor
        if (++pages === 5) break
      }
    }
    expect(error).toMatch(/loops/)
  })

  it('an updated_at that is not an instant: the message quotes nothing of the response', async () => {
    const bridge = setup()
    const secretEcho = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await bridge.fetch(input, init)
      if (!new URL(new Request(input, init).url).pathname.match(/transactions/)) return response
      const body = await response.json()
      body.resources[0].updated_at = 'model-secret'
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    }) as typeof globalThis.fetch
    const results: SyncResult[] = []
    for await (const r of (version.sync as any)(
      bridge.context('model', secretEcho),
      {},
    ) as AsyncIterable<SyncResult>)
      results.push(r)
    const last = results.at(-1)!
    expect(last._tag).toBe('Left')
    if (last._tag === 'Left') {
      expect(last.left.message).toBe(
        'Unexpected response from Bridge: resources.0.updated_at is not an instant',
      )
      expect(JSON.stringify(last.left)).not.toContain('model-secret')
    }
  })
})
