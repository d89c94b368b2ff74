import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type HistoryChange, type RunningSandbox, startSandbox } from '../../src/sandbox/index.js'
import { Replica, type SyncResult, truth, VERSIONS } from '../sync/support.js'

/*
 * Random histories of inserts, updates and deletes (several per clock instant, some stamped up to 50 s
 * in the past as a lagging Bridge writer would), interleaved with the pages of syncs, and random
 * crashes: the consumer handles a batch, then dies before storing its cursor, and starts again from
 * the last cursor it stored. After a last complete sync, the copy must equal the sandbox's live rows,
 * and no version acknowledged by a stored cursor may ever come again.
 */

const NOW = Date.parse('2026-11-28T10:00:00.000Z')
const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 80)

const change = fc.oneof(
  fc.record({ type: fc.constant('update' as const), pick: fc.nat() }),
  fc.record({ type: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({
    type: fc.constant('insert' as const),
    pick: fc.nat(),
    daysAgo: fc.integer({ min: 0, max: 400 }),
  }),
)

const step = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('mutate' as const),
      advanceMs: fc.constantFrom(0, 0, 1, 999, 30_000, 3_600_000),
      skewMs: fc.constantFrom(0, 0, 0, 1, 20_000, 50_000),
      changes: fc.array(change, { minLength: 1, maxLength: 6 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('pull' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crash' as const) }) },
)

const scenario = fc.record({
  limit: fc.integer({ min: 1, max: 8 }),
  steps: fc.array(step, { minLength: 1, maxLength: 30 }),
})

describe.each(VERSIONS)('syncTransactions ($name): random histories and crashes', (version) => {
  let server: RunningSandbox
  beforeAll(async () => {
    server = await startSandbox({ seed: 'property', now: NOW })
  })
  afterAll(async () => {
    await server.close()
  })

  it('the synced copy equals the sandbox after every history', async () => {
    let cases = 0
    let syncs = 0
    let crashes = 0
    await fc.assert(
      fc.asyncProperty(scenario, async ({ limit, steps }) => {
        cases += 1
        const { uuid, accountIds } = server.sandbox.seedUser({ transactions: 12, accounts: 2 })
        const ctx = version.context(server, uuid)
        const replica = new Replica()
        let running: AsyncIterator<SyncResult> | undefined
        const open = () => version.sync(ctx, { limit, ...(replica.cursor ? { cursor: replica.cursor } : {}) })
        const next = async (): Promise<SyncResult | undefined> => {
          running ??= open()[Symbol.asyncIterator]()
          const result = await running.next()
          if (result.done) running = undefined
          return result.value
        }
        /** One batch: handled and stored, or handled and then a crash. Returns false when a sync ended. */
        const pull = async (crash: boolean) => {
          const batch = await next()
          if (batch === undefined) {
            syncs += 1
            return false
          }
          if (batch._tag === 'Left') throw new Error(`sync failed: ${batch.left.message}`)
          replica.apply(batch.right, !crash)
          if (crash) {
            crashes += 1
            running = undefined
          }
          return true
        }

        for (const s of steps) {
          if (s.kind === 'pull' || s.kind === 'crash') {
            await pull(s.kind === 'crash')
            continue
          }
          server.sandbox.clock.advance(s.advanceMs)
          const at = server.sandbox.clock.now() - s.skewMs
          // Rows a change stamped `at` may touch: live, and not updated after `at` (the sandbox refuses that).
          const candidates = Object.entries(truth(server, uuid))
            .filter(([, updatedAt]) => Date.parse(updatedAt) <= at)
            .map(([id]) => Number(id))
          const used = new Set<number>()
          const changes: HistoryChange[] = []
          for (const c of s.changes) {
            const ids = candidates.filter((id) => !used.has(id))
            if (c.type === 'insert') {
              const day = new Date(NOW - c.daysAgo * 86_400_000).toISOString().slice(0, 10)
              changes.push({
                type: 'insert',
                accountId: accountIds[c.pick % 2]!,
                date: day,
                amount: -(c.pick % 500),
              })
            } else if (ids.length > 0) {
              const id = ids[c.pick % ids.length]!
              used.add(id)
              changes.push(
                c.type === 'delete' ? { type: 'delete', id } : { type: 'update', id, amount: c.pick % 1000 },
              )
            }
          }
          if (changes.length > 0) server.sandbox.changeHistory(uuid, { at, changes })
        }
        // Finish the sync under way, then one more from its cursor: nothing may be missing.
        while (await pull(false));
        while (await pull(false));
        expect(replica.snapshot()).toEqual(truth(server, uuid))
        expect(replica.repeated).toEqual([])
      }),
      { numRuns: RUNS, endOnFailure: true },
    )
    console.log(`${version.name}: ${cases} random histories, ${syncs} complete syncs, ${crashes} crashes`)
    expect(cases).toBe(RUNS)
  }, 60_000)
})
