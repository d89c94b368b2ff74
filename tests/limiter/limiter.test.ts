/** The limiter's own rules: the window guarantee, errors without a request, retries, abort. */
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createContext,
  createRateLimiter,
  getAccount,
  memoryRateLimitStore,
  type RateLimitStore,
} from '../../src/index.js'
import { createClock } from '../../src/sandbox/clock.js'
import type { RunningSandbox } from '../../src/sandbox/index.js'
import { START, startLimitedSandbox, userContext } from './helpers.js'
import { virtualTime } from './virtual-time.js'

/** Most arrivals within any `windowMs` (half-open windows ending at each arrival). */
const busiestWindow = (arrivals: number[], windowMs: number): number => {
  const sorted = [...arrivals].sort((a, b) => a - b)
  let busiest = 0
  let first = 0
  sorted.forEach((at, index) => {
    while ((sorted[first] as number) <= at - windowMs) first += 1
    busiest = Math.max(busiest, index - first + 1)
  })
  return busiest
}

describe('the window guarantee (simulated requests, virtual time, no HTTP)', () => {
  it('no window ever holds more than the limit, whatever the start times, durations and arrival instants', async () => {
    const request = fc.record({
      startAt: fc.integer({ min: 0, max: 120_000 }),
      durationMs: fc.integer({ min: 0, max: 30_000 }),
      // Where in its flight the request reaches the server (0: at once, 1: just before the answer).
      arrival: fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })),
      user: fc.constantFrom('a', 'b'),
      token: fc.boolean(),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 80 }), async (requests) => {
        const clock = createClock(START, true)
        const time = virtualTime(clock)
        const limiter = createRateLimiter({
          now: time.now,
          sleep: time.sleep,
          limits: {
            user: { limit: 5, windowMs: 10_000 },
            token: { limit: 2, windowMs: 10_000 },
            application: { limit: 8, windowMs: 30_000 },
          },
        })
        const arrivals: { at: number; user: string; token: boolean }[] = []
        await Promise.all(
          requests.map(async ({ startAt, durationMs, arrival, user, token }) => {
            await time.sleep(startAt)
            const slot = await limiter.acquire({ clientId: 'app', user, token }, { maxDurationMs: 30_000 })
            if (slot._tag === 'Left') throw new Error(slot.left.message)
            const sentAt = clock.now()
            await time.sleep(durationMs)
            arrivals.push({ at: sentAt + Math.floor(arrival * durationMs), user, token })
            await slot.right.release()
          }),
        )
        const at = (keep: (a: (typeof arrivals)[number]) => boolean) => arrivals.filter(keep).map((a) => a.at)
        expect(
          busiestWindow(
            at(() => true),
            30_000,
          ),
        ).toBeLessThanOrEqual(8)
        for (const user of ['a', 'b']) {
          expect(
            busiestWindow(
              at((a) => a.user === user),
              10_000,
            ),
          ).toBeLessThanOrEqual(5)
          expect(
            busiestWindow(
              at((a) => a.user === user && a.token),
              10_000,
            ),
          ).toBeLessThanOrEqual(2)
        }
      }),
      {
        numRuns: 150,
        // Ten requests of one user at once, each reaching the server at the very end of a long
        // flight: the second five must wait a full window after the first five have ended.
        examples: [
          [
            Array.from({ length: 10 }, () => ({
              startAt: 0,
              durationMs: 20_000,
              arrival: 1,
              user: 'a' as const,
              token: false,
            })),
          ],
        ],
      },
    )
  })

  it('a grant that comes back more than 5 s after it was asked for is given back and asked again', async () => {
    const clock = createClock(START, true)
    const inner = memoryRateLimitStore()
    const calls: string[] = []
    const slowFirst: RateLimitStore = {
      acquire: async (windows, request) => {
        calls.push(`acquire ${request.now - START}`)
        const answer = await inner.acquire(windows, request)
        if (calls.length === 1) clock.advance(6_000) // the store took 6 s to answer
        return answer
      },
      release: async (windows, id, endedAt) => {
        calls.push(`release ${endedAt - START}`)
        await inner.release(windows, id, endedAt)
      },
    }
    const limiter = createRateLimiter({ store: slowFirst, now: clock.now })
    const slot = await limiter.acquire({ clientId: 'app' }, { maxDurationMs: 30_000 })
    expect(slot._tag).toBe('Right')
    expect(calls).toEqual(['acquire 0', 'release 6000', 'acquire 6000'])
  })

  it('the checker above catches a burst (it can fail)', () => {
    expect(busiestWindow([0, 1, 2, 10_001], 10_000)).toBe(3)
    expect(busiestWindow([0, 10_000, 20_000], 10_000)).toBe(1)
  })
})

