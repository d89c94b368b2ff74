import { createFetch } from 'ofetch'
import { describe, expect, it } from 'vitest'
import {
  type BridgeError,
  createContext,
  createUser,
  formatError,
  getAccount,
  getProvider,
  getUser,
  listProviders,
  listTransactions,
  type RequestEvent,
  type ResponseEvent,
  withResponse,
} from '../../src/index.js'
import { leftOf } from '../support/either.js'
import {
  ACCESS_TOKEN,
  account,
  CLIENT,
  json,
  provider,
  recordingFetch,
  tokenResponse,
} from './fake-bridge.js'

describe('request primitive: headers and encoding', () => {
  it('sends the version, client credentials and Accept, no Authorization and no body on a client GET', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, provider))
    const ctx = createContext({ ...CLIENT, fetch })
    const result = await getProvider(ctx, { providerId: 574 })()
    expect(result).toEqual({ _tag: 'Right', right: provider })
    const [request] = requests
    expect(request?.method).toBe('GET')
    expect(request?.path).toBe('/v3/providers/574')
    expect(request?.headers.get('bridge-version')).toBe('2025-01-15')
    expect(request?.headers.get('client-id')).toBe(CLIENT.clientId)
    expect(request?.headers.get('client-secret')).toBe(CLIENT.clientSecret)
    expect(request?.headers.get('accept')).toBe('application/json')
    expect(request?.headers.has('authorization')).toBe(false)
    expect(request?.headers.has('accept-language')).toBe(false)
    expect(request?.body).toBeNull()
  })

  it('sends Accept-Language from the context, overridden per call', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, provider))
    const ctx = createContext({ ...CLIENT, fetch, language: 'fr' })
    await getProvider(ctx, { providerId: 1 })()
    await getProvider(ctx, { providerId: 1 }, { language: 'en' })()
    expect(requests.map((r) => r.headers.get('accept-language'))).toEqual(['fr', 'en'])
  })

  it('sends a JSON body with Content-Type on POST', async () => {
    const { fetch, requests } = recordingFetch(() =>
      json(201, { uuid: 'u-1', external_user_id: 'customer-42' }),
    )
    const ctx = createContext({ ...CLIENT, fetch })
    const result = await createUser(ctx, { externalUserId: 'customer-42' })()
    expect(result).toEqual({ _tag: 'Right', right: { uuid: 'u-1', external_user_id: 'customer-42' } })
    expect(requests[0]?.method).toBe('POST')
    expect(requests[0]?.path).toBe('/v3/aggregation/users')
    expect(requests[0]?.headers.get('content-type')).toBe('application/json')
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ external_user_id: 'customer-42' })
  })

  it('encodes dates as ISO 8601, lists as an endpoint declares them, and leaves undefined out', async () => {
    const { fetch, requests } = recordingFetch((request) =>
      request.path.endsWith('/token')
        ? tokenResponse('2099-01-01T00:00:00.000Z')
        : json(200, { resources: [], pagination: { next_uri: null } }),
    )
    const ctx = createContext({ ...CLIENT, fetch, user: { externalUserId: 'user-001' } })
    for await (const _ of listTransactions(ctx, {
      accountId: 42,
      since: new Date('2026-01-02T03:04:05.678Z'),
      minDate: '2026-01-01',
      maxDate: new Date('2026-02-03T23:00:00Z'),
      until: undefined,
      limit: 500,
    })) {
      // empty list
    }
    const list = requests[1]
    expect(list?.path).toBe('/v3/aggregation/transactions')
    expect([...(list?.query.entries() ?? [])]).toEqual([
      ['account_id', '42'],
      ['since', '2026-01-02T03:04:05.678Z'],
      ['min_date', '2026-01-01'],
      ['max_date', '2026-02-03'],
      ['limit', '500'],
    ])

    for await (const _ of listProviders(ctx, { countryCode: ['FR', 'DE'], capabilities: 'aggregation' })) {
      // empty list
    }
    // listProviders sends its lists comma-separated, as Bridge documents them.
    expect(requests[2]?.query.getAll('country_code')).toEqual(['FR,DE'])
    expect(requests[2]?.query.getAll('capabilities')).toEqual(['aggregation'])
  })

  it('percent-encodes path values so they cannot add segments, a query or a fragment', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, { uuid: 'x' }))
    const ctx = createContext({ ...CLIENT, fetch })
    await getUser(ctx, { userUuid: 'a/b?c=d#e f' })()
    expect(new URL(`https://h${requests[0]?.path}`).pathname).toBe(
      '/v3/aggregation/users/a%2Fb%3Fc%3Dd%23e%20f',
    )
    expect([...(requests[0]?.query.keys() ?? [])]).toEqual([])
  })

  const recorder = recordingFetch(() => json(200, {}))
  const ctx = createContext({ ...CLIENT, fetch: recorder.fetch, user: { externalUserId: 'u' } })
  it.each([
    ['a negative id', () => getAccount(ctx, { accountId: -1 }), 'accountId'],
    ['a non-integer id', () => getAccount(ctx, { accountId: 1.5 }), 'accountId'],
    ['a `..` segment', () => getUser(ctx, { userUuid: '..' }), 'userUuid'],
    ['an empty id', () => getUser(ctx, { userUuid: '' }), 'userUuid'],
  ])('refuses %s with an InputValidationError and sends nothing', async (_name, call, path) => {
    const error = leftOf(await call()())
    expect(recorder.requests).toHaveLength(0)
    expect(error._tag).toBe('InputValidationError')
    expect(error._tag === 'InputValidationError' && error.issues.map((issue) => issue.path)).toEqual([path])
  })

  it('refuses bad list parameters before any request', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, {}))
    const ctx = createContext({ ...CLIENT, fetch, user: { externalUserId: 'u' } })
    for (const params of [{ limit: 0 }, { limit: 501 }, { since: 'yesterday' }, { minDate: '2026-13-45' }]) {
      const results = []
      for await (const item of listTransactions(ctx, params)) results.push(item)
      expect(results).toHaveLength(1)
      expect(leftOf(results[0]!)._tag).toBe('InputValidationError')
    }
    expect(requests).toHaveLength(0)
  })
})

