import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  BridgeException,
  collect,
  createAuthorizationToken,
  createContext,
  getAccount,
  getProvider,
  listTransactions,
  type TokenStore,
  unwrap,
} from '../../src/index.js'
import { authenticateUser, createContext as createV2Context } from '../../src/v2/index.js'
import { ACCESS_TOKEN, CLIENT, json, recordingFetch, tokenResponse, transaction } from './fake-bridge.js'

const TOKEN_PATH = '/v3/aggregation/authorization/token'
/** A secret whose URL-, form- and HTML-encoded forms all differ from it. */
const SECRET = `sec ret/+&<x>"'!=${'z'.repeat(12)}`
const PASSWORD = `pa ss/+&<w>"'=${'q'.repeat(12)}`

/** Every way the SDK's result can be shown: none may hold a secret. */
const shown = (value: unknown): string[] => [
  JSON.stringify(value),
  inspect(value, { depth: 20 }),
  String(value),
  String((value as { message?: unknown })?.message),
]

const expectNoSecret = (value: unknown, secrets: readonly string[]) => {
  for (const text of shown(value))
    for (const secret of secrets) {
      for (const form of [
        secret,
        encodeURIComponent(secret),
        new URLSearchParams({ s: secret }).toString().slice(2),
      ])
        expect(text).not.toContain(form)
      expect(text).not.toContain('zzzzzzzzzzzz')
      expect(text).not.toContain('qqqqqqqqqqqq')
      expect(text).not.toContain(ACCESS_TOKEN)
    }
}

/** What `unwrap` throws for the task's Left. */
const thrown = async (task: () => Promise<unknown>): Promise<BridgeException> => {
  try {
    await unwrap(task as never)
  } catch (error) {
    expect(error).toBeInstanceOf(BridgeException)
    return error as BridgeException
  }
  throw new Error('expected a BridgeException')
}

describe('pagination errors are redacted (issue 20, item 2)', () => {
  /** A page echoing the client secret and the bearer token it was sent, with a bad next_uri. */
  const echoingBridge = (nextUri: (after: string | null) => string) =>
    recordingFetch((request) => {
      if (request.path === TOKEN_PATH) return tokenResponse('2099-01-01T00:00:00Z')
      const echo = `${request.headers.get('client-secret')} ${request.headers.get('authorization')}`
      return json(200, {
        resources: [{ ...transaction(1), clean_description: echo, provider_description: echo }],
        pagination: { next_uri: nextUri(request.query.get('after')) },
        echoed: { secret: request.headers.get('client-secret'), token: request.headers.get('authorization') },
      })
    })

  for (const [name, nextUri] of [
    ['has no after', () => '/v3/aggregation/transactions?limit=1'],
    ['repeats its cursor', (after: string | null) => `/v3/aggregation/transactions?after=${after ?? 'a'}`],
  ] as const) {
    it(`a next_uri that ${name}: the error's body holds no secret`, async () => {
      const { fetch } = echoingBridge(nextUri)
      const ctx = createContext({
        clientId: CLIENT.clientId,
        clientSecret: SECRET,
        fetch,
        retry: 0,
        user: { externalUserId: 'u' },
      })
      const result = await collect(listTransactions(ctx, { after: 'a' }))()
      expect(result._tag).toBe('Left')
      const error = (result as { left: { _tag: string; body: unknown } }).left
      expect(error._tag).toBe('ResponseValidationError')
      // The body is still there, only redacted: the items are kept for diagnosis.
      expect(JSON.stringify(error.body)).toContain('[redacted]')
      expectNoSecret(error, [SECRET])
      expectNoSecret(await thrown(collect(listTransactions(ctx, { after: 'a' }))), [SECRET])
    })
  }
})

describe('redaction gaps (issue 20, item 4)', () => {
  it('redacts URL-encoded, form-encoded and HTML-escaped echoes of the secrets in an error body', async () => {
    const { fetch } = recordingFetch((request) => {
      const secret = request.headers.get('client-secret') as string
      const html = secret.replace(
        /[&<>"']/g,
        (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`,
      )
      const numeric = secret.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
      const hex = secret.replace(/[&<>"']/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`)
      return json(400, {
        errors: [
          {
            code: 'invalid',
            message: `url=${encodeURIComponent(secret)} form=${new URLSearchParams({ s: secret }).toString().slice(2)} lower=${encodeURIComponent(secret).toLowerCase()}`,
            property: `html=${html} numeric=${numeric} hex=${hex}`,
          },
        ],
      })
    })
    const ctx = createContext({ clientId: CLIENT.clientId, clientSecret: SECRET, fetch, retry: 0 })
    const result = await getProvider(ctx, { providerId: 574 })()
    expect(result).toMatchObject({ left: { _tag: 'ApiError', status: 400 } })
    expectNoSecret((result as { left: unknown }).left, [SECRET])
    expect(JSON.stringify((result as { left: unknown }).left)).toContain(
      'url=[redacted] form=[redacted] lower=[redacted]',
    )
    expect(JSON.stringify((result as { left: unknown }).left)).toContain(
      'html=[redacted] numeric=[redacted] hex=[redacted]',
    )
    expectNoSecret(await thrown(getProvider(ctx, { providerId: 574 })), [SECRET])
  })

  it('authenticateUser: a token response that fails validation keeps no body (it holds the token)', async () => {
    const { fetch } = recordingFetch(() =>
      json(200, {
        access_token: ACCESS_TOKEN,
        expires_at: 'not an instant',
        session: ACCESS_TOKEN,
        user: {},
      }),
    )
    const ctx = createV2Context({ ...CLIENT, fetch, retry: 0 })
    const result = await authenticateUser(ctx, { email: 'a@b.example', password: PASSWORD })()
    expect(result).toMatchObject({ left: { _tag: 'ResponseValidationError', body: '[redacted]' } })
    expectNoSecret((result as { left: unknown }).left, [PASSWORD])
    const v3 = await createAuthorizationToken(createContext({ ...CLIENT, fetch, retry: 0 }), {
      externalUserId: 'u',
    })()
    expect(v3).toMatchObject({ left: { _tag: 'ResponseValidationError', body: '[redacted]' } })
    expectNoSecret((v3 as { left: unknown }).left, [])
  })

  it("redacts a token store's error message quoting a stored entry (a token the SDK never sent)", async () => {
    const { fetch } = recordingFetch(() => json(200, {}))
    const stored = JSON.stringify({ accessToken: ACCESS_TOKEN, expiresAt: '2099-01-01T00:00:00Z' })
    const store: TokenStore = {
      get: () => Promise.reject(new TypeError(`bad entry ${stored}`)),
      set: () => Promise.resolve(),
      delete: () => Promise.resolve(),
    }
    const ctx = createContext({ ...CLIENT, fetch, tokenStore: store, user: { externalUserId: 'u' } })
    const result = await getAccount(ctx, { accountId: 1 })()
    expect(result).toMatchObject({ left: { _tag: 'AuthenticationError', reason: 'token_store' } })
    expectNoSecret((result as { left: unknown }).left, [])
    // The store's own words stay, for diagnosis.
    expect((result as { left: { message: string } }).left.message).toBe(
      'The token store failed: bad entry {"accessToken":"[redacted]","expiresAt":"2099-01-01T00:00:00Z"}',
    )
  })
})
