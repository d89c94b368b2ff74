/**
 * Secret hygiene beyond what the other files witness: 2021-06-01 passwords through every way a
 * call can fail, secrets a runtime's error may quote (undici quotes invalid header values), webhook
 * secrets through every verification failure, the contexts themselves, and the refusal of base URLs
 * that are not https (other than loopback) before anything is sent.
 */
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createContext, getAccount, getProvider, Redacted, setUserToken } from '../../src/index.js'
import * as v2 from '../../src/v2/index.js'
import { verifyAndParseWebhook, webhookHandler } from '../../src/webhooks/index.js'
import { json } from '../core/fake-bridge.js'
import { leftOf } from '../support/either.js'
import {
  addSecret,
  CLIENT_ID,
  CLIENT_SECRET,
  checkSecretsAfterAll,
  kept,
  openSandbox,
  sandboxCtx,
  witness,
  witnessHooks,
} from './helpers.js'

checkSecretsAfterAll('secrets')

describe('a base URL that is not https (other than loopback) is refused before any request', () => {
  const refused = [
    'http://api.bridgeapi.io',
    'http://example.com:443',
    'http://10.0.0.1',
    'http://192.168.1.10:8080',
    'http://0.0.0.0:3000',
    'http://localhost.evil.example',
    'http://127.0.0.1.nip.io',
    'http://[::ffff:127.0.0.1]',
    'ftp://api.bridgeapi.io',
    'ws://localhost:3000',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'api.bridgeapi.io',
    '',
    'https://user:pass@api.bridgeapi.io',
    'https://api.bridgeapi.io/?client_secret=x',
    'https://api.bridgeapi.io/#x',
  ]
  for (const baseUrl of refused) {
    it(`refuses ${JSON.stringify(baseUrl)}`, async () => {
      const requests: string[] = []
      const ctx = createContext({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        baseUrl,
        fetch: (async (input: RequestInfo | URL) => {
          requests.push(String(input))
          return json(200, {})
        }) as typeof globalThis.fetch,
      })
      witness(ctx)
      expect(ctx.invalid?._tag).toBe('InputValidationError')
      expect(ctx.invalid?.issues.map((issue) => issue.path)).toContain('baseUrl')
      const error = leftOf(kept(await getProvider(ctx, { providerId: 574 })()))
      expect(error).toEqual(ctx.invalid)
      expect(requests).toEqual([])
    })
  }

  const accepted = [
    'https://api.bridgeapi.io',
    'https://api.bridgeapi.io/',
    'https://proxy.example/bridge',
    'http://localhost:3000',
    'http://127.0.0.1:8080',
    'http://127.8.9.10',
    'http://[::1]:4000',
  ]
  it('accepts https anywhere and plain http on loopback', () => {
    for (const baseUrl of accepted) {
      expect(
        createContext({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl }).invalid,
      ).toBeUndefined()
    }
  })
})

describe('secrets a runtime error quotes do not reach the error', () => {
  // A secret with a character HTTP headers cannot carry (surrounding whitespace is trimmed, not
  // refused): undici would refuse the header with a message quoting the whole value, so the SDK
  // refuses it first, in an error that does not quote it.
  const unsendable = ['\n', '\r', '\u0000', '😀']

  it('a client secret that cannot be sent in a header', async () => {
    const server = await openSandbox({ seed: 'secrets' })
    for (const [i, tail] of unsendable.entries()) {
      const secret = `${CLIENT_SECRET}-bad${tail}${i}`
      addSecret(secret)
      const ctx = createContext({
        clientId: CLIENT_ID,
        clientSecret: secret,
        baseUrl: server.url,
        retry: 0,
        hooks: witnessHooks,
      })
      // Refused up front (no request, no runtime message quoting it).
      const error = leftOf(kept(await getProvider(ctx, { providerId: 574 })()))
      expect(error).toMatchObject({ _tag: 'InputValidationError', issues: [{ path: 'clientSecret' }] })
      expect(JSON.stringify(error)).not.toContain(secret)
      expect(server.sandbox.requests).toEqual([])
    }
  })

  it('an access token that cannot be sent in a header', async () => {
    const server = await openSandbox({ seed: 'secrets' })
    const user = server.sandbox.seedUser({ externalUserId: 'quoted', transactions: 1, accounts: 1 })
    for (const [i, tail] of unsendable.entries()) {
      const token = `access-token-Qz${tail}${i}`
      addSecret(token)
      const ctx = sandboxCtx(server, { user: { externalUserId: 'quoted' }, retry: 0 })
      // Refused by setUserToken (never stored, never sent), in an error that does not quote it.
      const refused = leftOf(
        kept(await setUserToken(ctx, { accessToken: token, expiresAt: '2999-01-01T00:00:00Z' })()),
      )
      expect(refused).toMatchObject({ _tag: 'InputValidationError', issues: [{ path: 'accessToken' }] })
      expect(JSON.stringify(refused)).not.toContain(token)
      const before = server.sandbox.requests.length
      const result = kept(await getAccount(ctx, { accountId: user.accountIds[0]! })())
      expect(result._tag).toBe('Right')
      expect(server.sandbox.requests.slice(before).map((r) => r.path)).toEqual([
        '/v3/aggregation/authorization/token',
        `/v3/aggregation/accounts/${user.accountIds[0]}`,
      ])
    }
  })
})