describe('request primitive: errors', () => {
  const call = async (respond: Parameters<typeof recordingFetch>[0], retry = 0) => {
    const { fetch } = recordingFetch(respond)
    return leftOf(await getProvider(createContext({ ...CLIENT, fetch, retry }), { providerId: 1 })())
  }

  it('maps a 2025-01-15 error body, with request id and Retry-After', async () => {
    const error = await call(() =>
      json(
        404,
        { errors: [{ code: 'not_found', message: "The requested resource doesn't exist" }] },
        {
          'x-request-id': 'req-42',
          'retry-after': '7',
        },
      ),
    )
    expect(error).toEqual({
      _tag: 'ApiError',
      status: 404,
      code: 'not_found',
      message: "The requested resource doesn't exist",
      method: 'GET',
      path: '/v3/providers/1',
      requestId: 'req-42',
      retryAfter: 7,
      body: {
        format: '2025-01-15',
        errors: [{ code: 'not_found', message: "The requested resource doesn't exist" }],
      },
    })
  })

  it('maps a 2021-06-01 error body', async () => {
    const error = await call(() =>
      json(409, { type: 'conflict', message: "User 'x' already exists", documentation_url: null }),
    )
    expect(error).toMatchObject({
      _tag: 'ApiError',
      status: 409,
      code: 'conflict',
      message: "User 'x' already exists",
      body: {
        format: '2021-06-01',
        type: 'conflict',
        message: "User 'x' already exists",
        documentation_url: null,
      },
    })
  })

  it('still gives an ApiError for a non-JSON error body (an HTML error page)', async () => {
    const error = await call(
      () =>
        new Response('<html><body>502 Bad Gateway</body></html>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
    )
    expect(error).toMatchObject({
      _tag: 'ApiError',
      status: 502,
      message: 'Bridge answered HTTP 502',
      body: { format: 'raw', text: '<html><body>502 Bad Gateway</body></html>' },
    })
  })

  it('gives a ResponseValidationError for invalid JSON on a 2xx', async () => {
    const error = await call(() => new Response('{"id": 574, "name": "Demo', { status: 200 }))
    expect(error).toMatchObject({
      _tag: 'ResponseValidationError',
      status: 200,
      issues: [{ path: '', message: 'the body is not valid JSON' }],
      body: '{"id": 574, "name": "Demo',
    })
  })

  it('gives a ResponseValidationError with the path of a missing or mistyped field', async () => {
    const error = await call(() =>
      json(200, { ...provider, country_code: undefined, capabilities: ['x', 7] }),
    )
    expect(error._tag).toBe('ResponseValidationError')
    expect(error._tag === 'ResponseValidationError' && error.issues.map((issue) => issue.path)).toEqual([
      'country_code',
      'capabilities.1',
    ])
  })

  it('gives a NetworkError when fetch fails', async () => {
    const error = await call(() => {
      throw new TypeError('fetch failed', { cause: new Error('read ECONNRESET') })
    })
    expect(error).toMatchObject({ _tag: 'NetworkError', method: 'GET', path: '/v3/providers/1' })
    expect(error.message).toContain('ECONNRESET')
  })

  it('gives a TimeoutError when no answer comes in time', async () => {
    const slow = (_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
      })
    const ctx = createContext({ ...CLIENT, fetch: slow as typeof fetch, timeoutMs: 30, retry: 0 })
    const error = leftOf(await getProvider(ctx, { providerId: 1 })())
    expect(error).toMatchObject({ _tag: 'TimeoutError', timeoutMs: 30 })
  })

  it('gives an AbortError when the caller aborts, and sends nothing if already aborted', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, provider))
    const ctx = createContext({ ...CLIENT, fetch })
    const controller = new AbortController()
    controller.abort()
    expect(leftOf(await getProvider(ctx, { providerId: 1 }, { signal: controller.signal })())._tag).toBe(
      'AbortError',
    )
    expect(requests).toHaveLength(0)

    const hanging = (_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
      })
    const later = new AbortController()
    setTimeout(() => later.abort(), 20)
    const slowCtx = createContext({ ...CLIENT, fetch: hanging as typeof fetch })
    expect(leftOf(await getProvider(slowCtx, { providerId: 1 }, { signal: later.signal })())._tag).toBe(
      'AbortError',
    )
  })

  it('formats errors on one line', () => {
    const error: BridgeError = {
      _tag: 'NetworkError',
      method: 'GET',
      path: '/v3/x',
      message: 'Network failure',
    }
    expect(formatError(error)).toBe('NetworkError: Network failure (GET /v3/x)')
  })
})

