import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ContextOptions,
  createContext,
  getAccount,
  isAuthenticated,
  memoryTokenStore,
  renewAuth,
  setUserToken,
  type TokenStore,
} from '../../src/index.js'
import { type RunningSandbox, sandboxContext, startSandbox } from '../../src/sandbox/index.js'
import * as v2 from '../../src/v2/index.js'
import {
  ACCESS_TOKEN,
  account,
  CLIENT,
  json,
  type Recorded,
  recordingFetch,
  tokenResponse,
} from './fake-bridge.js'

const TOKEN_PATH = '/v3/aggregation/authorization/token'
const T0 = Date.parse('2026-11-28T10:00:00.000Z')
const HOUR = 3_600_000

/**
 * A fake Bridge whose tokens last 2 hours from the shared clock and are numbered; `context` makes a
 * context on it and its clock, for the external user `u` unless `options` say otherwise.
 */
const bridgeWithClock = () => {
  let now = T0
  let issued = 0
  const valid = new Set<string>()
  const recorder = recordingFetch((request: Recorded) => {
    if (request.path === TOKEN_PATH) {
      issued += 1
      const token = `${ACCESS_TOKEN}-${issued}`
      valid.add(token)
      return tokenResponse(new Date(now + 2 * HOUR).toISOString(), token)
    }
    const bearer = request.headers.get('authorization')?.replace('Bearer ', '') ?? ''
    if (!valid.has(bearer)) return json(401, { errors: [{ code: 'invalid_authorization_header' }] })
    return json(200, account(Number(request.path.split('/').pop())))
  })
  return {
    ...recorder,
    clock: { now: () => now, advance: (ms: number) => (now += ms) },
    revokeAll: () => valid.clear(),
    tokenRequests: () => recorder.requests.filter((r) => r.path === TOKEN_PATH),
    context: (options: Partial<ContextOptions> = {}) =>
      createContext({
        ...CLIENT,
        fetch: recorder.fetch,
        now: () => now,
        user: { externalUserId: 'u' },
        ...options,
      }),
  }
}

