import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  type BridgeError,
  type Context,
  collect,
  createContext,
  getProvider,
  isAuthenticated,
  listAccounts,
  Redacted,
  renewAuth,
  setUserToken,
} from '../../src/index.js'
import * as v2 from '../../src/v2/index.js'
import { CLIENT, json, recordingFetch } from './fake-bridge.js'

describe('createContext', () => {
  it('builds plain data with defaults and does no I/O', () => {
    const { fetch, requests } = recordingFetch(() => json(200, {}))
    const ctx = createContext({ ...CLIENT, fetch })
    expect(ctx.invalid).toBeUndefined()
    expect(ctx.baseUrl).toBe('https://api.bridgeapi.io')
    expect(ctx.timeoutMs).toBe(30_000)
    expect(ctx.retry.retries).toBe(2)
    expect(ctx.autoRenew).toBe(true)
    expect(requests).toHaveLength(0)
  })

  it('never shows the client secret or a password in any serialization', () => {
    const ctx = createContext({ ...CLIENT, user: { email: 'john@doe.com', password: 'pa55word-secret' } })
    for (const text of [JSON.stringify(ctx), String(ctx.clientSecret), inspect(ctx, { depth: 10 })]) {
      expect(text).not.toContain(CLIENT.clientSecret)
      expect(text).not.toContain('pa55word-secret')
    }
    expect(JSON.stringify(ctx)).toContain('[redacted]')
    expect(ctx.clientSecret.reveal()).toBe(CLIENT.clientSecret)
  })

  it('accepts a Redacted secret as is', () => {
    const ctx = createContext({ clientId: 'id', clientSecret: new Redacted('s') })
    expect(ctx.invalid).toBeUndefined()
    expect(ctx.clientSecret.reveal()).toBe('s')
  })

  it.each([
    [{ clientId: '', clientSecret: 's' }, 'clientId'],
    [{ clientId: 'id', clientSecret: '  ' }, 'clientSecret'],
    [{ clientId: 'id', clientSecret: 's', baseUrl: 'http://api.example.com' }, 'baseUrl'],
    [{ clientId: 'id', clientSecret: 's', baseUrl: 'not a url' }, 'baseUrl'],
    [{ clientId: 'id', clientSecret: 's', baseUrl: 'https://user:pw@api.example.com' }, 'baseUrl'],
    [{ clientId: 'id', clientSecret: 's', timeoutMs: -1 }, 'timeoutMs'],
    [{ clientId: 'id', clientSecret: 's', retry: 1.5 }, 'retry.retries'],
    [{ clientId: 'id', clientSecret: 's', user: { externalUserId: '' } }, 'user.externalUserId'],
    [{ clientId: 'id', clientSecret: 's', user: { email: 'a@b.c', password: '' } }, 'user.password'],
  ])('refuses bad options with a clear error (%j)', (options, path) => {
    const ctx = createContext(options as Parameters<typeof createContext>[0])
    expect(ctx.invalid?._tag).toBe('InputValidationError')
    expect(ctx.invalid?.operation).toBe('createContext')
    expect(ctx.invalid?.issues.map((issue) => issue.path)).toContain(path)
  })

  it('allows plain http on loopback only', () => {
    for (const baseUrl of [
      'http://127.0.0.1:3000',
      'http://localhost:8080',
      'http://[::1]:1234',
      'http://127.8.9.10',
    ]) {
      expect(createContext({ clientId: 'id', clientSecret: 's', baseUrl }).invalid).toBeUndefined()
    }
    expect(
      createContext({ clientId: 'id', clientSecret: 's', baseUrl: 'http://10.0.0.1' }).invalid,
    ).toBeDefined()
  })

  it('makes every call of an invalid context fail without sending anything', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, {}))
    const ctx = createContext({ clientId: '', clientSecret: 's', fetch })
    const result = await getProvider(ctx, { providerId: 574 })()
    expect(result).toEqual({ _tag: 'Left', left: ctx.invalid })
    expect(requests).toHaveLength(0)
  })
})

