import { describe, expect, it } from 'vitest'
import { v2 } from '../../src/v2/api.js'
import {
  authenticateUser,
  createContext,
  getAccount,
  isAuthenticated,
  listItems,
  logoutUser,
  memoryTokenStore,
  Redacted,
  type RequestEvent,
  renewAuth,
  setUserToken,
} from '../../src/v2/index.js'
import { recordingFetch } from '../core/fake-bridge.js'
import { leftOf, rightOf } from '../support/either.js'
import {
  account,
  authBody,
  CLIENT,
  clientContext,
  empty,
  expectRequest,
  fakeBridge,
  fixture,
  json,
  page,
  TOKEN,
  USER,
  userContext,
} from './support.js'

describe('2021-06-01 token request', () => {
  const examples = fixture('auth.json')

  it('authenticates e-mail users with { email, password }, revealing the password only in that body', () => {
    const ctx = createContext({ ...CLIENT, user: USER })
    expect(ctx.user?.kind).toBe('email')
    expect(v2.tokenRequest(ctx.user!)).toEqual({ path: '/v2/authenticate', body: USER })
    expect(JSON.stringify(ctx)).not.toContain(USER.password)
  })

  it('authenticates uuid and external-id users with the documented bodies', () => {
    const byUuid = createContext({ ...CLIENT, user: { uuid: 'c2a26c9e-dc23-4f67-b887-bbae0f26c415' } })
    const byExternal = createContext({ ...CLIENT, user: { externalUserId: 'A6JEJIID1919BDS' } })
    expect(v2.tokenRequest(byUuid.user!)).toEqual({
      path: '/v2/authenticate',
      body: examples.authenticate_request_by_uuid.body,
    })
    expect(v2.tokenRequest(byExternal.user!)).toEqual({
      path: '/v2/authenticate',
      body: examples.authenticate_request_by_external_user_id.body,
    })
  })
})

