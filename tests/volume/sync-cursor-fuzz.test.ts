import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { type CursorState, encodeCursor } from '../../src/sync/cursor.js'
import { ModelBridge } from '../sync/model-bridge.js'
import { type SyncResult, VERSIONS } from '../sync/support.js'

/*
 * Valid cursors (between and in the middle of passes, of two users and of one account, checksummed
 * and signed) mutated at random: characters, lengths, fields (re-sealed), other users' and accounts'
 * cursors. Each must be refused with an InputValidationError before any request, or (a field edit
 * re-sealed with the public checksum) decode to a state the schema accepts and sync without throwing.
 * None may throw. Under cursorKeys, no edit at all is accepted.
 */

const NOW = Date.parse('2026-11-28T10:00:00.000Z')
const KEY = 'fuzz-key-0123456789abcdef'
const RUNS = Number(process.env.SYNC_FUZZ_RUNS ?? 300)
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.={}"'

const fromBase64url = (text: string) => atob(text.replace(/-/g, '+').replace(/_/g, '/'))

describe.each(VERSIONS)('syncTransactions ($name): fuzzed cursors', (version) => {
  const bridge = new ModelBridge(
    { version: version.name, order: 'desc', inclusiveSince: true, generatedAt: true },
    NOW,
  )
  for (let i = 0; i < 12; i++) bridge.insert(1 + (i % 2), i, i * 1_000)
  const sync = (user: string, params: object, keys?: string[]) =>
    (version.sync as any)(
      bridge.context(user),
      params,
      keys ? { cursorKeys: keys } : {},
    ) as AsyncIterable<SyncResult>
  const collect = async (iterable: AsyncIterable<SyncResult>, max = 100) => {
    const out: SyncResult[] = []
    for await (const r of iterable) if (out.push(r) >= max) break
    return out
  }
  /** Valid cursors of user `alice` (no account filter): after each batch of a sync of 3 pages, twice. */
  const valid: { cursor: string; keyed: boolean }[] = []
  const foreign: string[] = []
  beforeAll(async () => {
    for (const keyed of [false, true]) {
      let cursor: string | undefined
      for (let pass = 0; pass < 2; pass++)
        for (const r of await collect(
          sync('alice', { limit: 5, ...(cursor ? { cursor } : {}) }, keyed ? [KEY] : undefined),
        )) {
          if (r._tag === 'Left') throw new Error(r.left.message)
          cursor = r.right.cursor
          valid.push({ cursor, keyed })
        }
    }
    for (const r of await collect(sync('bob', { limit: 5 })))
      if (r._tag === 'Right') foreign.push(r.right.cursor)
    for (const r of await collect(sync('alice', { limit: 5, accountId: 1 })))
      if (r._tag === 'Right') foreign.push(r.right.cursor)
  })

  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('char' as const), at: fc.nat(), char: fc.constantFrom(...ALPHABET) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('grow' as const), extra: fc.string({ maxLength: 40 }) }),
    fc.record({ kind: fc.constant('foreign' as const), pick: fc.nat() }),
    fc.record({
      kind: fc.constant('field' as const),
      field: fc.constantFrom('api', 'bind', 'account', 'since', 'at', 'after', 'pages', 'seen', 'high', 'x'),
      value: fc.oneof(
        fc.anything(),
        fc.constantFrom(-1, 1.5, 2 ** 53, '9999-12-31T00:00:00.000Z', 'corrupted', [[1, -1]], [[1.5, 2]], ''),
        fc.array(fc.tuple(fc.integer(), fc.integer()), { maxLength: 300 }),
      ),
    }),
  )

  it('every mutated cursor is refused before any request, or decodes to a valid one; none throws', async () => {
    let refusedCount = 0
    let acceptedCount = 0
    await fc.assert(
      fc.asyncProperty(fc.nat(), mutation, async (which, m) => {
        const base = valid[which % valid.length]!
        let cursor = base.cursor
        let resealed = false
        if (m.kind === 'char') {
          const at = m.at % cursor.length
          cursor = cursor.slice(0, at) + m.char + cursor.slice(at + 1)
        } else if (m.kind === 'cut') cursor = cursor.slice(0, m.at % cursor.length)
        else if (m.kind === 'grow') cursor += m.extra
        else if (m.kind === 'foreign') cursor = foreign[m.pick % foreign.length]!
        else {
          const state = JSON.parse(fromBase64url(cursor.split('.')[2]!)) as Record<string, unknown>
          state[m.field] = m.value
          // Re-sealed with the public checksum (or, for a signed cursor, with a key the sync does not hold).
          cursor = await encodeCursor(state as CursorState, base.keyed ? ['not-the-key-0123456789'] : [])
          resealed = !base.keyed
        }
        const before = bridge.listings.length
        let results: SyncResult[]
        try {
          results = await collect(sync('alice', { cursor }, base.keyed ? [KEY] : undefined))
        } catch (error) {
          throw new Error(`threw on ${cursor.slice(0, 80)}: ${String(error)}`)
        }
        const first = results[0]!
        if (first._tag === 'Left' && first.left._tag === 'InputValidationError') {
          expect(bridge.listings.length).toBe(before)
          refusedCount += 1
          return
        }
        // Accepted: only the unchanged cursor, or a re-sealed edit the strict schema found valid.
        acceptedCount += 1
        expect(cursor === base.cursor || resealed).toBe(true)
        // An unchanged cursor syncs; a re-sealed edit may meet Bridge's refusal (e.g. a forged `after`), as a Left.
        if (!resealed) expect(results.every((r) => r._tag === 'Right')).toBe(true)
      }),
      { numRuns: RUNS },
    )
    expect(refusedCount).toBeGreaterThan(RUNS / 2)
    console.log(`${version.name}: ${refusedCount} refused, ${acceptedCount} accepted of ${RUNS}`)
  }, 120_000)
})
