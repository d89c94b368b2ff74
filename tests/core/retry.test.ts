import { type AddressInfo, createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createContext, createUser, getAccount, getProvider, listTransactions } from '../../src/index.js'
import { testClock } from '../support/clock.js'
import { leftOf } from '../support/either.js'
import { CLIENT, fastRetry, json, provider, recordingFetch, tokenResponse } from './fake-bridge.js'

describe('request primitive: retries', () => {
  it('retries an idempotent GET on 503 and succeeds', async () => {
    const { fetch, requests } = recordingFetch((_r, index) =>
      index === 0 ? json(503, {}) : json(200, provider),
    )
    const result = await getProvider(createContext({ ...CLIENT, fetch, retry: fastRetry }), {
      providerId: 1,
    })()
    expect(result._tag).toBe('Right')
    expect(requests).toHaveLength(2)
  })

  it('gives up after the configured retries and returns the last error', async () => {
    const { fetch, requests } = recordingFetch(() => json(500, { errors: [{ code: 'internal' }] }))
    const result = await getProvider(
      createContext({ ...CLIENT, fetch, retry: { ...fastRetry, retries: 3 } }),
      {
        providerId: 1,
      },
    )()
    expect(leftOf(result)).toMatchObject({ _tag: 'ApiError', status: 500, code: 'internal' })
    expect(requests).toHaveLength(4)
  })

  it('`retry: 0` means exactly one attempt', async () => {
    const { fetch, requests } = recordingFetch(() => json(503, {}))
    await getProvider(createContext({ ...CLIENT, fetch, retry: 0 }), { providerId: 1 })()
    expect(requests).toHaveLength(1)
  })

  it('does not retry a 4xx other than 408/429', async () => {
    const { fetch, requests } = recordingFetch(() => json(404, { errors: [{ code: 'not_found' }] }))
    await getProvider(createContext({ ...CLIENT, fetch, retry: fastRetry }), { providerId: 1 })()
    expect(requests).toHaveLength(1)
  })

  it('waits for Retry-After before retrying a 429', async () => {
    const { fetch, requests } = recordingFetch((_r, index) =>
      index === 0
        ? json(429, { errors: [{ code: 'rate_limited' }] }, { 'retry-after': '1' })
        : json(200, provider),
    )
    const clock = testClock()
    const ctx = createContext({ ...CLIENT, fetch, retry: fastRetry, sleep: clock.sleep })
    const result = await getProvider(ctx, { providerId: 1 })()
    expect(result._tag).toBe('Right')
    expect(requests).toHaveLength(2)
    expect(clock.sleeps).toEqual([1000])
  })

  it('returns the 429 instead of waiting longer than maxRetryAfterMs', async () => {
    const { fetch, requests } = recordingFetch(() => json(429, {}, { 'retry-after': '120' }))
    const result = await getProvider(createContext({ ...CLIENT, fetch, retry: fastRetry }), {
      providerId: 1,
    })()
    expect(leftOf(result)).toMatchObject({ _tag: 'ApiError', status: 429, retryAfter: 120 })
    expect(requests).toHaveLength(1)
  })

  it('never sends a POST twice when the server may have acted (5xx, reset)', async () => {
    const five = recordingFetch(() => json(500, {}))
    await createUser(createContext({ ...CLIENT, fetch: five.fetch, retry: fastRetry }), {})()
    expect(five.requests).toHaveLength(1)

    const reset = recordingFetch(() => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      })
    })
    expect(
      leftOf(await createUser(createContext({ ...CLIENT, fetch: reset.fetch, retry: fastRetry }), {})())._tag,
    ).toBe('NetworkError')
    expect(reset.requests).toHaveLength(1)
  })

  // 408 and 429 say the server did not act on the request, so repeating a POST cannot do it twice;
  // a 5xx may come after the server acted, so a POST is never repeated after one.
  it.each([
    [408, 3],
    [429, 3],
    [500, 1],
    [503, 1],
  ])('a POST answered %i every time is sent exactly %i time(s) with 2 retries', async (status, attempts) => {
    const { fetch, requests } = recordingFetch(() => json(status, { errors: [{ code: 'busy' }] }))
    const ctx = createContext({ ...CLIENT, fetch, retry: { ...fastRetry, retries: 2 } })
    const error = leftOf(await createUser(ctx, { externalUserId: 'user-408' })())
    expect(error).toMatchObject({ _tag: 'ApiError', status })
    expect(requests.map((r) => [r.method, r.path, r.body])).toEqual(
      Array.from({ length: attempts }, () => [
        'POST',
        '/v3/aggregation/users',
        JSON.stringify({ external_user_id: 'user-408' }),
      ]),
    )
  })

  it('retries a POST after a 408 and returns the answer of the second attempt', async () => {
    const { fetch, requests } = recordingFetch((_r, index) =>
      index === 0 ? json(408, {}) : json(201, { uuid: 'de305d54-75b4-431b-adb2-eb6b9e546014' }),
    )
    const result = await createUser(createContext({ ...CLIENT, fetch, retry: fastRetry }), {})()
    expect(result).toMatchObject({ _tag: 'Right', right: { uuid: 'de305d54-75b4-431b-adb2-eb6b9e546014' } })
    expect(requests.map((r) => r.method)).toEqual(['POST', 'POST'])
  })

  it('retries a POST on 429 and on a refused connection (the server did not act)', async () => {
    const limited = recordingFetch((_r, index) => (index === 0 ? json(429, {}) : json(201, { uuid: 'u' })))
    expect(
      (await createUser(createContext({ ...CLIENT, fetch: limited.fetch, retry: fastRetry }), {})())._tag,
    ).toBe('Right')
    expect(limited.requests).toHaveLength(2)

    const refused = recordingFetch((_r, index) => {
      if (index === 0)
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
        })
      return json(201, { uuid: 'u' })
    })
    expect(
      (await createUser(createContext({ ...CLIENT, fetch: refused.fetch, retry: fastRetry }), {})())._tag,
    ).toBe('Right')
    expect(refused.requests).toHaveLength(2)
  })
})

