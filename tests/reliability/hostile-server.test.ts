/**
 * What a hostile or broken server (or a proxy in between) can make the SDK do, over real HTTP on
 * 127.0.0.1: redirects that would carry the credentials to another host, and servers (or proxies)
 * that echo the request's headers and body back, in error bodies and in 2xx garbage, and bodies too
 * large to hold.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import {
  createAuthorizationToken,
  createContext,
  createUser,
  formatError,
  getAccount,
  getProvider,
  listProviders,
  withResponse,
} from '../../src/index.js'
import * as v2 from '../../src/v2/index.js'
import { leftOf } from '../support/either.js'
import { addSecret, CLIENT_ID, CLIENT_SECRET, checkSecretsAfterAll, kept } from './helpers.js'

checkSecretsAfterAll('hostile-server')

interface Received {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage['headers']
  readonly body: string
}

interface Server {
  readonly url: string
  readonly received: Received[]
}

const servers: ReturnType<typeof createServer>[] = []
afterAll(() => {
  for (const server of servers) server.close()
})

/** An HTTP server on 127.0.0.1 that records every request and answers with `answer`. */
const serve = async (
  answer: (request: Received, response: ServerResponse) => void | Promise<void>,
): Promise<Server> => {
  const received: Received[] = []
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const recorded = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    }
    received.push(recorded)
    await answer(recorded, response)
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received }
}

describe('redirects are never followed: nothing reaches the Location', () => {
  const PASSWORD = 'pw-redirect-Zk8!'
  addSecret(PASSWORD)

  /** An attacker's server, and an "API" that redirects every request there with `status`. */
  const redirecting = async (status: number, location: (attacker: Server, request: Received) => string) => {
    const attacker = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('{"access_token":"stolen","expires_at":"2999-01-01T00:00:00Z","user":{}}')
    })
    const api = await serve((request, response) => {
      response.writeHead(status, { location: location(attacker, request) })
      response.end()
    })
    return { attacker, api }
  }

  for (const status of [301, 302, 303, 307, 308]) {
    it(`${status} to another origin: a RedirectError naming the Location, no request to it`, async () => {
      const { attacker, api } = await redirecting(status, (target, request) => `${target.url}${request.url}`)
      const ctx = createContext({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: api.url })
      const error = leftOf(kept(await getProvider(ctx, { providerId: 574 })()))
      expect(error).toEqual({
        _tag: 'RedirectError',
        status,
        method: 'GET',
        path: '/v3/providers/574',
        location: `${attacker.url}/v3/providers/574`,
        message: `Bridge answered with a redirect to ${attacker.url}/v3/providers/574; redirects are not followed, nothing was sent there`,
      })
      expect(api.received).toHaveLength(1)
      expect(attacker.received).toEqual([])
    })
  }

  it('https → http downgrade (a Location with http:// to another host) is not followed either', async () => {
    const { attacker, api } = await redirecting(
      302,
      (target) => `${target.url.replace('127.0.0.1', 'localhost')}/steal`,
    )
    const ctx = createContext({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: api.url })
    const error = leftOf(kept(await createUser(ctx, { externalUserId: 'redirected' })()))
    expect(error).toMatchObject({
      _tag: 'RedirectError',
      status: 302,
      location: expect.stringMatching(/^http:\/\/localhost:\d+\/steal$/),
    })
    expect(attacker.received).toEqual([])
    expect(api.received).toHaveLength(1)
  })

  it('307 on POST /v2/authenticate: the e-mail and password never reach the Location', async () => {
    const { attacker, api } = await redirecting(307, (target) => `${target.url}/v2/authenticate`)
    const ctx = v2.createContext({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      baseUrl: api.url,
      user: { email: 'jane@example.com', password: PASSWORD },
    })
    const viaUser = leftOf(kept(await v2.getAccount(ctx, { accountId: 1 })()))
    expect(viaUser).toMatchObject({
      _tag: 'RedirectError',
      status: 307,
      location: `${attacker.url}/v2/authenticate`,
    })
    const direct = leftOf(
      kept(await v2.authenticateUser(ctx, { email: 'jane@example.com', password: PASSWORD })()),
    )
    expect(direct).toMatchObject({ _tag: 'RedirectError', method: 'POST', path: '/v2/authenticate' })
    // The API itself saw the two authentication requests (retries never follow a redirect either).
    expect(api.received.map((request) => [request.method, request.url])).toEqual([
      ['POST', '/v2/authenticate'],
      ['POST', '/v2/authenticate'],
    ])
    expect(attacker.received).toEqual([])
  })

  it('an opaque redirect (what browsers give for redirect: manual) is the same error, Location unknown', async () => {
    const fetch = (async () => {
      // A browser's opaqueredirect response: status 0, no headers, no body.
      const response = new Response(null, { status: 200 })
      Object.defineProperty(response, 'status', { value: 0 })
      Object.defineProperty(response, 'type', { value: 'opaqueredirect' })
      return response
    }) as typeof globalThis.fetch
    const ctx = createContext({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, fetch, retry: 0 })
    const error = leftOf(kept(await getProvider(ctx, { providerId: 574 })()))
    expect(error).toEqual({
      _tag: 'RedirectError',
      status: 0,
      method: 'GET',
      path: '/v3/providers/574',
      message: 'Bridge answered with a redirect; redirects are not followed, nothing was sent there',
    })
  })
})