describe('hooks and raw responses', () => {
  it('reports requests and responses with secrets redacted, and survives a throwing hook', async () => {
    const requests: RequestEvent[] = []
    const responses: ResponseEvent[] = []
    const { fetch } = recordingFetch((request) =>
      request.path.endsWith('/token') ? tokenResponse('2099-01-01T00:00:00Z') : json(200, account(7)),
    )
    const ctx = createContext({
      ...CLIENT,
      fetch,
      user: { uuid: 'de305d54-75b4-431b-adb2-eb6b9e546014' },
      hooks: {
        onRequest: (event) => {
          requests.push(event)
          throw new Error('hook bug')
        },
        onResponse: (event) => responses.push(event),
      },
    })
    const result = await getAccount(ctx, { accountId: 7 })()
    expect(result._tag).toBe('Right')
    expect(requests.map((event) => [event.operation, event.method, event.url])).toEqual([
      ['authenticate', 'POST', 'https://api.bridgeapi.io/v3/aggregation/authorization/token'],
      ['getAccount', 'GET', 'https://api.bridgeapi.io/v3/aggregation/accounts/7'],
    ])
    expect(requests[1]?.headers['client-secret']).toBe('[redacted]')
    expect(requests[1]?.headers.authorization).toBe('Bearer [redacted]')
    expect(responses.map((event) => event.status)).toEqual([201, 200])
    const serialized = JSON.stringify([requests, responses])
    expect(serialized).not.toContain(CLIENT.clientSecret)
    expect(serialized).not.toContain('tok-0000')
  })

  it('withResponse gives the data and the raw response', async () => {
    const { fetch } = recordingFetch(() => json(200, provider, { 'x-request-id': 'abc' }))
    const result = await withResponse(getProvider)(createContext({ ...CLIENT, fetch }), { providerId: 574 })()
    expect(result._tag).toBe('Right')
    if (result._tag !== 'Right') return
    expect(result.right.data).toEqual(provider)
    expect(result.right.response.status).toBe(200)
    expect(result.right.response.headers['x-request-id']).toBe('abc')
    expect(JSON.parse(result.right.response.body)).toEqual(provider)
  })
})

