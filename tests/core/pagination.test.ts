import { describe, expect, it } from 'vitest'
import { collect, createContext, listTransactions, listUsers } from '../../src/index.js'
import { CLIENT, json, recordingFetch, tokenResponse, transaction } from './fake-bridge.js'

const TOKEN_PATH = '/v3/aggregation/authorization/token'

/** A fake transactions list of `total` items served `pageSize` at a time with Bridge-style next_uri. */
const pagedBridge = (total: number, options: { failAt?: string; nullString?: boolean } = {}) =>
  recordingFetch((request) => {
    if (request.path === TOKEN_PATH) return tokenResponse('2099-01-01T00:00:00Z')
    const after = request.query.get('after')
    if (after && after === options.failAt) return json(500, { errors: [{ code: 'internal' }] })
    const limit = Number(request.query.get('limit') ?? 50)
    const start = after ? Number(atob(after)) : 0
    const ids = Array.from({ length: Math.max(0, Math.min(limit, total - start)) }, (_, i) => start + i + 1)
    const next =
      start + limit < total
        ? `/v3/aggregation/transactions?after=${btoa(String(start + limit))}&limit=${limit}`
        : null
    return json(200, {
      resources: ids.map(transaction),
      generated_at: '2026-11-28T10:00:00.000Z',
      pagination: { next_uri: next ?? (options.nullString ? 'null' : null) },
    })
  })

const ctxWith = (fetch: typeof globalThis.fetch) =>
  createContext({ ...CLIENT, fetch, user: { externalUserId: 'u' }, retry: 0 })

const leftOf = (result: { _tag: string; left?: unknown }) => {
  expect(result._tag).toBe('Left')
  return result.left
}

/** At most this many items are read from a list, so a list that never ends fails its test instead of hanging. */
const MAX_ITEMS = 200

/** The first MAX_ITEMS items of a list: ids, and errors as `Left:<json>`. */
const ids = async (iterable: AsyncIterable<{ _tag: string; right?: { id: number }; left?: unknown }>) => {
  const out: (number | string)[] = []
  for await (const item of iterable) {
    out.push(item._tag === 'Right' ? item.right!.id : `Left:${JSON.stringify(item.left)}`)
    if (out.length === MAX_ITEMS) break
  }
  return out
}