describe('secrets echoed by a server never show in what the SDK returns', () => {
  // Surrounding spaces: the runtime trims header values, so the echo holds the trimmed form.
  const SECRET = '  cs-echo-Pq7Wn3  '
  const PASSWORD = ' pw-echo-Rt5"Ux '
  const TOKEN = 'tok-echo-Yv2Kd8'
  for (const secret of [SECRET, SECRET.trim(), PASSWORD, PASSWORD.trim(), TOKEN]) addSecret(secret)
  /** Distinctive parts of each secret: none may appear, in any form (trimmed, escaped), in what the SDK returns. */
  const forms = ['cs-echo-Pq7Wn3', 'pw-echo-Rt5', TOKEN]

  let tokenBody = ''
  const echo = (request: Received) => JSON.stringify({ headers: request.headers, body: request.body })
  const openEcho = () =>
    serve((request, response) => {
      const send = (status: number, body: string, type = 'application/json') => {
        response.writeHead(status, {
          'content-type': type,
          'x-request-id': `req ${request.headers['client-secret']}`,
        })
        response.end(body)
      }
      const path = request.url?.split('?')[0]
      if (path === '/v3/aggregation/authorization/token' || path === '/v2/authenticate') {
        return tokenBody
          ? send(200, tokenBody)
          : send(401, JSON.stringify({ type: 'denied', message: echo(request) }))
      }
      if (path === '/v3/providers/1')
        return send(500, JSON.stringify({ errors: [{ code: 'x', message: echo(request) }] }))
      if (path === '/v3/providers/2') return send(502, `<html>${echo(request)}</html>`, 'text/html')
      if (path === '/v3/providers/3') return send(200, `garbage ${echo(request)}`, 'text/plain')
      if (path === '/v3/providers/4') return send(200, JSON.stringify({ echo: JSON.parse(echo(request)) }))
      if (path === '/v3/providers') {
        const page = { resources: [], echo: JSON.parse(echo(request)), pagination: { next_uri: null } }
        return send(200, JSON.stringify(page))
      }
      return send(500, JSON.stringify({ errors: [{ code: 'x', message: echo(request) }] }))
    })

  /** Fails when any serialization of `value` shows a secret; the echo itself must have happened. */
  const expectClean = (value: unknown, server: Server) => {
    for (const text of [
      JSON.stringify(value),
      String(value),
      ...(isError(value) ? [formatError(value)] : []),
    ]) {
      for (const secret of forms) expect(text).not.toContain(secret)
    }
    expect(server.received.length).toBeGreaterThan(0)
    // The server did receive the secrets: without redaction, they would be in the answer.
    expect(JSON.stringify(server.received)).toContain(SECRET.trim())
  }
  const isError = (value: unknown): value is Parameters<typeof formatError>[0] =>
    typeof value === 'object' && value !== null && '_tag' in value

  it('in an ApiError: message, body (JSON and raw text), request id and formatError', async () => {
    const server = await openEcho()
    const ctx = createContext({ clientId: CLIENT_ID, clientSecret: SECRET, baseUrl: server.url, retry: 0 })
    const json = leftOf(kept(await getProvider(ctx, { providerId: 1 })()))
    expect(json).toMatchObject({ _tag: 'ApiError', status: 500, requestId: 'req [redacted]' })
    expect(json.message).toContain('"client-secret":"[redacted]"')
    expectClean(json, server)
    const html = leftOf(kept(await getProvider(ctx, { providerId: 2 })()))
    expect(html).toMatchObject({ _tag: 'ApiError', status: 502, body: { format: 'raw' } })
    expect(JSON.stringify(html)).toContain('[redacted]')
    expectClean(html, server)
  })

  it('in a ResponseValidationError: 2xx garbage text and 2xx JSON of the wrong shape', async () => {
    const server = await openEcho()
    const ctx = createContext({ clientId: CLIENT_ID, clientSecret: SECRET, baseUrl: server.url, retry: 0 })
    for (const providerId of [3, 4]) {
      const error = leftOf(kept(await getProvider(ctx, { providerId })()))
      expect(error._tag).toBe('ResponseValidationError')
      expect(JSON.stringify(error)).toContain('[redacted]')
      expectClean(error, server)
    }
  })

  it('the bearer token echoed by a user-level endpoint', async () => {
    const server = await openEcho()
    tokenBody = JSON.stringify({
      access_token: TOKEN,
      expires_at: '2999-01-01T00:00:00Z',
      user: { uuid: 'u-1' },
    })
    const ctx = createContext({
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      baseUrl: server.url,
      retry: 0,
      user: { externalUserId: 'echo-user' },
    })
    const error = leftOf(kept(await getAccount(ctx, { accountId: 1 })()))
    expect(error._tag).toBe('ApiError')
    expect(JSON.stringify(server.received)).toContain(`Bearer ${TOKEN}`)
    expect(error.message).toContain('"authorization":"Bearer [redacted]"')
    expectClean(error, server)
  })

  it('the password of a 2021-06-01 user, echoed by a refused authentication', async () => {
    const server = await openEcho()
    tokenBody = ''
    const ctx = v2.createContext({
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      baseUrl: server.url,
      retry: 0,
      user: { email: 'jane@example.com', password: PASSWORD },
    })
    const error = leftOf(kept(await v2.getAccount(ctx, { accountId: 1 })()))
    expect(error._tag).toBe('AuthenticationError')
    expect(server.received[0]?.body).toContain(JSON.stringify(PASSWORD).slice(1, -1))
    expectClean(error, server)
    const direct = leftOf(
      kept(await v2.authenticateUser(ctx, { email: 'jane@example.com', password: PASSWORD.trim() })()),
    )
    expect(direct._tag).toBe('ApiError')
    expectClean(direct, server)
  })

  it('a bare JSON string from the token endpoint is not quoted by the validation error', async () => {
    const server = await openEcho()
    tokenBody = JSON.stringify(TOKEN)
    const ctx = createContext({ clientId: CLIENT_ID, clientSecret: SECRET, baseUrl: server.url, retry: 0 })
    const error = leftOf(kept(await createAuthorizationToken(ctx, { externalUserId: 'echo-user' })()))
    expect(error._tag).toBe('ResponseValidationError')
    expect(error.message).toContain('[redacted]')
    expectClean(error, server)
    const viaUser = createContext({
      ...{ clientId: CLIENT_ID, clientSecret: SECRET, baseUrl: server.url, retry: 0 },
      user: { externalUserId: 'echo-user' },
    })
    expectClean(leftOf(kept(await getAccount(viaUser, { accountId: 1 })())), server)
  })

  it('withResponse of the token endpoints: the raw body and headers hold no token', async () => {
    const server = await openEcho()
    tokenBody = JSON.stringify({
      access_token: TOKEN,
      expires_at: '2999-01-01T00:00:00Z',
      user: { uuid: 'u-1', email: 'jane@example.com' },
    })
    const ctx = createContext({ clientId: CLIENT_ID, clientSecret: SECRET, baseUrl: server.url, retry: 0 })
    const v3Result = await withResponse(createAuthorizationToken)(ctx, { externalUserId: 'echo-user' })()
    expect(v3Result._tag).toBe('Right')
    if (v3Result._tag !== 'Right') return
    // The data keeps the real token (hidden in a Redacted); the raw response does not show it.
    expect(v3Result.right.data.access_token.reveal()).toBe(TOKEN)
    expect(JSON.parse(v3Result.right.response.body)).toMatchObject({
      access_token: '[redacted]',
      expires_at: '2999-01-01T00:00:00Z',
    })
    expect(v3Result.right.response.headers['x-request-id']).toBe('req [redacted]')
    expectClean(v3Result.right, server)

    const v2ctx = v2.createContext({
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      baseUrl: server.url,
      retry: 0,
    })
    const v2Result = await withResponse(v2.authenticateUser)(v2ctx, {
      email: 'jane@example.com',
      password: PASSWORD,
    })()
    expect(v2Result._tag).toBe('Right')
    if (v2Result._tag !== 'Right') return
    expect(v2Result.right.data.access_token.reveal()).toBe(TOKEN)
    expect(JSON.parse(v2Result.right.response.body).access_token).toBe('[redacted]')
    expectClean(v2Result.right, server)
  })

  it("a list page's raw response: its echoed headers and body hold no secret", async () => {
    const server = await openEcho()
    const ctx = createContext({ clientId: CLIENT_ID, clientSecret: SECRET, baseUrl: server.url, retry: 0 })
    const pages = []
    for await (const page of listProviders(ctx).pages()) pages.push(kept(page))
    expect(pages).toHaveLength(1)
    const page = pages[0]
    expect(page?._tag).toBe('Right')
    if (page?._tag !== 'Right') return
    expect(page.right.response.headers['x-request-id']).toBe('req [redacted]')
    expect(JSON.parse(page.right.response.body).echo.headers['client-secret']).toBe('[redacted]')
    expectClean(page.right, server)
  })

  it('in a NetworkError whose runtime message quotes the request', async () => {
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init)
      throw new TypeError(`refused ${JSON.stringify([...request.headers])} ${await request.text()}`)
    }) as typeof globalThis.fetch
    const ctx = v2.createContext({
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      fetch,
      retry: 0,
      user: { email: 'jane@example.com', password: PASSWORD },
    })
    const error = leftOf(
      kept(await v2.authenticateUser(ctx, { email: 'jane@example.com', password: PASSWORD })()),
    )
    expect(error._tag).toBe('NetworkError')
    expect(error.message).toContain('"client-secret","[redacted]"')
    for (const secret of forms) expect(formatError(error)).not.toContain(secret)
  })
})