let server: RunningSandbox | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('through the SDK, against the sandbox', () => {
  const seeded = async () => {
    const started = await startLimitedSandbox()
    server = started.server
    const user = server.sandbox.seedUser({ transactions: 5, accounts: 1 })
    return { ...started, user, accountId: user.accountIds[0] as number }
  }

  it('a failing store gives a RateLimiterError, and nothing is sent', async () => {
    const { server, time, user, accountId } = await seeded()
    const broken: RateLimitStore = {
      acquire: async () => {
        throw new Error('connection refused')
      },
      release: async () => {},
    }
    const ctx = userContext(
      server,
      time,
      { uuid: user.uuid },
      { rateLimiter: createRateLimiter({ store: broken }) },
    )
    const result = await getAccount(ctx, { accountId })()
    expect(result).toEqual({
      _tag: 'Left',
      left: { _tag: 'RateLimiterError', message: "The rate limiter's store failed: connection refused" },
    })
    expect(server.sandbox.requests).toEqual([])
  })

  it('invalid limits give an InputValidationError, and nothing is sent', async () => {
    const { server, time, user, accountId } = await seeded()
    const rateLimiter = createRateLimiter({ limits: { user: { limit: 0, windowMs: 60_000 } } })
    const result = await getAccount(userContext(server, time, { uuid: user.uuid }, { rateLimiter }), {
      accountId,
    })()
    expect(result._tag === 'Left' && result.left).toMatchObject({
      _tag: 'InputValidationError',
      operation: 'createRateLimiter',
      issues: [{ path: 'limits.user' }],
    })
    expect(server.sandbox.requests).toEqual([])
  })

  it('every retry of a request takes a slot of its own', async () => {
    const { server, time, user, accountId } = await seeded()
    server.sandbox.faults.add({
      path: `/v3/aggregation/accounts/${accountId}`,
      type: 'status',
      status: 503,
      times: 1,
    })
    // Two requests per user per minute: the token request and the first attempt fill the window.
    const rateLimiter = createRateLimiter({
      now: time.now,
      sleep: time.sleep,
      limits: { user: { limit: 2, windowMs: 60_000 } },
    })
    const ctx = userContext(
      server,
      time,
      { uuid: user.uuid },
      { rateLimiter, retry: { retries: 1, baseDelayMs: 0 } },
    )
    const result = await getAccount(ctx, { accountId })()
    expect(result._tag).toBe('Right')
    expect(server.sandbox.requests.map((r) => [r.path.split('/').pop(), r.status, r.at - START])).toEqual([
      ['token', 201, 0],
      [String(accountId), 503, 0],
      [String(accountId), 200, 60_000], // the retry waited for the window
    ])
  })

  it('a caller that aborts while waiting gets an AbortError, and the request is never sent', async () => {
    const { server, time, user, accountId } = await seeded()
    const controller = new AbortController()
    const rateLimiter = createRateLimiter({
      now: time.now,
      // The caller gives up as soon as the request has to wait.
      sleep: (ms) => {
        controller.abort()
        return time.sleep(ms)
      },
      limits: { user: { limit: 1, windowMs: 60_000 } },
    })
    const ctx = userContext(server, time, { uuid: user.uuid }, { rateLimiter })
    // The token request takes the only slot; the account request waits, and is aborted.
    expect(await getAccount(ctx, { accountId }, { signal: controller.signal })()).toEqual({
      _tag: 'Left',
      left: { _tag: 'AbortError', message: 'The call was aborted by the caller' },
    })
    expect(server.sandbox.requests.map((r) => r.path)).toEqual(['/v3/aggregation/authorization/token'])
  })

  it('the context keeps the limiter it is given, has none unless given one, and refuses anything else', () => {
    const rateLimiter = createRateLimiter({ store: memoryRateLimitStore() })
    expect(createContext({ clientId: 'id', clientSecret: 'secret' }).rateLimiter).toBeUndefined()
    expect(createContext({ clientId: 'id', clientSecret: 'secret', rateLimiter }).rateLimiter).toBe(
      rateLimiter,
    )
    // Something else given as a limiter makes the context invalid: no call sends anything.
    const wrong = createContext({ clientId: 'id', clientSecret: 'secret', rateLimiter: {} as never })
    expect(wrong.invalid?.issues).toEqual([
      { path: 'rateLimiter', message: 'rateLimiter must come from createRateLimiter' },
    ])
    expect(rateLimiter.limits).toEqual({
      user: { limit: 60, windowMs: 60_000 },
      token: { limit: 10, windowMs: 60_000 },
      application: { limit: 2_000, windowMs: 300_000 },
    })
  })
})