describe('e-mail/password user flow', () => {
  it('authenticates once with e-mail and password, then sends the bearer token with Bridge-Version 2021-06-01', async () => {
    const bridge = fakeBridge(() => json(200, account))
    const ctx = userContext(bridge.fetch)
    rightOf(await getAccount(ctx, { accountId: 37271913 })())
    rightOf(await getAccount(ctx, { accountId: 37271913 })())
    const [auth, first, second] = bridge.requests
    expectRequest(auth, { method: 'POST', path: '/v2/authenticate', body: USER, user: false })
    expectRequest(first, { method: 'GET', path: '/v2/accounts/37271913', user: true })
    expectRequest(second, { method: 'GET', path: '/v2/accounts/37271913', user: true })
    expect(bridge.requests).toHaveLength(3)
  })

  it('renews the token after a 401 and sends the call again with the new token', async () => {
    let tokens = 0
    const { fetch, requests } = recordingFetch((request) => {
      if (request.path === '/v2/authenticate') return json(200, authBody(`token-${++tokens}`))
      return request.headers.get('authorization') === 'Bearer token-1'
        ? json(401, { type: 'invalid_token', message: 'Token expired', documentation_url: null })
        : json(200, account)
    })
    const ctx = userContext(fetch)
    expect(rightOf(await getAccount(ctx, { accountId: 37271913 })()).id).toBe(37271913)
    expect(requests.map((r) => `${r.method} ${r.path} ${r.headers.get('authorization') ?? ''}`)).toEqual([
      'POST /v2/authenticate ',
      'GET /v2/accounts/37271913 Bearer token-1',
      'POST /v2/authenticate ',
      'GET /v2/accounts/37271913 Bearer token-2',
    ])
    expect(JSON.parse(requests[2]!.body!)).toEqual(USER)
  })

  it('renews a token whose zone-less expires_at is past (read as UTC), before sending anything else', async () => {
    let tokens = 0
    const { fetch, requests } = recordingFetch((request) =>
      request.path === '/v2/authenticate'
        ? json(200, authBody(`token-${++tokens}`, '2026-01-01T10:00:00.000Z'))
        : json(200, account),
    )
    // 10:30 UTC: a zone-less 10:00 read as local time in a zone west of UTC would still look fresh.
    const ctx = createContext({
      ...CLIENT,
      fetch,
      retry: 0,
      user: USER,
      now: () => Date.UTC(2026, 0, 1, 10, 30),
    })
    rightOf(await setUserToken(ctx, { accessToken: 'stale', expiresAt: '2026-01-01 10:00:00' })())
    rightOf(await getAccount(ctx, { accountId: 1 })())
    expect(requests.map((r) => r.path)).toEqual(['/v2/authenticate', '/v2/accounts/1'])
    rightOf(await setUserToken(ctx, { accessToken: 'fresh', expiresAt: '2026-01-01T11:00:00' })())
    expect(rightOf(await isAuthenticated(ctx)())).toBe(true)
  })

  it('shares one authentication between concurrent calls (single flight)', async () => {
    const bridge = fakeBridge(() => json(200, account))
    const ctx = userContext(bridge.fetch)
    await Promise.all([1, 2, 3, 4].map((id) => getAccount(ctx, { accountId: id })()))
    expect(bridge.requests.filter((r) => r.path === '/v2/authenticate')).toHaveLength(1)
    expect(bridge.calls()).toHaveLength(4)
  })

  it('gives a token_rejected AuthenticationError when Bridge refuses the password, without quoting it', async () => {
    const events: RequestEvent[] = []
    const { fetch, requests } = recordingFetch(() =>
      json(401, {
        type: 'invalid_credentials',
        message: 'Invalid email or password',
        documentation_url: null,
      }),
    )
    const ctx = createContext({
      ...CLIENT,
      fetch,
      retry: 0,
      user: USER,
      hooks: { onRequest: (e) => events.push(e) },
    })
    const error = leftOf(await getAccount(ctx, { accountId: 1 })())
    expect(error).toMatchObject({ _tag: 'AuthenticationError', reason: 'token_rejected' })
    expect(requests.map((r) => r.path)).toEqual(['/v2/authenticate'])
    expect(JSON.stringify(error)).not.toContain(USER.password)
    expect(JSON.stringify(events)).not.toContain(USER.password)
  })
})

describe('tokens in unexpected token responses', () => {
  const LEAKY = 'leaky-token-0000000000000000000000000000-0000'

  it('keeps the token out of the ResponseValidationError of a token answer without expires_at', async () => {
    const { fetch } = recordingFetch(() =>
      json(200, { access_token: LEAKY, user: { uuid: 'u-1', email: USER.email } }),
    )
    const renewal = leftOf(await getAccount(userContext(fetch), { accountId: 1 })())
    const direct = leftOf(await authenticateUser(clientContext(fetch), USER)())
    for (const error of [renewal, direct]) {
      expect(error).toMatchObject({ _tag: 'ResponseValidationError', issues: [{ path: 'expires_at' }] })
      expect(JSON.stringify(error)).not.toContain(LEAKY)
    }
    // Like the SDK's own token request: the issues stay, the body (which holds the token) does not.
    expect(direct).toMatchObject({ body: '[redacted]' })
  })

  it('keeps the token out of the error of a truncated token answer', async () => {
    const { fetch } = recordingFetch(
      () => new Response(`{"access_token":"${LEAKY}","expires_at":"2099-0`, { status: 200 }),
    )
    const error = leftOf(await authenticateUser(clientContext(fetch), USER)())
    expect(error).toMatchObject({
      _tag: 'ResponseValidationError',
      body: '[redacted]',
    })
    expect(JSON.stringify(error)).not.toContain(LEAKY)
  })
})

