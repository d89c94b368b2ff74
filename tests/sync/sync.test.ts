import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../src/sandbox/index.js'
import { Replica, sinceQueries, syncAll, truth, VERSIONS } from './support.js'

const NOW = Date.parse('2026-11-28T10:00:00.000Z')
const iso = (ms: number) => new Date(ms).toISOString()

describe.each(VERSIONS)('syncTransactions ($name) against the sandbox over HTTP', (version) => {
  let server: RunningSandbox
  let uuid: string
  let accountIds: readonly number[]
  const ctx = () => version.context(server, uuid)
  const change = (changes: Parameters<typeof server.sandbox.changeHistory>[1]) =>
    server.sandbox.changeHistory(uuid, changes)
  const liveIds = () => Object.keys(truth(server, uuid)).map(Number)

  beforeEach(async () => {
    server = await startSandbox({ seed: 15, now: NOW })
    const seeded = server.sandbox.seedUser({ externalUserId: 'sync', transactions: 700, accounts: 2 })
    uuid = seeded.uuid
    accountIds = seeded.accountIds
  })
  afterEach(async () => {
    await server.close()
  })

  it('first sync: every transaction, one batch per page, deleted rows as deletions, no since', async () => {
    const replica = new Replica()
    const { batches, error } = await syncAll(version, ctx(), replica, { limit: 200 })
    expect(error).toBeUndefined()
    expect(batches.map((b) => b.upserted.length + b.deleted.length)).toEqual([200, 200, 200, 100])
    expect(batches.map((b) => b.caughtUp)).toEqual([false, false, false, true])
    const deleted = server.sandbox.transactions(uuid, 'updated').filter((tx) => tx.deleted)
    expect(batches.flatMap((b) => b.deleted.map((tx) => tx.id)).sort()).toEqual(
      deleted.map((tx) => tx.id).sort(),
    )
    expect(replica.snapshot()).toEqual(truth(server, uuid))
    expect(sinceQueries(server, version.path)).toEqual([undefined, undefined, undefined, undefined])
  })

  it('next sync asks since T (the time the sandbox began the last one) minus 60 s, and skips what the overlap lists again', async () => {
    const replica = new Replica()
    await syncAll(version, ctx(), replica, { limit: 500 })
    const high = server.sandbox.transactions(uuid, 'updated')[0]!.updatedAt
    server.sandbox.clearRequests()
    const { batches } = await syncAll(version, ctx(), replica)
    expect(sinceQueries(server, version.path)).toEqual([iso(high - 60_000)])
    // The sandbox lists again the rows of the last minute; none of them is delivered twice.
    const overlap = server.sandbox.transactions(uuid, 'updated').filter((tx) => tx.updatedAt > high - 60_000)
    expect(overlap.length).toBeGreaterThan(0)
    expect(batches).toEqual([{ upserted: [], deleted: [], cursor: expect.any(String), caughtUp: true }])
    expect(replica.repeated).toEqual([])
  })

  it('updates, deletions and late-arriving rows are caught; the copy equals the sandbox', async () => {
    const replica = new Replica()
    await syncAll(version, ctx(), replica)
    server.sandbox.clock.advance(3_600_000)
    const [a, b] = liveIds()
    const result = change({
      changes: [
        { type: 'update', id: a!, amount: 12.34 },
        { type: 'delete', id: b! },
        { type: 'insert', accountId: accountIds[1]!, date: '2024-01-02', amount: -5 },
      ],
    })
    expect(result.updatedAt).toBe(iso(NOW + 3_600_000))
    const { batches } = await syncAll(version, ctx(), replica)
    expect(batches).toHaveLength(1)
    expect(batches[0]!.upserted.map((tx) => [tx.id, tx.updated_at]).sort()).toEqual(
      [
        [a, result.updatedAt],
        [result.ids[2], result.updatedAt],
      ].sort(),
    )
    expect(batches[0]!.upserted.find((tx) => tx.id === a)).toMatchObject({ amount: 12.34 })
    expect(batches[0]!.upserted.find((tx) => tx.id === result.ids[2])).toMatchObject({ date: '2024-01-02' })
    expect(batches[0]!.deleted.map((tx) => tx.id)).toEqual([b])
    expect(replica.snapshot()).toEqual(truth(server, uuid))
    expect(replica.repeated).toEqual([])
  })

  it('equal updated_at at the boundary: rows stamped at the same instant after a sync are not lost', async () => {
    const replica = new Replica()
    await syncAll(version, ctx(), replica)
    server.sandbox.clock.advance(1_000)
    const ids = liveIds()
    const first = change({
      changes: ids.slice(0, 3).map((id) => ({ type: 'update' as const, id, amount: 1 })),
    })
    await syncAll(version, ctx(), replica)
    // Bridge commits two more changes stamped with that same instant after the sync read it.
    const late = change({
      at: first.updatedAt,
      changes: ids.slice(3, 5).map((id) => ({ type: 'update' as const, id, amount: 2 })),
    })
    expect(late.updatedAt).toBe(first.updatedAt)
    const { batches } = await syncAll(version, ctx(), replica)
    expect(batches.flatMap((b) => b.upserted.map((tx) => tx.id)).sort()).toEqual(ids.slice(3, 5).sort())
    expect(replica.snapshot()).toEqual(truth(server, uuid))
    expect(replica.repeated).toEqual([])
  })

  it('a deletion stamped at the same instant as the version already synced still counts', async () => {
    const replica = new Replica()
    server.sandbox.clock.advance(1_000)
    const at = server.sandbox.clock.now()
    const inserted = change({
      at,
      changes: [{ type: 'insert', accountId: accountIds[0]!, date: '2026-01-01', amount: 1 }],
    })
    await syncAll(version, ctx(), replica)
    expect(replica.rows.get(inserted.ids[0]!)).toBe(iso(at))
    change({ at, changes: [{ type: 'delete', id: inserted.ids[0]! }] })
    const { batches } = await syncAll(version, ctx(), replica)
    expect(batches.flatMap((b) => b.deleted.map((tx) => [tx.id, tx.updated_at]))).toEqual([
      [inserted.ids[0], iso(at)],
    ])
    expect(replica.snapshot()).toEqual(truth(server, uuid))
  })

  it("Bridge's own skew: a change stamped up to overlapMs before the largest updated_at seen is caught", async () => {
    const replica = new Replica()
    await syncAll(version, ctx(), replica)
    server.sandbox.clock.advance(10_000)
    const [a, b] = liveIds()
    const newer = change({ changes: [{ type: 'update', id: a!, amount: 3 }] })
    await syncAll(version, ctx(), replica)
    // Stamped 45 s before the newest row already synced (a writer whose clock is behind).
    const skewed = change({
      at: Date.parse(newer.updatedAt) - 45_000,
      changes: [{ type: 'update', id: b!, amount: 4 }],
    })
    const { batches } = await syncAll(version, ctx(), replica)
    expect(batches.flatMap((x) => x.upserted.map((tx) => [tx.id, tx.updated_at]))).toEqual([
      [b, skewed.updatedAt],
    ])
    expect(replica.snapshot()).toEqual(truth(server, uuid))
  })

  it('a crash before storing a cursor repeats only the batch not acknowledged', async () => {
    const replica = new Replica()
    const seen: number[] = []
    for await (const batch of version.sync(ctx(), { limit: 300 })) {
      if (batch._tag === 'Left') throw new Error(batch.left.message)
      seen.push(...batch.right.upserted.map((tx) => tx.id))
      // The consumer handles the second batch, then crashes before storing its cursor.
      if (seen.length > 300) {
        replica.apply(batch.right, false)
        break
      }
      replica.apply(batch.right)
    }
    server.sandbox.clearRequests()
    const { batches } = await syncAll(version, ctx(), replica, { limit: 300 })
    // It resumes inside the first sync (page 2 again, then page 3), without since.
    expect(sinceQueries(server, version.path)).toEqual([undefined, undefined])
    expect(server.sandbox.requests.filter((r) => r.path === version.path)[0]!.query.after).toEqual(
      expect.any(String),
    )
    expect(batches.map((b) => b.upserted.length + b.deleted.length)).toEqual([300, 100])
    expect(replica.repeated).toEqual([])
    expect(replica.snapshot()).toEqual(truth(server, uuid))
  })

  it('a page that fails mid-sync gives the error with a cursor to resume inside the sync', async () => {
    const replica = new Replica()
    server.sandbox.faults.add({ path: version.path, times: 1, type: 'status', status: 503 })
    const failing = await syncAll(version, ctx(), replica, { limit: 300 })
    expect(failing.batches).toEqual([])
    expect(failing.error).toMatchObject({ _tag: 'ApiError', status: 503, resumeCursor: expect.any(String) })
    expect(failing.error).not.toHaveProperty('resumeAfter')

    // Now the second page fails (a connection reset): the error says where to resume.
    let batches = 0
    let resumeCursor: string | undefined
    for await (const batch of version.sync(ctx(), { limit: 300 })) {
      if (batch._tag === 'Left') {
        expect(batch.left._tag).toBe('NetworkError')
        resumeCursor = batch.left.resumeCursor
        break
      }
      replica.apply(batch.right)
      if (++batches === 1) server.sandbox.faults.add({ path: version.path, times: 1, type: 'reset' })
    }
    expect(batches).toBe(1)
    expect(resumeCursor).toBe(replica.cursor)
    server.sandbox.clearRequests()
    const resumed = await syncAll(version, ctx(), replica, { limit: 300 })
    expect(resumed.error).toBeUndefined()
    expect(resumed.batches.map((b) => b.upserted.length + b.deleted.length)).toEqual([300, 100])
    expect(server.sandbox.requests.filter((r) => r.path === version.path)[0]!.query.after).toEqual(
      expect.any(String),
    )
    expect(replica.repeated).toEqual([])
    expect(replica.snapshot()).toEqual(truth(server, uuid))
  })

  it('one account only: its rows, and its cursor refuses another account', async () => {
    const replica = new Replica()
    const accountId = accountIds[0]!
    await syncAll(version, ctx(), replica, { accountId })
    expect(replica.snapshot()).toEqual(truth(server, uuid, accountId))
    const other = await syncAll(version, ctx(), replica, { accountId: accountIds[1]! })
    expect(other.error).toMatchObject({
      _tag: 'InputValidationError',
      issues: [{ path: 'cursor', message: 'belongs to another accountId' }],
    })
  })

  it('refuses a cursor that is not one, or one of the other API version, before any request', async () => {
    const other = VERSIONS.find((x) => x !== version)!
    const replica = new Replica()
    await syncAll(other, other.context(server, uuid), replica, { limit: 500 })
    server.sandbox.clearRequests()
    for (const cursor of ['nope', 'bsync1.e30', replica.cursor!]) {
      const results = []
      for await (const batch of version.sync(ctx(), { cursor })) results.push(batch)
      expect(results).toEqual([
        {
          _tag: 'Left',
          left: expect.objectContaining({ _tag: 'InputValidationError', operation: 'syncTransactions' }),
        },
      ])
    }
    const bad = []
    for await (const batch of version.sync(ctx(), { limit: 0 })) bad.push(batch)
    for await (const batch of version.sync(ctx(), {}, { overlapMs: -1 })) bad.push(batch)
    expect(bad.map((b) => b._tag === 'Left' && b.left._tag)).toEqual([
      'InputValidationError',
      'InputValidationError',
    ])
    expect(server.sandbox.requests).toEqual([])
  })
})
