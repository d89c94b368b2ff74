/**
 * App-provided stores that never answer, or answer nonsense: every call still ends, with a typed
 * Left, and nothing is sent to Bridge (through an injected, recording fetch).
 */
import { describe, expect, it } from 'vitest'
import {
  createContext,
  createRateLimiter,
  getAccount,
  type RateLimitStore,
  type TokenStore,
} from '../../src/index.js'
import { account, CLIENT, json, recordingFetch, tokenResponse } from './fake-bridge.js'

const HOUR = 3_600_000
const never = () => new Promise<never>(() => {})

/** A fake Bridge answering token requests and account reads. */
const bridge = () =>
  recordingFetch(async (request) =>
    request.path.endsWith('/token')
      ? tokenResponse(new Date(Date.now() + 2 * HOUR).toISOString())
      : json(200, account(1)),
  )

const context = (
  fetch: typeof globalThis.fetch,
  stores: { tokenStore?: TokenStore; rateLimitStore?: RateLimitStore; sleep?: (ms: number) => Promise<void> },
) =>
  createContext({
    ...CLIENT,
    fetch,
    retry: 0,
    user: { externalUserId: 'u-1' },
    ...(stores.tokenStore ? { tokenStore: stores.tokenStore } : {}),
    ...(stores.rateLimitStore
      ? {
          rateLimiter: createRateLimiter({
            store: stores.rateLimitStore,
            ...(stores.sleep ? { sleep: stores.sleep } : {}),
          }),
        }
      : {}),
  })

/** The call's result, or `hung` if it has not ended 2 s after the test's deadline would have passed. */
const within2s = <T>(task: Promise<T>): Promise<T | 'hung'> =>
  Promise.race([task, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 2_000))])

const hangingRateLimitStore: RateLimitStore = { acquire: never, release: never }
const hangingTokenStore: TokenStore = { get: never, set: never, delete: never }

describe('a store that never answers', () => {
  it.each([
    ['rate-limit store', { rateLimitStore: hangingRateLimitStore }],
    ['token store', { tokenStore: hangingTokenStore }],
  ])('%s: the caller’s abort ends the call with an AbortError', async (_, stores) => {
    const recorder = bridge()
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const result = await within2s(
      getAccount(context(recorder.fetch, stores), { accountId: 1 }, { signal: controller.signal })(),
    )
    expect(result).toEqual({
      _tag: 'Left',
      left: { _tag: 'AbortError', message: 'The call was aborted by the caller' },
    })
    expect(recorder.requests).toHaveLength(0)
  })

  it('rate-limit store: the timeout ends the call with a RateLimiterError', async () => {
    const recorder = bridge()
    // The first request is the token request, which has the context's timeout (it may serve several calls).
    const ctx = createContext({
      ...CLIENT,
      fetch: recorder.fetch,
      user: { externalUserId: 'u-1' },
      timeoutMs: 100,
      rateLimiter: createRateLimiter({ store: hangingRateLimitStore }),
    })
    const result = await within2s(getAccount(ctx, { accountId: 1 })())
    expect(result).toEqual({
      _tag: 'Left',
      left: { _tag: 'RateLimiterError', message: "The rate limiter's store did not answer within 100 ms" },
    })
    expect(recorder.requests).toHaveLength(0)
  })

  it('token store: the call’s timeout ends it with an AuthenticationError (token_store)', async () => {
    const recorder = bridge()
    const ctx = context(recorder.fetch, { tokenStore: hangingTokenStore })
    const result = await within2s(getAccount(ctx, { accountId: 1 }, { timeoutMs: 100 })())
    expect(result).toEqual({
      _tag: 'Left',
      left: {
        _tag: 'AuthenticationError',
        reason: 'token_store',
        message: 'The token store did not answer within 100 ms',
      },
    })
    expect(recorder.requests).toHaveLength(0)
  })
})