describe('manual renewal (the Python client auto_renew=False)', () => {
  it('refuses calls until renewAuth, then works; isAuthenticated follows', async () => {
    const bridge = fakeBridge(() => json(200, page([])))
    const ctx = createContext({ ...CLIENT, fetch: bridge.fetch, retry: 0, user: USER, autoRenew: false })
    expect(rightOf(await isAuthenticated(ctx)())).toBe(false)
    const refused = await listItems(ctx)[Symbol.asyncIterator]().next()
    expect(refused.value).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'AuthenticationError', reason: 'manual_mode' },
    })
    expect(bridge.requests).toHaveLength(0)

    const token = rightOf(await renewAuth(ctx)())
    expect(token.accessToken).toBeInstanceOf(Redacted)
    expect(token.accessToken.reveal()).toBe(TOKEN)
    expect(token.expiresAt).toBe('2099-01-01T00:00:00.000Z')
    expect(rightOf(await isAuthenticated(ctx)())).toBe(true)
    for await (const item of listItems(ctx)) rightOf(item)
    expectRequest(bridge.requests[0], { method: 'POST', path: '/v2/authenticate', body: USER, user: false })
    expectRequest(bridge.requests[1], { method: 'GET', path: '/v2/items', user: true })
  })

  it('uses a token set with setUserToken until it expires, under the 2021-06-01 key only', async () => {
    const memory = memoryTokenStore()
    const written: string[] = []
    const tokenStore = {
      ...memory,
      set: (key: string, token: { accessToken: string; expiresAt: string }) => {
        written.push(key)
        return memory.set(key, token)
      },
    }
    const bridge = fakeBridge(() => json(200, account))
    const ctx = createContext({
      ...CLIENT,
      fetch: bridge.fetch,
      retry: 0,
      user: USER,
      autoRenew: false,
      tokenStore,
    })
    rightOf(
      await setUserToken(ctx, { accessToken: new Redacted(TOKEN), expiresAt: '2099-01-01T00:00:00Z' })(),
    )
    rightOf(await getAccount(ctx, { accountId: 5 })())
    expectRequest(bridge.requests[0], { method: 'GET', path: '/v2/accounts/5', user: true })
    // The key is bound to the password by a keyed hash (32 hex digits), never the password itself.
    expect(written).toHaveLength(1)
    expect(written[0]).toMatch(
      new RegExp(`^bridgeapi:2021-06-01:${CLIENT.clientId}:email:john@doe\\.com:[0-9a-f]{32}$`),
    )
    expect((await tokenStore.get(written[0]!))?.accessToken).toBe(TOKEN)
  })
})

describe('logoutUser', () => {
  it('revokes the token with POST /v2/logout, then forgets it', async () => {
    const bridge = fakeBridge(() => empty(200))
    const ctx = userContext(bridge.fetch)
    rightOf(await renewAuth(ctx)())
    expect(rightOf(await logoutUser(ctx)())).toBeUndefined()
    expectRequest(bridge.calls()[0], { method: 'POST', path: '/v2/logout', user: true })
    expect(rightOf(await isAuthenticated(ctx)())).toBe(false)
  })

  it('sends nothing when no token is stored', async () => {
    const bridge = fakeBridge(() => empty(200))
    rightOf(await logoutUser(userContext(bridge.fetch))())
    expect(bridge.requests).toHaveLength(0)
  })

  it('keeps the token when Bridge refuses the logout', async () => {
    const bridge = fakeBridge(() =>
      json(500, { type: 'internal_error', message: 'oops', documentation_url: null }),
    )
    const ctx = userContext(bridge.fetch)
    rightOf(await renewAuth(ctx)())
    expect(leftOf(await logoutUser(ctx)())).toMatchObject({
      _tag: 'ApiError',
      status: 500,
      code: 'internal_error',
    })
    expect(rightOf(await isAuthenticated(ctx)())).toBe(true)
  })

  it('needs a user', async () => {
    const bridge = fakeBridge(() => empty(200))
    expect(leftOf(await logoutUser(clientContext(bridge.fetch))())).toMatchObject({
      _tag: 'AuthenticationError',
      reason: 'no_user',
    })
  })
})
