import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import initSqlJs from 'sql.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSandbox } from '../../../src/sandbox/index.js'
import { truth as liveTransactions } from '../../sync/support.js'
import { runExample, sandboxEnv, startWithUser } from './run-example.js'

const SYNC = 'examples/node-sqlite/sync.ts'
const USER = 'sqlite-user'

describe('examples/node-sqlite: syncTransactions into SQLite', () => {
  let server: RunningSandbox
  let uuid: string
  const dir = mkdtempSync(join(tmpdir(), 'bridgeapi-sqlite-'))
  const file = join(dir, 'copy.sqlite')
  const run = () => runExample(SYNC, [USER, file], sandboxEnv(server))
  /** The database file as the example left it, read independently. */
  const rows = async () => {
    const SQL = await initSqlJs()
    const db = new SQL.Database(readFileSync(file))
    const [result] = db.exec('SELECT id, updated_at, amount FROM transactions ORDER BY id')
    db.close()
    return Object.fromEntries((result?.values ?? []).map(([id, updatedAt]) => [id, updatedAt]))
  }
  const truth = () => liveTransactions(server, uuid)
  const syncRequests = () => server.sandbox.requests.filter((r) => r.path === '/v3/aggregation/transactions')

  beforeAll(async () => {
    ;({ server, uuid } = await startWithUser('sqlite', { externalUserId: USER, transactions: 1_200 }))
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('first run: every transaction, in batches of 500', async () => {
    const deleted = server.sandbox.transactions(uuid, 'updated').filter((tx) => tx.deleted).length
    expect(await run()).toBe(
      `3 batch(es): ${1_200 - deleted} upserted, ${deleted} deleted; ${1_200 - deleted} stored`,
    )
    expect(await rows()).toEqual(truth())
  })

  it('a run cut by a failing page keeps what it committed and the next run resumes there', async () => {
    server.sandbox.clock.advance(3_600_000)
    const live = Object.keys(truth()).map(Number)
    // 1 100 changes: 3 pages; the second fails (four times, more than the SDK's retries).
    server.sandbox.changeHistory(uuid, {
      changes: live
        .slice(0, 1_100)
        .map((id, i) => (i % 10 === 0 ? { type: 'delete', id } : { type: 'update', id, amount: i })),
    })
    server.sandbox.clearRequests()
    // The first page gets a harmless extra field (and uses that rule up), the second a 400.
    const path = '/v3/aggregation/transactions'
    server.sandbox.faults.add({ path, type: 'drift', drift: 'extra-field', times: 1 })
    server.sandbox.faults.add({ path, type: 'status', status: 400, times: 1 })
    await expect(run()).rejects.toThrow(/sync stopped: ApiError 400/)
    // The first batch (500 changes) is in the file with its cursor.
    const afterFailure = await rows()
    const changed = Object.entries(truth()).filter(
      ([id, at]) => afterFailure[id] === at && at.startsWith('2026-11-28T11'),
    )
    expect(changed).toHaveLength(450)
    server.sandbox.clearRequests()
    // The next run resumes at the second page: 600 more changes, in 2 batches.
    expect(await run()).toBe(`2 batch(es): 540 upserted, 60 deleted; ${Object.keys(truth()).length} stored`)
    expect(syncRequests().map((r) => [r.query.since, typeof r.query.after])).toEqual([
      [expect.any(String), 'string'],
      [expect.any(String), 'string'],
    ])
    expect(await rows()).toEqual(truth())
  })
})
