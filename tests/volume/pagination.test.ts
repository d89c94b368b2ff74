/**
 * Exactly-once pagination: 10 500 transactions over 105 pages with faults on random pages (the
 * sandbox draws them from its seeded stream, so every run meets the same ones). Retries cure most
 * of them; the rest stop the iteration with an error whose `resumeAfter` continues it. Resuming
 * until done must give every item once, in order, with and without prefetching.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { type BridgeError, listTransactions } from '../../src/index.js'
import type { RunningSandbox } from '../../src/sandbox/index.js'
import { checkSecretsAfterAll, openSandbox, sandboxCtx, witness } from '../reliability/helpers.js'

const TRANSACTIONS = 10_500
const PAGE = 100
const LIST_PATH = '/v3/aggregation/transactions'

let paginatedUnderFaults = 0

/** A sandbox of its own per run, so each run's fault draws do not depend on the others. */
const seededSandbox = async (seed: string): Promise<{ server: RunningSandbox; allIds: number[] }> => {
  const server = await openSandbox({ seed })
  const user = server.sandbox.seedUser({ externalUserId: 'many', transactions: TRANSACTIONS, accounts: 2 })
  const allIds = server.sandbox.transactions(user.uuid, 'updated').map((tx) => tx.id)
  expect(allIds.length).toBe(TRANSACTIONS)
  expect(new Set(allIds).size).toBe(TRANSACTIONS)
  return { server, allIds }
}

checkSecretsAfterAll('pagination')
afterAll(() => {
  console.log(`[reliability] exactly-once pagination: ${paginatedUnderFaults} items paginated under faults`)
})

/** Faults on the list only, each drawn per request: retries cure most, some pages fail 3 times running. */
const injectRandomFaults = (server: RunningSandbox): void => {
  const faults = server.sandbox.faults
  faults.clear()
  faults.add({ method: 'GET', path: LIST_PATH, probability: 0.25, type: 'status', status: 503 })
  faults.add({ method: 'GET', path: LIST_PATH, probability: 0.1, type: 'reset' })
  faults.add({ method: 'GET', path: LIST_PATH, probability: 0.08, type: 'status', status: 429 })
  faults.add({ method: 'GET', path: LIST_PATH, probability: 0.05, type: 'html' })
  // Not retried (a 200 with a broken body): it always ends the iteration.
  faults.add({ method: 'GET', path: LIST_PATH, probability: 0.02, type: 'truncated-json' })
}

interface Run {
  readonly ids: number[]
  readonly errors: BridgeError[]
  readonly attempts: number
  readonly faulted: number
}

/** Iterates, resuming from each error's `resumeAfter`, until the list ends. */
const iterateToTheEnd = async (server: RunningSandbox, prefetch: boolean, byPage: boolean): Promise<Run> => {
  const ctx = sandboxCtx(server, { user: { externalUserId: 'many' } })
  const from = server.sandbox.requests.length
  const ids: number[] = []
  const errors: BridgeError[] = []
  let after: string | undefined
  for (let resumes = 0; resumes < 200; resumes++) {
    const list = listTransactions(
      ctx,
      { limit: PAGE, ...(after === undefined ? {} : { after }) },
      { prefetch },
    )
    let failure: BridgeError | undefined
    if (byPage) {
      for await (const page of list.pages()) {
        if (page._tag === 'Left') {
          failure = page.left
          break
        }
        ids.push(...page.right.items.map((tx) => tx.id))
      }
    } else {
      for await (const item of list) {
        if (item._tag === 'Left') {
          failure = item.left
          break
        }
        ids.push(item.right.id)
      }
    }
    if (!failure) {
      const seen = server.sandbox.requests.slice(from).filter((request) => request.path === LIST_PATH)
      return { ids, errors, attempts: seen.length, faulted: seen.filter((r) => r.fault).length }
    }
    witness(failure)
    errors.push(failure)
    // Page 1 failing has nothing to resume after: the error then carries no cursor.
    after = 'resumeAfter' in failure ? failure.resumeAfter : undefined
    if (ids.length > 0) expect(after).toBeDefined()
  }
  return expect.fail('the list never completed')
}

describe('exactly-once pagination under random faults', () => {
  for (const [prefetch, byPage] of [
    [false, false],
    [true, false],
    [true, true],
  ] as const) {
    it(`10 500 items, limit ${PAGE}, prefetch ${prefetch}, ${byPage ? 'page by page' : 'item by item'}`, async () => {
      const { server, allIds } = await seededSandbox(`exactly-once-${prefetch}-${byPage}`)
      injectRandomFaults(server)
      const run = await iterateToTheEnd(server, prefetch, byPage)
      // Every item once, in the sandbox's order: no duplicate, no gap.
      expect(run.ids.length).toBe(TRANSACTIONS)
      expect(run.ids).toEqual(allIds)
      // The faults really happened: retried ones and ones that ended an iteration.
      const tags = new Set(run.errors.map((error) => error._tag))
      expect(run.errors.length).toBeGreaterThanOrEqual(3)
      expect(tags.has('ResponseValidationError')).toBe(true)
      expect([...tags].some((tag) => tag === 'ApiError' || tag === 'NetworkError')).toBe(true)
      expect(run.faulted).toBeGreaterThan(run.errors.length * 2)
      // Each of the 105 pages was answered well exactly once: no page was fetched twice.
      expect(run.attempts).toBe(TRANSACTIONS / PAGE + run.faulted)
      for (const error of run.errors) {
        if ('resumeAfter' in error) expect(typeof error.resumeAfter).toBe('string')
      }
      paginatedUnderFaults += run.ids.length
      console.log(
        `[reliability] prefetch ${prefetch}${byPage ? ', pages' : ''}: ${run.attempts} page requests, ${run.faulted} faulted, ${run.errors.length} errors resumed (${[...tags].join(', ')})`,
      )
    })
  }
})
