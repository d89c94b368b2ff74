/**
 * The fault matrix: every fault the sandbox can inject × a single GET, a list failing on page 3 and
 * two POSTs, over real HTTP. Each cell checks the result (success after retry, or the right error),
 * the number of attempts the sandbox saw, the wait a `Retry-After` imposes, and that a POST the
 * server may have acted on is never sent twice (counting what the sandbox created).
 */
import { afterAll, describe, expect, it } from 'vitest'
import {
  type BridgeError,
  type Context,
  type ContextOptions,
  createPaymentLink,
  createUser,
  getAccount,
  listTransactions,
} from '../../src/index.js'
import type { Fault, RunningSandbox, SeededUser } from '../../src/sandbox/index.js'
import { testClock } from '../support/clock.js'
import { rightOf } from '../support/either.js'
import { checkSecretsAfterAll, eventually, FAST_RETRY, kept, openSandbox, sandboxCtx } from './helpers.js'

type Result = { _tag: 'Left'; left: BridgeError } | { _tag: 'Right'; right: unknown }

interface Cell {
  readonly server: RunningSandbox
  readonly ctx: Context
  readonly user: SeededUser
  /** Transaction ids in list order, as the sandbox holds them. */
  readonly allIds: readonly number[]
}

type Kind = 'get' | 'list' | 'post'

interface Operation {
  readonly name: string
  readonly kind: Kind
  readonly method: 'GET' | 'POST'
  readonly path: (cell: Cell) => string
  /** Runs the operation, calling `arm` right before the request that must meet the fault. */
  readonly run: (
    cell: Cell,
    arm: () => void,
    signal: AbortSignal,
  ) => Promise<{ result: Result; ids?: number[] }>
  /** For POSTs: how many resources this cell's call created in the sandbox. */
  readonly created?: (cell: Cell) => number
}

const PAGE = 100
const LINK_REFERENCE = 'matrix-order-42'
const CREATED_USER = 'created-by-matrix'

const operations: readonly Operation[] = [
  {
    name: 'getAccount',
    kind: 'get',
    method: 'GET',
    path: (cell) => `/v3/aggregation/accounts/${cell.user.accountIds[0]}`,
    run: async (cell, arm, signal) => {
      arm()
      return { result: await getAccount(cell.ctx, { accountId: cell.user.accountIds[0]! }, { signal })() }
    },
  },
  {
    name: 'listTransactions (page 3)',
    kind: 'list',
    method: 'GET',
    path: () => '/v3/aggregation/transactions',
    run: async (cell, arm, signal) => {
      const ids: number[] = []
      for await (const item of listTransactions(cell.ctx, { limit: PAGE }, { signal })) {
        if (item._tag === 'Left') return { result: item, ids }
        ids.push(item.right.id)
        // The body runs before the iterator asks for page 3: the fault meets exactly that request.
        if (ids.length === 2 * PAGE) arm()
      }
      return { result: { _tag: 'Right', right: ids }, ids }
    },
  },
  {
    name: 'createUser',
    kind: 'post',
    method: 'POST',
    path: () => '/v3/aggregation/users',
    run: async (cell, arm, signal) => {
      arm()
      return { result: await createUser(cell.ctx, { externalUserId: CREATED_USER }, { signal })() }
    },
    created: (cell) =>
      cell.server.sandbox.state.listUsers().filter((user) => user.externalUserId === CREATED_USER).length,
  },
  {
    name: 'createPaymentLink',
    kind: 'post',
    method: 'POST',
    path: () => '/v3/payment/payment-links',
    run: async (cell, arm, signal) => {
      arm()
      const params = {
        user: { firstName: 'Jane', lastName: 'Doe' },
        transactions: [{ amount: 12.5, currency: 'EUR', label: 'Order 42', endToEndId: 'ORDER-42' }],
        clientReference: LINK_REFERENCE,
      }
      return { result: await createPaymentLink(cell.ctx, params, { signal })() }
    },
    created: (cell) =>
      [...cell.server.sandbox.state.payments.links.values()].filter(
        (link) => link.clientReference === LINK_REFERENCE,
      ).length,
  },
]

type Expected =
  | { readonly ok: true; readonly requests: number }
  | {
      readonly ok: false
      readonly tag: BridgeError['_tag']
      readonly requests: number
      readonly status?: number
      readonly retryAfter?: number
      /** The body is the proxy's HTML page, kept as text. */
      readonly html?: boolean
    }

interface Row {
  readonly name: string
  readonly fault: Fault
  /** Fire this many times; absent: on every attempt. */
  readonly times?: number
  readonly options?: Partial<ContextOptions>
  /** Abort the call this long after the faulty request is armed. */
  readonly abortAfterMs?: number
  /** For GET and list. */
  readonly get: Expected
  readonly post: Expected
  /** Resources a POST leaves in the sandbox: 1 when it acted once, 0 when it never did. */
  readonly created: 0 | 1
  /** Least time between arming and the result (a `Retry-After` wait). */
  readonly minMs?: number
  /** Most time between arming and the result (an abort that must not wait). */
  readonly maxMs?: number
}