describe('a store answering nonsense', () => {
  it.each([
    ['undefined', undefined, 'answer'],
    ['a non-numeric retryAt', { granted: false, retryAt: 'soon' }, 'retryAt'],
    ['a NaN retryAt', { granted: false, retryAt: Number.NaN }, 'retryAt'],
  ])('rate-limit store answering %s: one store call, a RateLimiterError', async (_, answer, path) => {
    const recorder = bridge()
    let calls = 0
    const store = {
      acquire: async () => {
        calls += 1
        return answer
      },
      release: async () => {},
    } as unknown as RateLimitStore
    const result = await within2s(
      getAccount(context(recorder.fetch, { rateLimitStore: store }), { accountId: 1 })(),
    )
    expect(result).toEqual({
      _tag: 'Left',
      left: {
        _tag: 'RateLimiterError',
        message: `The rate limiter's store answered something invalid (at ${path})`,
      },
    })
    expect(calls).toBe(1)
    expect(recorder.requests).toHaveLength(0)
  })

  it('token store answering a token without an accessToken string: an AuthenticationError, not a TypeError', async () => {
    const recorder = bridge()
    const store = {
      get: async () => ({ accessToken: 42, expiresAt: '2030-01-01T00:00:00Z' }),
      set: async () => {},
      delete: async () => {},
    } as unknown as TokenStore
    const result = await getAccount(context(recorder.fetch, { tokenStore: store }), { accountId: 1 })()
    expect(result).toEqual({
      _tag: 'Left',
      left: {
        _tag: 'AuthenticationError',
        reason: 'token_store',
        message: 'The token store answered something invalid (at accessToken)',
      },
    })
    expect(recorder.requests).toHaveLength(0)
  })

  it('token store answering null (as Redis and KV clients say "missing"): a miss, the SDK authenticates', async () => {
    const recorder = bridge()
    const written: unknown[] = []
    const store = {
      get: async () => null,
      set: async (_: string, token: unknown) => {
        written.push(token)
      },
      delete: async () => {},
    } as unknown as TokenStore
    const result = await getAccount(context(recorder.fetch, { tokenStore: store }), { accountId: 1 })()
    expect(result._tag).toBe('Right')
    expect(recorder.requests.map((request) => request.path)).toEqual([
      '/v3/aggregation/authorization/token',
      '/v3/aggregation/accounts/1',
    ])
    expect(written).toHaveLength(1)
  })
})

describe('window sizes and waits', () => {
  it('a window longer than a day is refused as an input error, and no store call or request is made', async () => {
    const recorder = bridge()
    let calls = 0
    const store: RateLimitStore = {
      acquire: async () => {
        calls += 1
        return { granted: true }
      },
      release: async () => {},
    }
    const ctx = createContext({
      ...CLIENT,
      fetch: recorder.fetch,
      user: { externalUserId: 'u-1' },
      rateLimiter: createRateLimiter({ store, limits: { user: { limit: 1, windowMs: 2 ** 32 } } }),
    })
    const result = await getAccount(ctx, { accountId: 1 })()
    expect(result._tag === 'Left' && result.left._tag).toBe('InputValidationError')
    expect(result._tag === 'Left' && 'issues' in result.left && result.left.issues).toEqual([
      {
        path: 'limits.user',
        message: 'limits.user needs an integer limit ≥ 1 and an integer windowMs from 1 to 86400000',
      },
    ])
    expect(calls).toBe(0)
    expect(recorder.requests).toHaveLength(0)
  })

  it('a store’s retryAt beyond what a timer can wait is clamped to 2^31 - 1 ms, not fired at once', async () => {
    let calls = 0
    const store: RateLimitStore = {
      acquire: async (_, request) => {
        calls += 1
        return { granted: false, retryAt: request.now + 2 ** 32 }
      },
      release: async () => {},
    }
    const controller = new AbortController()
    const waits: number[] = []
    const sleep = async (ms: number) => {
      waits.push(ms)
      controller.abort()
    }
    const limiter = createRateLimiter({ store, sleep })
    const slot = await limiter.acquire(
      { clientId: 'app', user: 'u-1' },
      { maxDurationMs: 1_000, signal: controller.signal },
    )
    expect(slot._tag === 'Left' && slot.left._tag).toBe('AbortError')
    expect(waits).toEqual([2 ** 31 - 1])
    expect(calls).toBe(1)
  })
})
