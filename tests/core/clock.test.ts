/**
 * The one clock of a context: a clock that throws (in the engine or in the rate limiter) ends the call
 * with a typed Left, never a rejection, and the limiter waits on the context's clock unless given its own.
 */
import { describe, expect, it } from 'vitest'
import {
  createContext,
  createRateLimiter,
  getAccount,
  memoryTokenStore,
  type RateLimitStore,
} from '../../src/index.js'
import { account, CLIENT, json, recordingFetch, tokenResponse } from './fake-bridge.js'

const HOUR = 3_600_000

const bridge = () =>
  recordingFetch(async (request) =>
    request.path.endsWith('/token')
      ? tokenResponse(new Date(Date.now() + 2 * HOUR).toISOString())
      : json(200, account(1)),
  )

/** A store that refuses the first request for 10 ms, then grants everything: the limiter must wait once. */
const busyOnce = (): RateLimitStore => {
  let refused = false
  return {
    acquire: async (_, request) => {
      if (refused) return { granted: true }
      refused = true
      return { granted: false, retryAt: request.now + 10 }
    },
    release: async () => {},
  }
}

const boom = () => {
  throw new Error('clock broke')
}

describe('a clock that throws gives a Left, never a rejection', () => {
  it('a rate limiter whose sleep throws: RateLimiterError, and only the token request was sent', async () => {
    const recorder = bridge()
    const ctx = createContext({
      ...CLIENT,
      fetch: recorder.fetch,
      retry: 0,
      user: { externalUserId: 'u-1' },
      rateLimiter: createRateLimiter({ store: busyOnce(), sleep: boom }),
    })
    const result = await getAccount(ctx, { accountId: 1 })()
    expect(result._tag).toBe('Left')
    expect(result._tag === 'Left' && result.left._tag).toBe('RateLimiterError')
    expect(result._tag === 'Left' && result.left.message).toContain('clock')
    expect(recorder.requests.some((request) => request.path.endsWith('/accounts/1'))).toBe(false)
  })

  it('a rate limiter whose now throws: RateLimiterError, nothing sent', async () => {
    const recorder = bridge()
    const ctx = createContext({
      ...CLIENT,
      fetch: recorder.fetch,
      retry: 0,
      user: { externalUserId: 'u-1' },
      rateLimiter: createRateLimiter({ now: boom }),
    })
    const result = await getAccount(ctx, { accountId: 1 })()
    expect(result._tag === 'Left' && result.left._tag).toBe('RateLimiterError')
    expect(recorder.requests).toHaveLength(0)
  })

  it('a context whose now throws: InputValidationError on `clock`, nothing sent', async () => {
    const recorder = bridge()
    const tokenStore = memoryTokenStore()
    const options = { ...CLIENT, fetch: recorder.fetch, user: { externalUserId: 'u-1' }, tokenStore }
    // A stored token, whose freshness is then read on the clock.
    expect((await getAccount(createContext(options), { accountId: 1 })())._tag).toBe('Right')
    recorder.requests.length = 0
    const ctx = createContext({ ...options, now: boom })
    const result = await getAccount(ctx, { accountId: 1 })()
    expect(result._tag === 'Left' && result.left._tag).toBe('InputValidationError')
    expect(
      result._tag === 'Left' && result.left._tag === 'InputValidationError' && result.left.issues,
    ).toEqual([{ path: 'clock', message: 'the clock failed: clock broke' }])
    expect(recorder.requests).toHaveLength(0)
  })

  it('a context clock that gives no number (NaN) is refused the same way', async () => {
    const recorder = bridge()
    const tokenStore = memoryTokenStore()
    const options = { ...CLIENT, fetch: recorder.fetch, user: { externalUserId: 'u-1' }, tokenStore }
    expect((await getAccount(createContext(options), { accountId: 1 })())._tag).toBe('Right')
    recorder.requests.length = 0
    const ctx = createContext({ ...options, clock: { now: () => Number.NaN, sleep: async () => true } })
    const result = await getAccount(ctx, { accountId: 1 })()
    expect(result._tag === 'Left' && result.left._tag).toBe('InputValidationError')
    expect(recorder.requests).toHaveLength(0)
  })
})

describe('one clock per context', () => {
  it('a limiter without a clock of its own waits on the context’s clock', async () => {
    const recorder = bridge()
    const waits: number[] = []
    const ctx = createContext({
      ...CLIENT,
      fetch: recorder.fetch,
      retry: 0,
      user: { externalUserId: 'u-1' },
      clock: {
        now: () => Date.now(),
        sleep: async (ms) => {
          waits.push(ms)
          return true
        },
      },
      rateLimiter: createRateLimiter({ store: busyOnce() }),
    })
    const result = await getAccount(ctx, { accountId: 1 })()
    expect(result._tag).toBe('Right')
    // The token request waited; the account read did not.
    expect(waits).toHaveLength(1)
    expect(waits[0]).toBeGreaterThanOrEqual(1)
    expect(waits[0]).toBeLessThanOrEqual(10)
  })

  it('createContext refuses a clock without now and sleep', () => {
    const ctx = createContext({ ...CLIENT, clock: { now: () => 1 } as never })
    expect(ctx.invalid?.issues).toEqual([{ path: 'clock', message: 'clock must have now and sleep methods' }])
  })
})
