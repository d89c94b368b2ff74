import fc from 'fast-check'
import { ModelBridge, type ModelConfig } from './model-bridge.js'
import type { SyncResult } from './support.js'
import { VERSIONS } from './support.js'

/*
 * Random histories against an independent model of Bridge (tests/sync/model-bridge.ts), for every
 * combination Bridge leaves open: ascending or descending order, inclusive or exclusive `since`, with
 * or without `generated_at`. Inserts, updates and deletes are stamped up to just under the overlap
 * behind the server clock; they happen between any two batches, so also while a sync is stopped in
 * the middle of its pagination. The consumer crashes (handles a batch, dies before storing its
 * cursor), stops and resumes later from the stored cursor, and meets failing pages.
 *
 * Checked after every batch marked `caughtUp` (its documented meaning): every row whose current
 * version is stamped before T − overlap, T being the server's time (to the second) when the pass
 * began, is in the copy as that version (or absent, if deleted). After a pass during which nothing
 * changed, the copy equals the server. At the end, after two more passes, the copy equals the server.
 */

/** Random histories of changes and sync steps against {@link ModelBridge}, and the checks after each. */

const NOW = Date.parse('2026-11-28T10:00:00.000Z')
const OVERLAP = 60_000

const change = fc.record({
  type: fc.constantFrom('insert' as const, 'update' as const, 'update' as const, 'delete' as const),
  pick: fc.nat(),
})

const step = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('mutate' as const),
      advanceMs: fc.constantFrom(0, 1, 999, 1_000, 30_000, 61_000, 3_600_000),
      skewMs: fc.constantFrom(0, 0, 1, 20_000, OVERLAP - 1_001, OVERLAP - 1),
      changes: fc.array(change, { minLength: 0, maxLength: 6 }),
    }),
  },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('pull' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constantFrom('crash' as const, 'stop' as const, 'fail' as const) }),
  },
)

export const scenarioArb = fc.record({
  order: fc.constantFrom('asc' as const, 'desc' as const),
  inclusiveSince: fc.boolean(),
  generatedAt: fc.boolean(),
  initial: fc.integer({ min: 0, max: 15 }),
  limit: fc.integer({ min: 1, max: 6 }),
  steps: fc.array(step, { minLength: 1, maxLength: 40 }),
})
export type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never

/** Runs one history; returns what went wrong (undefined when the copy always matched). */
export const runHistory = async (
  version: 'v2' | 'v3',
  s: Scenario,
  checkEveryPass = true,
): Promise<string | undefined> => {
  const config: ModelConfig = {
    version,
    order: s.order,
    inclusiveSince: s.inclusiveSince,
    generatedAt: s.generatedAt,
  }
  const bridge = new ModelBridge(config, NOW)
  for (let i = 0; i < s.initial; i++) bridge.insert(1 + (i % 2), i, (i * 7_919) % OVERLAP)
  const sync = VERSIONS.find((candidate) => candidate.name === version)!.sync
  const ctx = bridge.context()
  const copy = new Map<number, string>()
  let stored: string | undefined
  let running: AsyncIterator<SyncResult> | undefined
  let lastBatchCaughtUp = true
  /** Index in `bridge.listings` of the first request of the current pass, and of the last change. */
  let lastChange = -1
  let changes = 0

  const check = (passStart: number, exact: boolean): string | undefined => {
    const server = bridge.live()
    const mine = Object.fromEntries([...copy].sort((a, b) => a[0] - b[0]))
    if (exact)
      return JSON.stringify(mine) === JSON.stringify(server) ? undefined : 'copy differs after a quiet pass'
    const bound = Math.floor(passStart / 1000) * 1000 - OVERLAP
    for (const row of bridge.rows.values()) {
      if (row.updatedAt >= bound) continue
      const want = row.deleted ? undefined : server[row.id]
      if (copy.get(row.id) !== want)
        return `caughtUp while row ${row.id} (stamped before T - overlap) is stale`
    }
    return undefined
  }

  const pull = async (crash: boolean): Promise<string | 'ended' | undefined> => {
    running ??= sync(ctx, { limit: s.limit, ...(stored ? { cursor: stored } : {}) })[Symbol.asyncIterator]()
    const result = await running.next()
    if (result.done) {
      running = undefined
      // A sync ends after its caughtUp batch (or an error), never after a batch that promised more.
      return lastBatchCaughtUp ? 'ended' : 'ended without a caughtUp batch'
    }
    lastBatchCaughtUp = false
    const batch = result.value
    if (batch._tag === 'Left') {
      running = undefined
      lastBatchCaughtUp = true
      if (batch.left._tag === 'InputValidationError') return `refused: ${batch.left.message}`
      return undefined
    }
    for (const row of batch.right.upserted)
      copy.set(row.id, `${row.updated_at}|${(row as unknown as { amount: number }).amount}`)
    for (const row of batch.right.deleted) copy.delete(row.id)
    if (crash) {
      running = undefined
      return undefined
    }
    stored = batch.right.cursor
    lastBatchCaughtUp = batch.right.caughtUp
    if (batch.right.caughtUp && checkEveryPass) {
      let passFirst = bridge.listings.length - 1
      while (bridge.listings[passFirst]!.after !== null) passFirst -= 1
      const quiet = lastChange < passFirst
      return check(bridge.listings[passFirst]!.at, false) ?? (quiet ? check(0, true) : undefined)
    }
    return undefined
  }

  for (const st of s.steps) {
    let problem: string | undefined | 'ended'
    if (st.kind === 'pull' || st.kind === 'crash') problem = await pull(st.kind === 'crash')
    else if (st.kind === 'stop') running = undefined
    else if (st.kind === 'fail') bridge.failNext += 1
    else if (st.kind === 'mutate') {
      bridge.now += st.advanceMs
      const live = [...bridge.rows.values()].filter((row) => !row.deleted).map((row) => row.id)
      for (const c of st.changes) {
        const id = live[c.pick % Math.max(1, live.length)]
        const done =
          c.type === 'insert'
            ? bridge.insert(1 + (c.pick % 2), c.pick % 1000, st.skewMs) > 0
            : id !== undefined &&
              (c.type === 'update'
                ? bridge.update(id, c.pick % 1000, st.skewMs)
                : bridge.remove(id, st.skewMs))
        if (done) {
          changes += 1
          lastChange = bridge.listings.length - 1
        }
      }
    }
    if (problem !== undefined && problem !== 'ended') return problem
  }
  // Two more passes with nothing changing: the copy must equal the server.
  bridge.failNext = 0
  for (let pass = 0; pass < 2; pass++) {
    for (let guard = 0; guard < 10_000; guard++) {
      const problem = await pull(false)
      if (problem === 'ended') break
      if (problem !== undefined) return problem
    }
  }
  return check(0, true) === undefined ? undefined : `copy differs at the end (${changes} changes)`
}