describe('a response body larger than maxResponseBytes is refused while streaming', () => {
  const MB = 1024 * 1024
  /** Sends `megabytes` MB in 64 KiB chunks, following backpressure; `length` adds a Content-Length. */
  const openHuge = (megabytes: number, length: boolean) =>
    serve(async (_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        ...(length ? { 'content-length': String(megabytes * MB) } : {}),
      })
      const chunk = Buffer.alloc(64 * 1024, 'a')
      response.on('close', () => response.destroy())
      for (let sent = 0; sent < megabytes * MB && !response.destroyed; sent += chunk.length) {
        if (!response.write(chunk))
          await new Promise((resolve) => response.once('drain', resolve).once('close', resolve))
      }
      response.end()
    })

  it('100 MB without Content-Length: refused once past the cap, memory does not grow by the body', async () => {
    const server = await openHuge(100, false)
    const options = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: server.url, retry: 2 }
    // The default cap holds up to 32 MiB; a smaller one shows that the rest is never buffered.
    expect(createContext(options).maxResponseBytes).toBe(32 * MB)
    const ctx = createContext({ ...options, maxResponseBytes: 8 * MB })
    const before = process.memoryUsage().rss
    const error = leftOf(kept(await getProvider(ctx, { providerId: 574 })()))
    const grown = process.memoryUsage().rss - before
    console.log(
      `[reliability] 100 MB body refused at an 8 MiB cap: RSS grew by ${(grown / MB).toFixed(1)} MB`,
    )
    expect(error).toEqual({
      _tag: 'ResponseTooLargeError',
      status: 200,
      method: 'GET',
      path: '/v3/providers/574',
      maxBytes: 8 * MB,
      message: `The response body is larger than maxResponseBytes (${8 * MB} bytes): not read`,
    })
    expect(grown).toBeLessThan(60 * MB)
    // Not retried: the same request would bring the same body.
    expect(server.received).toHaveLength(1)
  })

  it('100 MB with a Content-Length above the cap: refused before reading', async () => {
    const server = await openHuge(100, true)
    const ctx = createContext({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      baseUrl: server.url,
      maxResponseBytes: MB,
    })
    const before = process.memoryUsage().rss
    const error = leftOf(kept(await getProvider(ctx, { providerId: 574 })()))
    expect(process.memoryUsage().rss - before).toBeLessThan(60 * MB)
    expect(error).toMatchObject({ _tag: 'ResponseTooLargeError', maxBytes: MB })
  })

  it('the cap is exact: a body of maxResponseBytes is read, one byte more is not', async () => {
    const body = JSON.stringify({
      id: 574,
      name: 'x'.repeat(100),
      country_code: 'FR',
      capabilities: [],
      images: {},
    })
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(body)
    })
    const options = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: server.url }
    const size = Buffer.byteLength(body)
    expect(
      (await getProvider(createContext({ ...options, maxResponseBytes: size }), { providerId: 574 })())._tag,
    ).toBe('Right')
    const error = leftOf(
      kept(
        await getProvider(createContext({ ...options, maxResponseBytes: size - 1 }), { providerId: 574 })(),
      ),
    )
    expect(error).toMatchObject({ _tag: 'ResponseTooLargeError', maxBytes: size - 1 })
    expect(formatError(error)).toBe(
      `ResponseTooLargeError 200: The response body is larger than maxResponseBytes (${size - 1} bytes): not read (GET /v3/providers/574)`,
    )
  })
})