describe('user authentication', () => {
  it('fetches a token on demand for an external user, then reuses it', async () => {
    const bridge = bridgeWithClock()
    const ctx = bridge.context({ user: { externalUserId: 'user-001' } })
    expect((await getAccount(ctx, { accountId: 1 })())._tag).toBe('Right')
    expect((await getAccount(ctx, { accountId: 2 })())._tag).toBe('Right')
    const [token, first, second] = bridge.requests
    expect(token?.method).toBe('POST')
    expect(JSON.parse(token?.body ?? '')).toEqual({ external_user_id: 'user-001' })
    expect(token?.headers.has('authorization')).toBe(false)
    expect(first?.headers.get('authorization')).toBe(`Bearer ${ACCESS_TOKEN}-1`)
    expect(second?.headers.get('authorization')).toBe(`Bearer ${ACCESS_TOKEN}-1`)
    expect(bridge.tokenRequests()).toHaveLength(1)
  })

  it('authenticates a uuid user with user_uuid', async () => {
    const bridge = bridgeWithClock()
    const ctx = bridge.context({ user: { uuid: 'de305d54-75b4-431b-adb2-eb6b9e546014' } })
    await getAccount(ctx, { accountId: 1 })()
    expect(JSON.parse(bridge.requests[0]?.body ?? '')).toEqual({
      user_uuid: 'de305d54-75b4-431b-adb2-eb6b9e546014',
    })
  })

  it('renews shortly before expires_at, not before', async () => {
    const bridge = bridgeWithClock()
    const ctx = bridge.context()
    await getAccount(ctx, { accountId: 1 })()
    bridge.clock.advance(2 * HOUR - 61_000) // 61 s left: still fresh
    await getAccount(ctx, { accountId: 1 })()
    expect(bridge.tokenRequests()).toHaveLength(1)
    bridge.clock.advance(2_000) // 59 s left: inside the 60 s renewal window
    await getAccount(ctx, { accountId: 1 })()
    expect(bridge.tokenRequests()).toHaveLength(2)
    expect(bridge.requests.at(-1)?.headers.get('authorization')).toBe(`Bearer ${ACCESS_TOKEN}-2`)
  })

  it('renews once after a 401 and retries the call', async () => {
    const bridge = bridgeWithClock()
    const ctx = bridge.context()
    await getAccount(ctx, { accountId: 1 })()
    bridge.revokeAll()
    const result = await getAccount(ctx, { accountId: 5 })()
    expect(result).toMatchObject({ _tag: 'Right', right: { id: 5 } })
    expect(bridge.tokenRequests()).toHaveLength(2)
    expect(bridge.requests.map((r) => r.path)).toEqual([
      TOKEN_PATH,
      '/v3/aggregation/accounts/1',
      '/v3/aggregation/accounts/5',
      TOKEN_PATH,
      '/v3/aggregation/accounts/5',
    ])
  })

  it('does not loop when Bridge keeps refusing fresh tokens', async () => {
    const { fetch, requests } = recordingFetch((request) =>
      request.path === TOKEN_PATH
        ? tokenResponse('2099-01-01T00:00:00Z')
        : json(401, { errors: [{ code: 'invalid_authorization_header' }] }),
    )
    const ctx = createContext({ ...CLIENT, fetch, user: { externalUserId: 'u' } })
    const result = await getAccount(ctx, { accountId: 1 })()
    expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'ApiError', status: 401 } })
    expect(requests).toHaveLength(4) // token, call, token, call
  })

  it('shares one renewal between 100 concurrent calls (single flight)', async () => {
    const bridge = bridgeWithClock()
    const ctx = bridge.context()
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => getAccount(ctx, { accountId: i })()),
    )
    expect(results.every((r) => r._tag === 'Right')).toBe(true)
    expect(bridge.tokenRequests()).toHaveLength(1)

    bridge.clock.advance(3 * HOUR)
    const again = await Promise.all(
      Array.from({ length: 100 }, (_, i) => getAccount(ctx, { accountId: i })()),
    )
    expect(again.every((r) => r._tag === 'Right')).toBe(true)
    expect(bridge.tokenRequests()).toHaveLength(2)
  })

  it('shares tokens between contexts that share a store, per user', async () => {
    const bridge = bridgeWithClock()
    const tokenStore = memoryTokenStore()
    const make = (externalUserId: string) => bridge.context({ tokenStore, user: { externalUserId } })
    await Promise.all([make('a'), make('a'), make('b')].map((ctx) => getAccount(ctx, { accountId: 1 })()))
    expect(bridge.tokenRequests().map((r) => JSON.parse(r.body ?? '').external_user_id)).toEqual(['a', 'b'])
  })

  it('the memory store keeps at most maxEntries tokens, dropping the least recently used', async () => {
    const bridge = bridgeWithClock()
    const tokenStore = memoryTokenStore({ maxEntries: 2 })
    const make = (externalUserId: string) => bridge.context({ tokenStore, user: { externalUserId } })
    const users = () => bridge.tokenRequests().map((r) => JSON.parse(r.body ?? '').external_user_id)
    for (const user of ['a', 'b', 'a', 'c', 'a', 'b']) await getAccount(make(user), { accountId: 1 })()
    // a, b; a reused (now the most recent); c drops b; a reused; b authenticates again.
    expect(users()).toEqual(['a', 'b', 'c', 'b'])
    const unbounded = memoryTokenStore({ maxEntries: Number.NaN })
    for (const key of ['k1', 'k2'])
      await unbounded.set(key, { accessToken: key, expiresAt: '2999-01-01T00:00:00Z' })
    expect(await unbounded.get('k1')).toEqual({ accessToken: 'k1', expiresAt: '2999-01-01T00:00:00Z' })
  })

  it('manual mode: no token means an AuthenticationError and no request', async () => {
    const bridge = bridgeWithClock()
    const ctx = bridge.context({ autoRenew: false })
    expect(await isAuthenticated(ctx)()).toEqual({ _tag: 'Right', right: false })
    const result = await getAccount(ctx, { accountId: 1 })()
    expect(result).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'AuthenticationError', reason: 'manual_mode' },
    })
    expect(bridge.requests).toHaveLength(0)

    const renewed = await renewAuth(ctx)()
    expect(renewed._tag).toBe('Right')
    if (renewed._tag !== 'Right') return
    expect(renewed.right.expiresAt).toBe(new Date(T0 + 2 * HOUR).toISOString())
    expect(renewed.right.accessToken.reveal()).toBe(`${ACCESS_TOKEN}-1`)
    expect(JSON.stringify(renewed)).not.toContain(ACCESS_TOKEN)
    expect(await isAuthenticated(ctx)()).toEqual({ _tag: 'Right', right: true })
    expect((await getAccount(ctx, { accountId: 1 })())._tag).toBe('Right')

    bridge.clock.advance(2 * HOUR)
    expect(await isAuthenticated(ctx)()).toEqual({ _tag: 'Right', right: false })
    expect(await getAccount(ctx, { accountId: 1 })()).toMatchObject({ left: { reason: 'manual_mode' } })
    expect(bridge.tokenRequests()).toHaveLength(1)
  })

  it('starts from a token obtained elsewhere', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, account(3)))
    const ctx = createContext({ ...CLIENT, fetch, user: { externalUserId: 'u' }, autoRenew: false })
    await setUserToken(ctx, { accessToken: 'external-token', expiresAt: '2099-01-01T00:00:00Z' })()
    expect((await getAccount(ctx, { accountId: 3 })())._tag).toBe('Right')
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer external-token'])
  })

  it('reads an expires_at without zone as UTC', async () => {
    const { fetch, requests } = recordingFetch((request) =>
      request.path === TOKEN_PATH ? tokenResponse('2026-11-28T12:00:00.000') : json(200, account(1)),
    )
    // 11:59:30Z is 30 s before expiry if read as UTC: inside the renewal window.
    const ctx = createContext({
      ...CLIENT,
      fetch,
      now: () => Date.parse('2026-11-28T11:59:30Z'),
      user: { externalUserId: 'u' },
    })
    await getAccount(ctx, { accountId: 1 })()
    await getAccount(ctx, { accountId: 1 })()
    expect(requests.filter((r) => r.path === TOKEN_PATH)).toHaveLength(2)
  })

  it('gives typed errors without a user, for an unsupported user, on a refused token, and on a failing store', async () => {
    const { fetch } = recordingFetch((request) =>
      request.path === TOKEN_PATH
        ? json(401, { errors: [{ code: 'user.authentication.unauthorized' }] })
        : json(200, account(1)),
    )
    expect(await getAccount(createContext({ ...CLIENT, fetch }), { accountId: 1 })()).toMatchObject({
      left: { _tag: 'AuthenticationError', reason: 'no_user' },
    })
    expect(
      await getAccount(createContext({ ...CLIENT, fetch, user: { email: 'a@b.c', password: 'secret-pw' } }), {
        accountId: 1,
      })(),
    ).toMatchObject({ left: { _tag: 'AuthenticationError', reason: 'unsupported_user' } })
    expect(
      await getAccount(createContext({ ...CLIENT, fetch, user: { externalUserId: 'u' } }), {
        accountId: 1,
      })(),
    ).toMatchObject({
      left: {
        _tag: 'AuthenticationError',
        reason: 'token_rejected',
        cause: { _tag: 'ApiError', status: 401 },
      },
    })
    const broken: TokenStore = {
      get: () => Promise.reject(new Error('KV unavailable')),
      set: () => Promise.resolve(),
      delete: () => Promise.resolve(),
    }
    const result = await getAccount(
      createContext({ ...CLIENT, fetch, tokenStore: broken, user: { externalUserId: 'u' } }),
      {
        accountId: 1,
      },
    )()
    expect(result).toMatchObject({
      left: {
        _tag: 'AuthenticationError',
        reason: 'token_store',
        message: 'The token store failed: KV unavailable',
      },
    })
  })
})