const ok = (requests: number): Expected => ({ ok: true, requests })
const fails = (
  tag: BridgeError['_tag'],
  requests: number,
  extra: { status?: number; retryAfter?: number; html?: boolean } = {},
): Expected => ({ ok: false, tag, requests, ...extra })

// Wide margins, so a busy machine never turns a fast answer into a timeout.
const SLOW = { timeoutMs: 300 }
const rows: readonly Row[] = [
  {
    name: '429 with Retry-After: 1',
    fault: { type: 'status', status: 429, retryAfter: 1 },
    times: 1,
    get: ok(2),
    post: ok(2),
    created: 1,
    minMs: 1000,
  },
  {
    name: '429 with Retry-After: 1 above maxRetryAfterMs',
    fault: { type: 'status', status: 429, retryAfter: 1 },
    times: 1,
    options: { retry: { ...FAST_RETRY, maxRetryAfterMs: 500 } },
    get: fails('ApiError', 1, { status: 429, retryAfter: 1 }),
    post: fails('ApiError', 1, { status: 429, retryAfter: 1 }),
    created: 0,
  },
  {
    name: '429 without Retry-After, once',
    fault: { type: 'status', status: 429 },
    times: 1,
    get: ok(2),
    post: ok(2),
    created: 1,
  },
  {
    name: '429 without Retry-After, always',
    fault: { type: 'status', status: 429 },
    get: fails('ApiError', 3, { status: 429 }),
    post: fails('ApiError', 3, { status: 429 }),
    created: 0,
  },
  ...[500, 502, 503, 504].flatMap((status): Row[] => [
    {
      name: `${status} after acting, once`,
      fault: { type: 'status', status, afterHandler: true },
      times: 1,
      get: ok(2),
      post: fails('ApiError', 1, { status }),
      created: 1,
    },
    {
      name: `${status} after acting, always`,
      fault: { type: 'status', status, afterHandler: true },
      get: fails('ApiError', 3, { status }),
      post: fails('ApiError', 1, { status }),
      created: 1,
    },
  ]),
  {
    name: 'connection reset after acting, once',
    fault: { type: 'reset', afterHandler: true },
    times: 1,
    get: ok(2),
    post: fails('NetworkError', 1),
    created: 1,
  },
  {
    name: 'connection reset after acting, always',
    fault: { type: 'reset', afterHandler: true },
    get: fails('NetworkError', 3),
    post: fails('NetworkError', 1),
    created: 1,
  },
  {
    name: 'response slower than the timeout, once',
    fault: { type: 'latency', ms: 900 },
    times: 1,
    options: SLOW,
    get: ok(2),
    post: fails('TimeoutError', 1),
    created: 1,
  },
  {
    name: 'response slower than the timeout, always',
    fault: { type: 'latency', ms: 900 },
    options: SLOW,
    get: fails('TimeoutError', 3),
    post: fails('TimeoutError', 1),
    created: 1,
  },
  {
    name: 'truncated JSON',
    fault: { type: 'truncated-json' },
    times: 1,
    get: fails('ResponseValidationError', 1),
    post: fails('ResponseValidationError', 1),
    created: 1,
  },
  {
    name: 'invalid JSON',
    fault: { type: 'invalid-json' },
    times: 1,
    get: fails('ResponseValidationError', 1),
    post: fails('ResponseValidationError', 1),
    created: 1,
  },
  {
    name: 'HTML error page (502), once',
    fault: { type: 'html' },
    times: 1,
    get: ok(2),
    post: fails('ApiError', 1, { status: 502, html: true }),
    created: 0,
  },
  {
    name: 'HTML error page (502), always',
    fault: { type: 'html' },
    get: fails('ApiError', 3, { status: 502, html: true }),
    post: fails('ApiError', 1, { status: 502, html: true }),
    created: 0,
  },
  {
    name: 'caller abort while the request is in flight',
    fault: { type: 'latency', ms: 1000 },
    abortAfterMs: 100,
    get: fails('AbortError', 1),
    post: fails('AbortError', 1),
    created: 1,
    maxMs: 900,
  },
  {
    name: 'caller abort while waiting for Retry-After: 5',
    fault: { type: 'status', status: 429, retryAfter: 5 },
    abortAfterMs: 200,
    get: fails('AbortError', 1),
    post: fails('AbortError', 1),
    created: 0,
    maxMs: 1500,
  },
]