describe('transport: ofetch', () => {
  it("sends through the user's ofetch instance ($fetch, e.g. Nuxt's): its interceptors run", async () => {
    const { fetch, requests } = recordingFetch(() => json(200, provider))
    const seen: string[] = []
    const $fetch = createFetch({ fetch }).create({
      onRequest: ({ request, options }) => {
        seen.push(`request ${String(request)}`)
        // An interceptor may still add a header of its own (tracing…): it sees every request.
        options.headers.set('x-app', 'nuxt')
      },
      onResponse: ({ response }) => {
        seen.push(`response ${response.status}`)
      },
    })
    const ctx = createContext({ ...CLIENT, $fetch })
    expect(await getProvider(ctx, { providerId: 574 })()).toEqual({ _tag: 'Right', right: provider })
    expect(await getProvider(ctx, { providerId: 575 })()).toEqual({ _tag: 'Right', right: provider })
    expect(seen).toEqual([
      'request /v3/providers/574',
      'response 200',
      'request /v3/providers/575',
      'response 200',
    ])
    expect(requests.map((request) => request.headers.get('x-app'))).toEqual(['nuxt', 'nuxt'])
    expect(requests[0]?.headers.get('client-secret')).toBe(CLIENT.clientSecret)
  })

  it("keeps its own rules over the user instance's: base URL, no redirects, no ofetch retries", async () => {
    const { fetch, requests } = recordingFetch(
      () => new Response(null, { status: 302, headers: { location: 'https://evil.example/' } }),
    )
    const $fetch = createFetch({ fetch }).create({
      baseURL: 'https://elsewhere.example',
      retry: 5,
      redirect: 'follow',
    })
    const error = leftOf(
      await getProvider(createContext({ ...CLIENT, $fetch, retry: 0 }), { providerId: 1 })(),
    )
    expect(error).toMatchObject({ _tag: 'RedirectError', status: 302, location: 'https://evil.example/' })
    expect(requests).toHaveLength(1)
    expect(requests[0]?.path).toBe('/v3/providers/1')
    const recorded = recordingFetch(() => json(503, {}))
    const noRetry = createFetch({ fetch: recorded.fetch }).create({ retry: 5 })
    await getProvider(createContext({ ...CLIENT, $fetch: noRetry, retry: 0 }), { providerId: 1 })()
    expect(recorded.requests).toHaveLength(1)
  })

  it('makes one ofetch instance per context, on first use', async () => {
    const { fetch } = recordingFetch(() => json(200, provider))
    const base = createFetch({ fetch })
    let created = 0
    const $fetch = Object.assign(base.bind(null), base, {
      create: (...args: Parameters<typeof base.create>) => {
        created += 1
        return base.create(...args)
      },
    }) as typeof base
    const ctx = createContext({ ...CLIENT, $fetch })
    expect(created).toBe(0)
    for (const providerId of [1, 2, 3]) await getProvider(ctx, { providerId })()
    expect(created).toBe(1)
    await getProvider(createContext({ ...CLIENT, $fetch }), { providerId: 1 })()
    expect(created).toBe(2)
  })

  it("sends none of the app's own defaults to Bridge: no Authorization, Cookie or api_key; interceptors still run", async () => {
    const { fetch, requests } = recordingFetch((request) =>
      request.path.endsWith('/authorization/token')
        ? tokenResponse('2099-01-01T00:00:00Z')
        : json(200, account(7)),
    )
    const intercepted: string[] = []
    const $fetch = createFetch({ fetch }).create({
      headers: { authorization: 'Bearer app-session-token', cookie: 'session=app-cookie', 'x-app': 'nuxt' },
      query: { api_key: 'app-api-key' },
      params: { tenant: 'app-tenant' },
      onRequest: ({ request }) => {
        intercepted.push(String(request))
      },
    })
    const ctx = createContext({ ...CLIENT, $fetch, user: { externalUserId: 'user-001' } })
    expect((await getAccount(ctx, { accountId: 7 })())._tag).toBe('Right')
    expect(intercepted).toEqual(['/v3/aggregation/authorization/token', '/v3/aggregation/accounts/7'])
    expect(requests.map((request) => [request.path, request.search])).toEqual([
      ['/v3/aggregation/authorization/token', ''],
      ['/v3/aggregation/accounts/7', ''],
    ])
    for (const request of requests) {
      expect(request.headers.get('cookie')).toBeNull()
      expect(request.headers.get('x-app')).toBeNull()
    }
    expect(requests.map((request) => request.headers.get('authorization'))).toEqual([
      null,
      `Bearer ${ACCESS_TOKEN}`,
    ])
  })

  it('refuses a $fetch that is not an ofetch instance', async () => {
    const ctx = createContext({ ...CLIENT, $fetch: globalThis.fetch as never })
    expect(ctx.invalid?.issues).toEqual([
      { path: '$fetch', message: '$fetch must be an ofetch instance (with raw and create)' },
    ])
  })
})
