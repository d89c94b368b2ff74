// Cursor sizes of syncTransactions (issue 19): after a 100,000-transaction first sync, and after 2,000
// changes stamped at one instant. Runs in process against a minimal fake Bridge (an injected `fetch`,
// keyset pages newest first): sizes depend on the cursor, not on the transport.

const T0 = Date.parse('2026-11-28T10:00:00.000Z')
const PATH = '/v3/aggregation/transactions'

/** A fake Bridge holding `rows` (id → updated_at ms); `clock.now` is its time. */
const fakeBridge = (rows, clock) => async (input, init) => {
  const url = new URL(new Request(input, init).url)
  const headers = { 'content-type': 'application/json', date: new Date(clock.now).toUTCString() }
  if (url.pathname !== PATH)
    return new Response(
      JSON.stringify({ access_token: 'bench-token', expires_at: '2999-01-01T00:00:00Z', user: {} }),
      { status: 200, headers },
    )
  const since = url.searchParams.get('since')
  const sinceMs = since ? Date.parse(since) : -Infinity
  const limit = Number(url.searchParams.get('limit') ?? 50)
  const after = url.searchParams.get('after')
  const [au, aid] = after ? atob(after).split(':').map(Number) : [Infinity, Infinity]
  const matching = []
  for (const [id, at] of rows)
    if (at > sinceMs && (at < au || (at === au && id < aid))) matching.push([id, at])
  matching.sort((a, b) => b[1] - a[1] || b[0] - a[0])
  const page = matching.slice(0, limit)
  const last = page.at(-1)
  const body = {
    resources: page.map(([id, at]) => ({
      id,
      amount: -1,
      currency_code: 'EUR',
      date: '2026-11-01',
      updated_at: new Date(at).toISOString(),
      account_id: 1,
    })),
    generated_at: new Date(clock.now).toISOString(),
    pagination: {
      next_uri:
        matching.length > limit ? `${PATH}?after=${btoa(`${last[1]}:${last[0]}`)}&limit=${limit}` : null,
    },
  }
  return new Response(JSON.stringify(body), { status: 200, headers })
}

/** Runs one sync to its end; returns the last cursor and the sizes of all of them. */
const syncOnce = async (sdk, ctx, cursor) => {
  const sizes = []
  for await (const batch of sdk.syncTransactions(ctx, { limit: 500, ...(cursor ? { cursor } : {}) })) {
    if (batch._tag === 'Left') throw new Error(batch.left.message)
    cursor = batch.right.cursor
    sizes.push(cursor.length)
  }
  return { cursor, sizes }
}

const describe = (sizes) => {
  const sorted = [...sizes].sort((a, b) => a - b)
  return { typical: sorted[Math.floor(sorted.length / 2)], largest: sorted.at(-1), cursors: sizes.length }
}

/** Measures the cursor sizes; returns `{ firstSync, burst }`, each `{ typical, largest, cursors }` in characters. */
export const measureSyncCursors = async (sdk) => {
  const clock = { now: T0 }
  const rows = new Map()
  for (let id = 1; id <= 100_000; id++) rows.set(id, T0 - 400 * 86_400_000 + id * 300_000)
  const ctx = sdk.createContext({
    clientId: 'bench',
    clientSecret: 'bench-secret',
    user: { externalUserId: 'bench' },
    fetch: fakeBridge(rows, clock),
    retry: 0,
  })
  const first = await syncOnce(sdk, ctx)
  clock.now += 3_600_000
  for (let id = 1; id <= 2_000; id++) rows.set(id, clock.now - 1_000)
  const burst = await syncOnce(sdk, ctx, first.cursor)
  return { firstSync: describe(first.sizes), burst: describe(burst.sizes) }
}