describe('context input from JavaScript callers', () => {
  const leftOf = (result: { _tag: string; left?: BridgeError }) => {
    expect(result._tag).toBe('Left')
    return result.left as BridgeError
  }

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', 'client-id'],
  ])('createContext given %s returns an invalid context instead of throwing', (_, options) => {
    const ctx = createContext(options as never)
    expect(ctx.invalid).toMatchObject({ _tag: 'InputValidationError', operation: 'createContext' })
    expect(ctx.invalid?.issues.map((issue) => issue.path)).toEqual(['', 'clientId', 'clientSecret'])
  })

  const long = 'x'.repeat(257)
  it.each([
    [{ clientId: 'id\r\nX-Injected: 1' }, 'clientId'],
    [{ clientId: long }, 'clientId'],
    [{ clientSecret: 'secret\n' }, 'clientSecret'],
    [{ clientSecret: 'secret-😀' }, 'clientSecret'],
    [{ user: { externalUserId: 'u\r\n1' } }, 'user.externalUserId'],
    [{ user: { externalUserId: long } }, 'user.externalUserId'],
    [{ user: { externalUserId: 42 } }, 'user.externalUserId'],
    [{ user: { uuid: 'c2a26c9e\u0000' } }, 'user.uuid'],
    [{ user: { email: 'a@b.c\r\n', password: 'pw' } }, 'user.email'],
    [{ user: { email: 'not an e-mail', password: 'pw' } }, 'user.email'],
    [{ user: { email: `${long}@b.c`, password: 'pw' } }, 'user.email'],
    [{ user: null }, 'user'],
    [{ user: 'u-1' }, 'user'],
    [{ language: 'fr\r\nX-Injected: 1' }, 'language'],
    [{ language: 'x'.repeat(100) }, 'language'],
    [{ language: 'fr;q=1' }, 'language'],
    [{ tokenStore: 42 }, 'tokenStore'],
    [{ tokenStore: { get: () => undefined } }, 'tokenStore'],
    [{ hooks: null }, 'hooks'],
    [{ hooks: { onRequest: 'log' } }, 'hooks.onRequest'],
    [{ fetch: 'https://proxy' }, 'fetch'],
    [{ now: 123 }, 'now'],
    [{ autoRenew: 'yes' }, 'autoRenew'],
  ])('refuses %j', (override, path) => {
    const ctx = createContext({ clientId: 'id', clientSecret: 's', ...override } as never)
    expect(ctx.invalid?._tag).toBe('InputValidationError')
    expect(ctx.invalid?.issues.map((issue) => issue.path)).toEqual([path])
    // Refused values are not kept: nothing from them reaches a header or a store key.
    expect(ctx.language).toBeUndefined()
  })

  it('accepts language tags, e-mail users and ids at the limits', () => {
    for (const language of ['fr', 'en-GB', 'zh-Hant-TW', 'es-419']) {
      expect(createContext({ clientId: 'id', clientSecret: 's', language }).language).toBe(language)
    }
    const ctx = createContext({
      clientId: 'x'.repeat(256),
      clientSecret: 's',
      user: { email: 'john.doe+bank@example.co.uk', password: 'p w\nd' },
    })
    expect(ctx.invalid).toBeUndefined()
  })

  it('an endpoint, a list, collect and the auth helpers given no context return an error, send nothing', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, {}))
    const options = { clientId: 'id', clientSecret: 's', fetch }
    const notContexts = [undefined, null, 42, options] as unknown as Context[]
    for (const ctx of notContexts) {
      const errors = [
        leftOf(await getProvider(ctx, { providerId: 574 })()),
        leftOf(await v2.getBank(ctx, { bankId: 574 })()),
        leftOf(await collect(listAccounts(ctx))()),
        leftOf(await renewAuth(ctx)()),
        leftOf(await isAuthenticated(ctx)()),
        leftOf(await setUserToken(ctx, { accessToken: 't', expiresAt: '2099-01-01T00:00:00Z' })()),
        leftOf(await v2.logoutUser(ctx)()),
      ]
      for await (const page of listAccounts(ctx).pages()) errors.push(leftOf(page))
      for await (const item of v2.listBanks(ctx)) errors.push(leftOf(item))
      expect(errors.map((error) => [error._tag, 'issues' in error ? error.issues[0]?.path : ''])).toEqual(
        Array.from({ length: 9 }, () => ['InputValidationError', 'ctx']),
      )
      expect(errors.map((error) => 'operation' in error && error.operation)).toEqual([
        'getProvider',
        'getBank',
        'listAccounts',
        'renewAuth',
        'isAuthenticated',
        'setUserToken',
        'logoutUser',
        'listAccounts',
        'listBanks',
      ])
    }
    expect(requests).toHaveLength(0)
  })

  it('collect refuses what is not a list, and endpoints take null options', async () => {
    expect(leftOf(await collect(undefined as never)())).toMatchObject({
      _tag: 'InputValidationError',
      operation: 'collect',
      issues: [{ path: 'list' }],
    })
    const { fetch, requests } = recordingFetch(() => json(200, { id: 574, name: 'Demo' }))
    const ctx = createContext({ clientId: 'id', clientSecret: 's', fetch, retry: 0 })
    await getProvider(ctx, { providerId: 574 }, null as never)()
    for await (const page of listAccounts(ctx, {}, null as never).pages()) expect(page._tag).toBeDefined()
    expect(requests.length).toBeGreaterThan(0)
  })

  it('setUserToken refuses a missing or malformed token without touching the store', async () => {
    const ctx = createContext({ clientId: 'id', clientSecret: 's', user: { externalUserId: 'u' } })
    for (const token of [
      undefined,
      { accessToken: '', expiresAt: '2099-01-01T00:00:00Z' },
      { accessToken: 'a\r\nb', expiresAt: '2099-01-01T00:00:00Z' },
      { accessToken: 't', expiresAt: 'soon' },
    ]) {
      expect(leftOf(await setUserToken(ctx, token as never)())).toMatchObject({
        _tag: 'InputValidationError',
        operation: 'setUserToken',
      })
    }
    expect(await isAuthenticated(ctx)()).toEqual({ _tag: 'Right', right: false })
  })
})