/** Checks one result against what the row expects; for lists, also the items and the resume. */
const verify = async (
  cell: Cell,
  operation: Operation,
  expected: Expected,
  run: { result: Result; ids?: number[] },
): Promise<void> => {
  const { result } = run
  if (expected.ok) {
    expect(result._tag, JSON.stringify(result._tag === 'Left' ? result.left : '')).toBe('Right')
    if (operation.kind === 'list') expect(run.ids).toEqual(cell.allIds)
    return
  }
  expect(result._tag).toBe('Left')
  if (result._tag !== 'Left') return
  const error = result.left
  expect(error._tag).toBe(expected.tag)
  if (expected.status !== undefined) expect((error as { status?: number }).status).toBe(expected.status)
  if (expected.retryAfter !== undefined) expect(error).toMatchObject({ retryAfter: expected.retryAfter })
  if (expected.html) {
    expect(error).toMatchObject({ body: { format: 'raw' } })
    expect(JSON.stringify(error)).toContain('502 Bad Gateway')
  }
  if (error._tag === 'ResponseValidationError') {
    expect(error.issues).toEqual([{ path: '', message: 'the body is not valid JSON' }])
  }
  if (operation.kind !== 'list') return
  // Pages 1 and 2 were yielded once; the error says where to resume, and resuming completes the set.
  expect(run.ids).toEqual(cell.allIds.slice(0, 2 * PAGE))
  expect(error).toHaveProperty('resumeAfter')
  const resumeAfter = (error as { resumeAfter: string }).resumeAfter
  cell.server.sandbox.faults.clear()
  const rest: number[] = []
  for await (const item of listTransactions(cell.ctx, { limit: PAGE, after: resumeAfter })) {
    rest.push(rightOf(kept(item)).id)
  }
  expect([...(run.ids ?? []), ...rest]).toEqual(cell.allIds)
}

let cellsTried = 0
checkSecretsAfterAll('faults')
afterAll(() => {
  console.log(
    `[reliability] fault matrix: ${cellsTried} cells (${rows.length} faults × ${operations.length} operations)`,
  )
})

describe.concurrent('fault matrix over HTTP to the sandbox', () => {
  for (const row of rows) {
    for (const operation of operations) {
      it(`${row.name} × ${operation.name}`, async () => {
        const server = await openSandbox()
        const user = server.sandbox.seedUser({
          externalUserId: 'matrix-user',
          transactions: 350,
          accounts: 1,
        })
        const allIds = server.sandbox.state.transactions(user.uuid, 'updated').map((tx) => tx.id)
        expect(allIds.length).toBe(350)
        // Retry waits (Retry-After, backoff) take no real time; `elapsed` counts them all the same.
        const clock = testClock()
        const cell: Cell = {
          server,
          user,
          allIds,
          ctx: sandboxCtx(server, {
            user: { externalUserId: 'matrix-user' },
            sleep: clock.sleep,
            ...row.options,
          }),
        }
        const expected = operation.kind === 'post' ? row.post : row.get
        const controller = new AbortController()
        let armedAt = 0
        let firstTarget = -1
        let waitForTarget: ReturnType<typeof setInterval> | undefined
        const targets = () =>
          server.sandbox.requests
            .slice(firstTarget)
            .filter((request) => request.method === operation.method && request.path === operation.path(cell))
        const arm = () => {
          armedAt = clock.elapsed()
          firstTarget = server.sandbox.requests.length
          server.sandbox.faults.add({
            ...row.fault,
            method: operation.method,
            path: operation.path(cell),
            ...(row.times === undefined ? {} : { times: row.times }),
          })
          const abortAfterMs = row.abortAfterMs
          if (abortAfterMs !== undefined) {
            const abort = () => controller.abort()
            // On the test clock: a wait for Retry-After passes this moment at once.
            clock.at(abortAfterMs, abort)
            // In real time, from the faulty request's arrival (a token request may come first).
            waitForTarget = setInterval(() => {
              if (targets().length === 0) return
              clearInterval(waitForTarget)
              setTimeout(abort, abortAfterMs)
            }, 2)
          }
        }
        let run: { result: Result; ids?: number[] }
        try {
          run = await operation.run(cell, arm, controller.signal)
        } catch (thrown) {
          return expect.fail(`an exception escaped: ${String(thrown)}`)
        } finally {
          clearInterval(waitForTarget)
        }
        const elapsed = clock.elapsed() - armedAt
        kept(run.result)

        // Attempts of the faulty request: same method and path, and for a list the same page (query).
        const firstSearch = targets()[0]?.search
        const attempts = targets().filter((request) => request.search === firstSearch)
        expect(attempts.length).toBe(expected.requests)
        if (row.minMs !== undefined) expect(elapsed).toBeGreaterThanOrEqual(row.minMs)
        if (row.maxMs !== undefined) expect(elapsed).toBeLessThan(row.maxMs)
        await verify(cell, operation, expected, run)
        if (operation.created) {
          const created = operation.created
          // A slow or aborted POST still acts on the server, later: wait for it, then count once.
          if (row.created === 1) await eventually(() => created(cell) >= 1, 3000, 'the POST to act')
          expect(created(cell)).toBe(row.created)
        }
        cellsTried += 1
      })
    }
  }
})