describe('pagination', () => {
  it('yields every item of every page once, in order, re-sending the filters with each cursor', async () => {
    const bridge = pagedBridge(7)
    const result = await ids(
      listTransactions(ctxWith(bridge.fetch), { accountId: 9, minDate: '2026-01-01', limit: 3 }),
    )
    expect(result).toEqual([1, 2, 3, 4, 5, 6, 7])
    const pages = bridge.requests.filter((r) => r.path !== TOKEN_PATH)
    expect(pages.map((r) => r.query.toString())).toEqual([
      'account_id=9&min_date=2026-01-01&limit=3',
      `account_id=9&min_date=2026-01-01&limit=3&after=${encodeURIComponent(btoa('3'))}`,
      `account_id=9&min_date=2026-01-01&limit=3&after=${encodeURIComponent(btoa('6'))}`,
    ])
  })

  it('stops requesting when the caller breaks, and requests nothing before iteration', async () => {
    const bridge = pagedBridge(100)
    const list = listTransactions(ctxWith(bridge.fetch), { limit: 10 })
    expect(bridge.requests).toHaveLength(0)
    for await (const item of list) {
      expect(item._tag).toBe('Right')
      break
    }
    expect(bridge.requests.filter((r) => r.path !== TOKEN_PATH)).toHaveLength(1)
  })

  it('goes page by page with cursors and raw responses, and resumes from a cursor', async () => {
    const bridge = pagedBridge(5)
    const ctx = ctxWith(bridge.fetch)
    const pages = []
    for await (const page of listTransactions(ctx, { limit: 2 }).pages()) {
      if (page._tag === 'Left') throw new Error('unexpected error')
      pages.push(page.right)
    }
    expect(pages.map((p) => [p.after, p.nextAfter, p.items.map((i) => i.id)])).toEqual([
      [undefined, btoa('2'), [1, 2]],
      [btoa('2'), btoa('4'), [3, 4]],
      [btoa('4'), undefined, [5]],
    ])
    expect(pages[0]?.generatedAt).toBe('2026-11-28T10:00:00.000Z')
    expect(pages[0]?.response.status).toBe(200)
    expect(await ids(listTransactions(ctx, { limit: 2, after: pages[0]!.nextAfter! }))).toEqual([3, 4, 5])
  })

  it('stops with an error that says where to resume, and resuming completes the set exactly once', async () => {
    const bridge = pagedBridge(6, { failAt: btoa('4') })
    const ctx = ctxWith(bridge.fetch)
    const seen: number[] = []
    let resumeAfter: string | undefined
    for await (const item of listTransactions(ctx, { limit: 2 })) {
      if (item._tag === 'Left') {
        expect(item.left._tag).toBe('ApiError')
        resumeAfter = 'resumeAfter' in item.left ? item.left.resumeAfter : undefined
        break
      }
      seen.push(item.right.id)
    }
    expect(seen).toEqual([1, 2, 3, 4])
    expect(resumeAfter).toBe(btoa('4'))
    const healthy = pagedBridge(6)
    for await (const item of listTransactions(ctxWith(healthy.fetch), { limit: 2, after: resumeAfter! })) {
      if (item._tag === 'Right') seen.push(item.right.id)
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('treats next_uri "null" (a string) as the last page', async () => {
    expect(
      await ids(listTransactions(ctxWith(pagedBridge(3, { nullString: true }).fetch), { limit: 2 })),
    ).toEqual([1, 2, 3])
  })

  it('refuses a next_uri that has no cursor or repeats the current one', async () => {
    const noCursor = recordingFetch(() =>
      json(200, { resources: [{ uuid: 'a' }], pagination: { next_uri: '/v3/aggregation/users?limit=2' } }),
    )
    // The page is refused whole (its items are not yielded), so resuming from its cursor loses nothing.
    const out = await ids(listUsers(createContext({ ...CLIENT, fetch: noCursor.fetch })) as never)
    expect(out).toHaveLength(1)
    expect(out[0]).toContain('has no `after` cursor')

    const loop = recordingFetch(() =>
      json(200, { resources: [], pagination: { next_uri: '/v3/aggregation/users?after=AAA' } }),
    )
    const tags: string[] = []
    for await (const item of listUsers(createContext({ ...CLIENT, fetch: loop.fetch }), { after: 'AAA' })) {
      tags.push(item._tag)
      if (tags.length === MAX_ITEMS) break
    }
    expect(tags).toEqual(['Left'])
    expect(loop.requests).toHaveLength(1)
  })

  it.each([false, true])(
    'stops a cursor cycle A→B→A with an error that says where to resume (prefetch %s)',
    async (prefetch) => {
      const cycle: Record<string, string> = { first: 'AAA', AAA: 'BBB', BBB: 'AAA' }
      const bridge = recordingFetch((request) => {
        const after = request.query.get('after') ?? 'first'
        return json(200, {
          resources: [{ uuid: `user-of-${after}` }],
          pagination: { next_uri: `/v3/aggregation/users?after=${cycle[after]}&limit=1` },
        })
      })
      const ctx = createContext({ ...CLIENT, fetch: bridge.fetch, retry: 0 })
      const seen: string[] = []
      let error: unknown
      for await (const item of listUsers(ctx, { limit: 1 }, { prefetch })) {
        if (item._tag === 'Right') seen.push(item.right.uuid)
        else error = item.left
        if (seen.length === MAX_ITEMS) break
      }
      // The page that points back is refused whole: resuming from its cursor repeats nothing.
      expect(seen).toEqual(['user-of-first', 'user-of-AAA'])
      expect(error).toMatchObject({
        _tag: 'ResponseValidationError',
        issues: [{ path: 'pagination.next_uri', message: 'repeats an earlier cursor (the list loops)' }],
        resumeAfter: 'BBB',
      })
      expect(bridge.requests.map((r) => r.query.get('after'))).toEqual([null, 'AAA', 'BBB'])
      expect(leftOf(await collect(listUsers(ctx, { limit: 1 }))())).toMatchObject({ resumeAfter: 'BBB' })
    },
  )

  it('reports an invalid item with its path in the page', async () => {
    const bad = recordingFetch((request) =>
      request.path === TOKEN_PATH
        ? tokenResponse('2099-01-01T00:00:00Z')
        : json(200, {
            resources: [transaction(1), { ...transaction(2), amount: '12.00' }],
            pagination: { next_uri: null },
          }),
    )
    const out = []
    for await (const item of listTransactions(ctxWith(bad.fetch))) out.push(item)
    expect(out).toHaveLength(1)
    expect(out[0]).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'ResponseValidationError', issues: [{ path: 'resources.1.amount' }] },
    })
  })

  it('collects everything within the bound, and refuses to go past it', async () => {
    const ctx = ctxWith(pagedBridge(7).fetch)
    const all = await collect(listTransactions(ctx, { limit: 3 }), { max: 7 })()
    expect(all._tag === 'Right' && all.right.map((t) => t.id)).toEqual([1, 2, 3, 4, 5, 6, 7])
    const bounded = await collect(listTransactions(ctx, { limit: 3 }), { max: 5 })()
    expect(bounded).toEqual({
      _tag: 'Left',
      left: {
        _tag: 'CollectLimitError',
        max: 5,
        message: 'The list has more than 5 items; iterate it instead, or raise max',
        resumeAfter: btoa('3'),
      },
    })
  })

  it('with prefetch, requests the next page before the current one is consumed, and still yields each item once', async () => {
    const bridge = pagedBridge(6)
    const ctx = ctxWith(bridge.fetch)
    const pageRequests = () => bridge.requests.filter((r) => r.path !== TOKEN_PATH).length
    const iterator = listTransactions(ctx, { limit: 2 }, { prefetch: true })[Symbol.asyncIterator]()
    const first = await iterator.next()
    expect(first.value).toMatchObject({ _tag: 'Right', right: { id: 1 } })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(pageRequests()).toBe(2)
    const rest: number[] = []
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (next.value._tag === 'Right') rest.push(next.value.right.id)
    }
    expect(rest).toEqual([2, 3, 4, 5, 6])
    expect(pageRequests()).toBe(3)
  })
})