describe('token binding: a shared store never hands a token to other credentials', () => {
  let running: RunningSandbox
  beforeAll(async () => {
    running = await startSandbox({ port: 0, seed: 'binding', now: '2026-11-28T10:00:00.000Z' })
  })
  afterAll(() => running.close())

  /** A token store that remembers every key written to it. */
  const recordingStore = () => {
    const store = memoryTokenStore()
    const keys: string[] = []
    const recording: TokenStore = {
      get: (key) => store.get(key),
      set: (key, token) => {
        keys.push(key)
        return store.set(key, token)
      },
      delete: (key) => store.delete(key),
    }
    return { store: recording, keys }
  }

  it('a 2021-06-01 e-mail user with a wrong password authenticates afresh and fails, over HTTP', async () => {
    const email = 'victim@doe.com'
    const app = v2.createContext(sandboxContext(running, { retry: 0 }))
    expect((await v2.createUser(app, { email, password: 'right-password-1' })())._tag).toBe('Right')
    const { store, keys } = recordingStore()
    const as = (password: string) =>
      v2.createContext(sandboxContext(running, { retry: 0, tokenStore: store, user: { email, password } }))

    const victim = as('right-password-1')
    expect(await v2.collect(v2.listItems(victim))()).toEqual({ _tag: 'Right', right: [] })
    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatch(/^bridgeapi:2021-06-01:[^:]+:email:victim@doe\.com:[0-9a-f]{32}$/)
    expect(keys[0]).not.toContain('right-password-1')

    const attacker = as('wrong-password-2')
    expect(await v2.isAuthenticated(attacker)()).toEqual({ _tag: 'Right', right: false })
    const before = running.sandbox.requests.length
    const result = await v2.collect(v2.listItems(attacker))()
    expect(result).toMatchObject({
      _tag: 'Left',
      left: {
        _tag: 'AuthenticationError',
        reason: 'token_rejected',
        cause: { _tag: 'ApiError', status: 401 },
      },
    })
    // The only request was a token request, refused: no call ever carried the victim's token.
    expect(running.sandbox.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /v2/authenticate 401',
    ])
    expect(keys).toHaveLength(1)

    // The right password in another context still shares the stored token: no new token request.
    const again = running.sandbox.requests.length
    expect(await v2.collect(v2.listItems(as('right-password-1')))()).toEqual({ _tag: 'Right', right: [] })
    expect(running.sandbox.requests.slice(again).map((r) => r.path)).toEqual(['/v2/items'])
  })

  it('keys tokens by application: the same external user of another client id gets its own token', async () => {
    const { store, keys } = recordingStore()
    const bridge = bridgeWithClock()
    const contextOf = (clientId: string) => bridge.context({ clientId, tokenStore: store })
    await getAccount(contextOf('app-one'), { accountId: 1 })()
    await getAccount(contextOf('app-two'), { accountId: 1 })()
    expect(keys).toEqual([
      'bridgeapi:2025-01-15:app-one:external:u',
      'bridgeapi:2025-01-15:app-two:external:u',
    ])
    expect(bridge.tokenRequests()).toHaveLength(2)
  })
})