describe('bounds: timers, Retry-After, permanent failures', () => {
  const MAX_TIMER = 2 ** 31 - 1

  it.each([
    ['timeoutMs', { timeoutMs: MAX_TIMER + 1 }],
    ['timeoutMs', { timeoutMs: Number.POSITIVE_INFINITY }],
    ['retry.maxRetryAfterMs', { retry: { maxRetryAfterMs: 2 ** 40 } }],
    ['retry.maxDelayMs', { retry: { maxDelayMs: MAX_TIMER + 1 } }],
    ['retry.baseDelayMs', { retry: { baseDelayMs: -1 } }],
    ['maxResponseBytes', { maxResponseBytes: -1 }],
    ['maxResponseBytes', { maxResponseBytes: Number.NaN }],
  ])('refuses %s out of range (%j): an InputValidationError, nothing sent', async (path, options) => {
    const { fetch, requests } = recordingFetch(() => json(200, provider))
    const ctx = createContext({ ...CLIENT, fetch, ...options })
    expect(ctx.invalid?.issues.map((issue) => issue.path)).toEqual([path])
    expect(leftOf(await getProvider(ctx, { providerId: 1 })())).toEqual(ctx.invalid)
    expect(requests).toHaveLength(0)
  })

  it('accepts the largest timer delay, and refuses a per-call timeoutMs above it without sending', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, provider))
    const ctx = createContext({
      ...CLIENT,
      fetch,
      timeoutMs: MAX_TIMER,
      retry: { maxRetryAfterMs: MAX_TIMER },
    })
    expect(ctx.invalid).toBeUndefined()
    expect((await getProvider(ctx, { providerId: 1 })())._tag).toBe('Right')
    const error = leftOf(await getProvider(ctx, { providerId: 1 }, { timeoutMs: 2 ** 32 })())
    expect(error).toMatchObject({
      _tag: 'InputValidationError',
      operation: 'getProvider',
      issues: [{ path: 'timeoutMs' }],
    })
    expect(requests).toHaveLength(1)
  })

  it.each([
    ['timeoutMs', { timeoutMs: -1 }],
    ['language', { language: 'fr\r\nx-evil: 1' }],
    ['signal', { signal: 'stop' }],
    ['onRawResponse', { onRawResponse: 'log' }],
  ])(
    'bad call options (%s) on a user endpoint: an InputValidationError before any request, token request included',
    async (path, options) => {
      const { fetch, requests } = recordingFetch(() => tokenResponse('2099-01-01T00:00:00Z'))
      const ctx = createContext({ ...CLIENT, fetch, user: { externalUserId: 'user-001' } })
      const expected = {
        _tag: 'InputValidationError',
        operation: 'getAccount',
        issues: [{ path }],
      }
      expect(leftOf(await getAccount(ctx, { accountId: 1 }, options as never)())).toMatchObject(expected)
      const items = []
      for await (const item of listTransactions(ctx, {}, options as never)) items.push(item)
      expect(items).toMatchObject([{ _tag: 'Left', left: { ...expected, operation: 'listTransactions' } }])
      expect(requests).toHaveLength(0)
    },
  )

  it.each(['-1', '-100', 'soon', '1e3'])(
    'a Retry-After of %j is treated as absent: normal backoff, not "retry now", and not reported',
    async (value) => {
      const { fetch, requests } = recordingFetch((_r, index) =>
        index === 0 ? json(503, {}, { 'retry-after': value }) : json(200, provider),
      )
      const clock = testClock()
      const retry = { retries: 1, baseDelayMs: 100, maxDelayMs: 100 }
      const ctx = createContext({ ...CLIENT, fetch, retry, sleep: clock.sleep })
      const result = await getProvider(ctx, { providerId: 1 })()
      expect(result._tag).toBe('Right')
      expect(requests).toHaveLength(2)
      // Full jitter in (0, 100) ms: a backoff, not the 0 ms a "Retry-After: 0" would give.
      expect(clock.sleeps).toHaveLength(1)
      expect(clock.sleeps[0]).toBeGreaterThan(0)
      expect(clock.sleeps[0]).toBeLessThan(100)
      const limited = recordingFetch(() => json(429, {}, { 'retry-after': value }))
      const error = leftOf(
        await getProvider(createContext({ ...CLIENT, fetch: limited.fetch, retry: 0 }), { providerId: 1 })(),
      )
      expect(error).toMatchObject({ _tag: 'ApiError', status: 429 })
      expect(error).not.toHaveProperty('retryAfter')
    },
  )

  it('a Retry-After HTTP date is read as the seconds until then', async () => {
    const { fetch } = recordingFetch(() =>
      json(429, {}, { 'retry-after': new Date(Date.now() + 120_000).toUTCString() }),
    )
    const error = leftOf(
      await getProvider(createContext({ ...CLIENT, fetch, retry: 0 }), { providerId: 1 })(),
    )
    expect(error).toMatchObject({ _tag: 'ApiError', status: 429 })
    expect((error as { retryAfter: number }).retryAfter).toBeGreaterThan(100)
    expect((error as { retryAfter: number }).retryAfter).toBeLessThanOrEqual(120)
  })

  /** A loopback port nothing listens on (bound, then closed). */
  const closedPort = async (): Promise<number> => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    await new Promise((resolve) => server.close(resolve))
    return port
  }

  /** A fetch that counts its calls and hands them to the runtime's real fetch. */
  const countingFetch = () => {
    let calls = 0
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      calls += 1
      return globalThis.fetch(input, init)
    }) as typeof globalThis.fetch
    return { fetch, calls: () => calls }
  }

  it('a bad port is a permanent failure: one attempt, not retried', async () => {
    const counter = countingFetch()
    // 6000 (X11) is on the fetch standard's list of bad ports.
    const ctx = createContext({
      ...CLIENT,
      fetch: counter.fetch,
      baseUrl: 'http://127.0.0.1:6000',
      retry: { ...fastRetry, retries: 3 },
    })
    const error = leftOf(await getProvider(ctx, { providerId: 1 })())
    expect(error).toMatchObject({
      _tag: 'NetworkError',
      message: 'The runtime refused to send the request (not retried): bad port',
    })
    expect(counter.calls()).toBe(1)
  })

  it('an invalid header value is a permanent failure: one attempt, not retried, secret not quoted', async () => {
    const attempts: number[] = []
    let calls = 0
    // What undici throws for a header value it refuses, quoting the value (here, the secret).
    const refusing = (() => {
      calls += 1
      return Promise.reject(
        new TypeError(`Headers.set: "${CLIENT.clientSecret} x" is an invalid header value.`),
      )
    }) as typeof globalThis.fetch
    const ctx = createContext({
      ...CLIENT,
      fetch: refusing,
      retry: { ...fastRetry, retries: 3 },
      hooks: { onRequest: (event) => attempts.push(event.attempt) },
    })
    const error = leftOf(await getProvider(ctx, { providerId: 1 })())
    expect(error._tag).toBe('NetworkError')
    expect(error.message).toMatch(
      /^The runtime refused to send the request \(not retried\): .*invalid header value/,
    )
    expect(error.message).not.toContain(String(CLIENT.clientSecret))
    expect(attempts).toEqual([1])
    expect(calls).toBe(1)
  })

  it('a per-call language with CR/LF is an InputValidationError: nothing sent', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, provider))
    const ctx = createContext({ ...CLIENT, fetch })
    const error = leftOf(await getProvider(ctx, { providerId: 1 }, { language: 'fr\r\nX-Injected: 1' })())
    expect(error).toMatchObject({ _tag: 'InputValidationError', issues: [{ path: 'language' }] })
    expect(requests).toHaveLength(0)
  })

  it('a refused connection is still a network failure, retried', async () => {
    const counter = countingFetch()
    const ctx = createContext({
      ...CLIENT,
      fetch: counter.fetch,
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      retry: { ...fastRetry, retries: 3 },
    })
    const error = leftOf(await getProvider(ctx, { providerId: 1 })())
    expect(error).toMatchObject({ _tag: 'NetworkError' })
    expect(error.message).toMatch(/^Network failure/)
    expect(counter.calls()).toBe(4)
  })
})

describe('injected sleep', () => {
  it('a sleep that throws ends the retries with the last outcome instead of throwing', async () => {
    const { fetch, requests } = recordingFetch(() => json(503, {}))
    const sleep = async () => {
      throw new Error('broken test clock')
    }
    const ctx = createContext({ ...CLIENT, fetch, retry: fastRetry, sleep })
    const result = await getProvider(ctx, { providerId: 1 })()
    expect(leftOf(result)).toMatchObject({ _tag: 'ApiError', status: 503 })
    expect(requests).toHaveLength(1)
  })

  it('a sleep that resolves false is an abort', async () => {
    const { fetch, requests } = recordingFetch(() => json(503, {}))
    const ctx = createContext({ ...CLIENT, fetch, retry: fastRetry, sleep: async () => false })
    expect(leftOf(await getProvider(ctx, { providerId: 1 })())._tag).toBe('AbortError')
    expect(requests).toHaveLength(1)
  })
})