describe('2021-06-01 e-mail/password users: the password never shows', () => {
  const PASSWORD = 'pw-Reliability-9kQ!x'
  addSecret(PASSWORD)
  const TOKEN = 'v2-access-token-Lm3p'
  addSecret(TOKEN)

  type Answer = (request: Request, body: string) => Response | Promise<Response>
  const scenarios: Record<string, Answer> = {
    'authentication refused (401)': () =>
      json(401, { type: 'invalid_credentials', message: 'Invalid credentials', documentation_url: null }),
    'authentication answers 500': () => json(500, { type: 'internal_error', message: 'oops' }),
    'authentication answers an HTML page': () => new Response('<html>502</html>', { status: 502 }),
    'token response without expires_at': () => json(200, { access_token: TOKEN, user: { email: 'a@b.c' } }),
    'token response cut in the middle': () =>
      new Response(JSON.stringify({ access_token: TOKEN, expires_at: '2999-01-01T00:00:00Z' }).slice(0, 30), {
        status: 200,
      }),
    'a fetch that fails quoting the request body': async (_request, body) => {
      throw new TypeError(`upstream refused the request ${body}`)
    },
    'a fetch that fails quoting the headers': async (request) => {
      throw new TypeError(`bad headers ${JSON.stringify([...request.headers])}`)
    },
    'the data call answers 401 twice': (request) =>
      new URL(request.url).pathname === '/v2/authenticate'
        ? json(200, { access_token: TOKEN, expires_at: '2999-01-01T00:00:00Z', user: {} })
        : json(401, { type: 'unauthorized', message: 'The access token is invalid' }),
  }

  for (const [name, answer] of Object.entries(scenarios)) {
    it(name, async () => {
      const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
        const request = new Request(input, init)
        return answer(request, request.method === 'GET' ? '' : await request.clone().text())
      }) as typeof globalThis.fetch
      for (const password of [PASSWORD, new Redacted(PASSWORD)]) {
        const ctx = v2.createContext({
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          user: { email: 'jane@example.com', password },
          fetch,
          retry: 0,
          hooks: witnessHooks,
        })
        witness(ctx)
        const error = leftOf(kept(await v2.getAccount(ctx, { accountId: 1 })()))
        expect(error._tag).not.toBe('InputValidationError')
        for (const secret of [PASSWORD, TOKEN, CLIENT_SECRET])
          expect(JSON.stringify(error)).not.toContain(secret)
      }
    })
  }
})

describe('webhook secrets never show in webhook errors or answers', () => {
  const SECRET = 'whsec-reliability-Gv7Kp2'
  const PREVIOUS = 'whsec-previous-Hx81Zq'
  addSecret(SECRET)
  addSecret(PREVIOUS)
  const body = JSON.stringify({ type: 'TEST_EVENT', content: {}, timestamp: 1700000000 })
  const sign = (secret: string, text = body) =>
    `v1=${createHmac('sha256', secret).update(text).digest('hex').toUpperCase()}`

  const cases: Record<string, { body: unknown; signature: string | null }> = {
    'wrong secret': { body, signature: sign('not-the-secret') },
    'tampered body': { body: body.replace('TEST_EVENT', 'item.created'), signature: sign(SECRET) },
    'missing header': { body, signature: null },
    'malformed header': { body, signature: 'v1=zz, t=1' },
    'several wrong values': { body, signature: `${sign('a')},${sign('b')},v2=abc` },
    'parsed JSON instead of the raw body': { body: JSON.parse(body), signature: sign(SECRET) },
    'authentic but not an event': { body: '{"hello":1}', signature: sign(SECRET, '{"hello":1}') },
  }

  for (const [name, { body: raw, signature }] of Object.entries(cases)) {
    it(name, async () => {
      for (const secrets of [[SECRET, PREVIOUS], new Redacted(SECRET), [new Redacted(PREVIOUS), undefined]]) {
        const result = await verifyAndParseWebhook({ body: raw as string, signature, secrets })()
        expect(result._tag).toBe('Left')
        if (result._tag === 'Left') witness(result.left)
        // Over HTTP a body is always raw: the parsed-JSON mistake only exists in the function API.
        if (typeof raw !== 'string') continue
        const errors: unknown[] = []
        const handler = webhookHandler({
          secrets,
          onEvent: () => undefined,
          onError: (error) => errors.push(error),
        })
        const response = await handler(
          new Request('https://hooks.example/bridge', {
            method: 'POST',
            body: raw,
            headers: signature === null ? {} : { 'BridgeApi-Signature': signature },
          }),
        )
        expect(response.status).toBeGreaterThanOrEqual(400)
        const text = await response.text()
        for (const secret of [SECRET, PREVIOUS]) expect(text).not.toContain(secret)
        for (const error of errors) witness(error)
      }
    })
  }
})
