import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSandbox } from '../../../src/sandbox/index.js'
import { runExample, sandboxEnv, startWithUser } from './run-example.js'

const SYNC = 'examples/node-sync/sync.ts'
const USER = 'sync-user'

describe('examples/node-sync: incremental transaction sync', () => {
  let server: RunningSandbox
  let uuid: string
  const dir = mkdtempSync(join(tmpdir(), 'bridgeapi-sync-'))
  const run = () => runExample(SYNC, [USER, dir], sandboxEnv(server))
  const transactionRequests = () =>
    server.sandbox.requests.filter((r) => r.path === '/v3/aggregation/transactions').map((r) => r.query)
  const stored = () => JSON.parse(readFileSync(join(dir, 'transactions.json'), 'utf8')) as Record<string, any>
  const cursor = () => JSON.parse(readFileSync(join(dir, 'cursor.json'), 'utf8'))

  beforeAll(async () => {
    ;({ server, uuid } = await startWithUser(7, { externalUserId: USER, transactions: 1_200 }))
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('first run: fetches everything in pages of 500 and saves the largest updated_at as the cursor', async () => {
    const all = server.sandbox.transactions(uuid, 'updated')
    const live = all.filter((tx) => !tx.deleted)
    const newest = new Date(all[0]!.updatedAt).toISOString()
    expect(await run()).toBe(
      `1200 fetched in 3 page(s): ${live.length} added, 0 updated, 0 deleted; ${live.length} stored; next since ${newest}`,
    )
    expect(Object.keys(stored()).sort()).toEqual(live.map((tx) => String(tx.id)).sort())
    expect(cursor()).toEqual({ since: newest })
    expect(transactionRequests()).toEqual([
      { limit: '500' },
      { limit: '500', after: expect.any(String) },
      { limit: '500', after: expect.any(String) },
    ])
  })

  it('second run: asks only for changes since the cursor, upserts them and drops deleted ones', async () => {
    const { since } = cursor()
    const before = stored()
    server.sandbox.clearRequests()
    server.sandbox.clock.advance(3_600_000)
    const now = server.sandbox.clock.now()
    const [changed, removed] = server.sandbox.transactions(uuid, 'updated').filter((tx) => !tx.deleted)
    const { ids } = server.sandbox.changeHistory(uuid, {
      at: now,
      changes: [
        { type: 'update', id: changed!.id, amount: 99.99 },
        { type: 'delete', id: removed!.id },
        { type: 'insert', accountId: changed!.accountId, date: changed!.date, amount: -12.5 },
      ],
    })
    const added = { id: ids[2] }

    const total = Object.keys(before).length
    expect(await run()).toBe(
      `3 fetched in 1 page(s): 1 added, 1 updated, 1 deleted; ${total} stored; next since ${new Date(now).toISOString()}`,
    )
    expect(transactionRequests()).toEqual([{ limit: '500', since }])
    const after = stored()
    expect(after[String(changed!.id)].amount).toBe(99.99)
    expect(after[String(added!.id)].amount).toBe(-12.5)
    expect(after[String(removed!.id)]).toBeUndefined()
  })

  it('third run: nothing changed, nothing fetched, cursor kept', async () => {
    const { since } = cursor()
    server.sandbox.clearRequests()
    expect(await run()).toMatch(
      /^0 fetched in 1 page\(s\): 0 added, 0 updated, 0 deleted; \d+ stored; next since /,
    )
    expect(cursor()).toEqual({ since })
    expect(transactionRequests()).toEqual([{ limit: '500', since }])
  })
})
