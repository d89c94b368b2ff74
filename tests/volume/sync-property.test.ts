import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runHistory, scenarioArb } from '../sync/histories.js'

/* What the histories cover and check: see tests/sync/histories.ts. */

const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 150)
const SEED = process.env.SYNC_PROPERTY_SEED === undefined ? undefined : Number(process.env.SYNC_PROPERTY_SEED)

describe.each(['v3', 'v2'] as const)(
  'syncTransactions (%s) against a model Bridge: random histories',
  (version) => {
    it('never loses a row, whatever the order and since semantics; caughtUp means what it says', async () => {
      await fc.assert(
        fc.asyncProperty(scenarioArb, async (s) => {
          expect(await runHistory(version, s)).toBeUndefined()
        }),
        { numRuns: RUNS, endOnFailure: true, ...(SEED === undefined ? {} : { seed: SEED }) },
      )
    }, 120_000)
  },
)
