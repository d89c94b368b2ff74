import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  BridgeException,
  collect,
  createContext,
  formatError,
  getAccount,
  getProvider,
  listAccounts,
  unwrap,
} from '../../src/index.js'
import * as v2 from '../../src/v2/index.js'
import { account, CLIENT, json, recordingFetch, tokenResponse } from './fake-bridge.js'

const TOKEN_PATH = '/v3/aggregation/authorization/token'

describe('unwrap', () => {
  it('resolves the value of a Right', async () => {
    const { fetch } = recordingFetch((request) =>
      request.path === TOKEN_PATH ? tokenResponse('2099-01-01T00:00:00Z') : json(200, account(7)),
    )
    const ctx = createContext({ ...CLIENT, fetch, user: { externalUserId: 'u' } })
    expect((await unwrap(getAccount(ctx, { accountId: 7 }))).id).toBe(7)
  })

  it('rejects with one BridgeException carrying the typed error, formatted as its message', async () => {
    const { fetch } = recordingFetch(() =>
      json(404, { errors: [{ code: 'not_found', message: 'No such provider' }] }, { 'request-id': 'r-1' }),
    )
    const ctx = createContext({ ...CLIENT, fetch, retry: 0 })
    const result = await getProvider(ctx, { providerId: 9 })()
    const rejection = await unwrap(getProvider(ctx, { providerId: 9 })).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(rejection).toBeInstanceOf(BridgeException)
    expect(rejection).toBeInstanceOf(Error)
    const exception = rejection as BridgeException
    expect(exception.name).toBe('BridgeException')
    expect(result._tag === 'Left' && exception.error).toEqual(result._tag === 'Left' && result.left)
    expect(exception.error).toMatchObject({ _tag: 'ApiError', status: 404, code: 'not_found' })
    expect(exception.message).toBe(formatError(exception.error))
    expect(exception.message).toBe('ApiError 404: No such provider (GET /v3/providers/9) [request id r-1]')
    expect(JSON.parse(JSON.stringify(exception))).toEqual({
      name: 'BridgeException',
      message: exception.message,
      error: exception.error,
    })
    expect(String(exception)).toBe(`BridgeException: ${exception.message}`)
  })

  it('works on lists through collect, with the list error and its resumeAfter', async () => {
    const { fetch } = recordingFetch((request) => {
      if (request.path === TOKEN_PATH) return tokenResponse('2099-01-01T00:00:00Z')
      return request.query.get('after')
        ? json(503, { errors: [{ code: 'unavailable' }] })
        : json(200, { resources: [], pagination: { next_uri: '/v3/aggregation/accounts?after=NEXT' } })
    })
    const ctx = createContext({ ...CLIENT, fetch, retry: 0, user: { externalUserId: 'u' } })
    await expect(unwrap(collect(listAccounts(ctx)))).rejects.toMatchObject({
      name: 'BridgeException',
      error: { _tag: 'ApiError', status: 503, resumeAfter: 'NEXT' },
    })
  })

  it('shows no secret: client secret and password stay out of the message, stack, JSON and inspect', async () => {
    const password = 'pw-unwrap-Secret-42'
    const { fetch } = recordingFetch(() =>
      json(401, {
        type: 'invalid_credentials',
        message: 'Invalid email or password',
        documentation_url: null,
      }),
    )
    const ctx = v2.createContext({ ...CLIENT, fetch, retry: 0, user: { email: 'a@b.co', password } })
    const exception = await v2.unwrap(v2.getAccount(ctx, { accountId: 1 })).catch((error: unknown) => error)
    expect(exception).toMatchObject({ error: { _tag: 'AuthenticationError', reason: 'token_rejected' } })
    const e = exception as BridgeException
    for (const text of [
      e.message,
      String(e.stack),
      JSON.stringify(e),
      inspect(e, { depth: 10 }),
      String(e),
    ]) {
      expect(text).not.toContain(password)
      expect(text).not.toContain(CLIENT.clientSecret)
    }
    expect(v2.BridgeException).toBe(BridgeException)
  })
})
