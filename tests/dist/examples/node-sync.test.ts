import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSandbox } from '../../../src/sandbox/index.js'
import { truth as liveTransactions } from '../../sync/support.js'
import { runExample, sandboxEnv, startWithUser } from './run-example.js'

const SYNC = 'examples/node-sync/sync.ts'
const USER = 'sync-user'
const PATH = '/v3/aggregation/transactions'
/** The SDK's default overlap: a pass starts this long before Bridge's time when the previous one began. */
const OVERLAP_MS = 60_000

describe('examples/node-sync: syncTransactions into a JSON file', () => {
  let server: RunningSandbox
  let uuid: string
  const dir = mkdtempSync(join(tmpdir(), 'bridgeapi-sync-'))
  const run = () => runExample(SYNC, [USER, dir], sandboxEnv(server))
  const transactionRequests = () => server.sandbox.requests.filter((r) => r.path === PATH).map((r) => r.query)
  const stored = () => JSON.parse(readFileSync(join(dir, 'transactions.json'), 'utf8')) as Record<string, any>
  /** The JSON copy as id → updated_at, read independently of the example. */
  const copy = () =>
    Object.fromEntries(
      Object.entries(stored())
        .map(([id, tx]) => [Number(id), tx.updated_at as string] as const)
        .sort((a, b) => a[0] - b[0]),
    )
  const truth = () => liveTransactions(server, uuid)
  /** The `since` a pass sends: T (the sandbox clock when the previous pass began) minus the overlap. */
  const sinceAfterPassAt = (t: number) => new Date(t - OVERLAP_MS).toISOString()
  /** Live transactions no scenario has touched yet, oldest first (so untouched by every later change). */
  const untouched = () =>
    server.sandbox
      .transactions(uuid, 'updated')
      .filter((tx) => !tx.deleted && tx.updatedAt < Date.parse('2026-11-28T10:00:00.000Z'))
      .reverse()
  /** Makes the first page of the next listing pass (harmless extra field) and the second fail (a 400). */
  const failSecondPage = () => {
    server.sandbox.faults.add({ path: PATH, type: 'drift', drift: 'extra-field', times: 1 })
    server.sandbox.faults.add({ path: PATH, type: 'status', status: 400, times: 1 })
  }
  /** Sandbox time when the last complete pass began. */
  let lastPassAt: number

  beforeAll(async () => {
    ;({ server, uuid } = await startWithUser(7, { externalUserId: USER, transactions: 1_200 }))
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('first run: fetches everything in pages of 500, deleted rows left out of the copy', async () => {
    const deleted = server.sandbox.transactions(uuid, 'updated').filter((tx) => tx.deleted).length
    lastPassAt = server.sandbox.clock.now()
    expect(await run()).toBe(
      `3 batch(es): ${1_200 - deleted} upserted, ${deleted} deleted; ${1_200 - deleted} stored`,
    )
    expect(copy()).toEqual(truth())
    expect(transactionRequests()).toEqual([
      { limit: '500' },
      { limit: '500', after: expect.any(String) },
      { limit: '500', after: expect.any(String) },
    ])
  })

  it('second run: asks only for changes since the stored position, upserts them and drops deleted ones', async () => {
    const before = stored()
    server.sandbox.clearRequests()
    server.sandbox.clock.advance(3_600_000)
    const [changed, removed] = untouched()
    const { ids } = server.sandbox.changeHistory(uuid, {
      changes: [
        { type: 'update', id: changed!.id, amount: 99.99 },
        { type: 'delete', id: removed!.id },
        { type: 'insert', accountId: changed!.accountId, date: changed!.date, amount: -12.5 },
      ],
    })
    const added = ids[2]!
    const since = sinceAfterPassAt(lastPassAt)
    lastPassAt = server.sandbox.clock.now()

    const total = Object.keys(before).length
    expect(await run()).toBe(`1 batch(es): 2 upserted, 1 deleted; ${total} stored`)
    expect(transactionRequests()).toEqual([{ limit: '500', since }])
    expect(copy()).toEqual(truth())
    const after = stored()
    expect(after[String(changed!.id)].amount).toBe(99.99)
    expect(after[String(added)].amount).toBe(-12.5)
    expect(after[String(removed!.id)]).toBeUndefined()
  })

  it('third run: nothing changed, so the overlap lists only rows already delivered and none is applied', async () => {
    const before = readFileSync(join(dir, 'transactions.json'), 'utf8')
    server.sandbox.clearRequests()
    const since = sinceAfterPassAt(lastPassAt)
    expect(await run()).toBe(`1 batch(es): 0 upserted, 0 deleted; ${Object.keys(truth()).length} stored`)
    expect(transactionRequests()).toEqual([{ limit: '500', since }])
    expect(readFileSync(join(dir, 'transactions.json'), 'utf8')).toBe(before)
  })

  // The pass of the next two scenarios: 600 rows changed 10 minutes ago, then one changed now (T), so
  // its first page (newest first) holds the row stamped T and 499 stamped T − 10 min.
  let passAt: number
  let newest: number
  let older: number[]
  let lagging: number
  let copyAfterFirstBatch: Record<number, string>

  it('interrupted run: the batch before the failing page is saved with its cursor', async () => {
    server.sandbox.clock.advance(3_600_000)
    const rows = untouched()
    older = rows.slice(0, 600).map((tx) => tx.id)
    newest = rows[600]!.id
    lagging = rows[601]!.id
    server.sandbox.changeHistory(uuid, {
      changes: older.map((id, i) => ({ type: 'update', id, amount: i })),
    })
    server.sandbox.clock.advance(600_000)
    passAt = server.sandbox.clock.now()
    server.sandbox.changeHistory(uuid, { changes: [{ type: 'update', id: newest, amount: 1 }] })
    const before = copy()
    const since = sinceAfterPassAt(lastPassAt)
    server.sandbox.clearRequests()
    failSecondPage()

    await expect(run()).rejects.toThrow(/sync stopped: ApiError 400/)
    expect(transactionRequests()).toEqual([
      { limit: '500', since },
      { limit: '500', since, after: expect.any(String) },
    ])
    // Exactly the first page is in the file: the newest row and the 499 newest of the 600.
    const firstPage = server.sandbox
      .transactions(uuid, 'updated')
      .slice(0, 500)
      .map((tx) => [tx.id, new Date(tx.updatedAt).toISOString()] as const)
    expect(firstPage[0]![0]).toBe(newest)
    copyAfterFirstBatch = copy()
    expect(copyAfterFirstBatch).toEqual({ ...before, ...Object.fromEntries(firstPage) })
    expect(copyAfterFirstBatch).not.toEqual(truth())
  })

  it('the next run resumes at the failing page, inside the same pass', async () => {
    // While the sync is stopped, a change stamped 5 s behind the sandbox clock (a lagging writer): it is
    // newer than the page the pass stopped at, so the rest of this pass never lists it.
    server.sandbox.changeHistory(uuid, {
      at: passAt - 5_000,
      changes: [{ type: 'update', id: lagging, amount: 7.77 }],
    })
    server.sandbox.clearRequests()
    const since = sinceAfterPassAt(lastPassAt)

    expect(await run()).toBe(`1 batch(es): 101 upserted, 0 deleted; ${Object.keys(truth()).length} stored`)
    expect(transactionRequests()).toEqual([{ limit: '500', since, after: expect.any(String) }])
    const { [lagging]: laggingInTruth, ...restOfTruth } = truth()
    const { [lagging]: laggingInCopy, ...restOfCopy } = copy()
    expect(restOfCopy).toEqual(restOfTruth)
    expect(laggingInCopy).toBe(copyAfterFirstBatch[lagging])
    expect(laggingInTruth).toBe(new Date(passAt - 5_000).toISOString())
    lastPassAt = passAt
  })

  it('a change stamped behind the clock while the sync was stopped reaches the copy on the next run', async () => {
    // Keeping the largest updated_at seen (T) as the next `since` would skip it forever; the cursor
    // starts at T − overlap, and the rows already delivered there are not applied again.
    server.sandbox.clearRequests()
    expect(await run()).toBe(`1 batch(es): 1 upserted, 0 deleted; ${Object.keys(truth()).length} stored`)
    expect(transactionRequests()).toEqual([{ limit: '500', since: sinceAfterPassAt(passAt) }])
    expect(copy()).toEqual(truth())
    expect(stored()[String(lagging)].amount).toBe(7.77)
  })
})
