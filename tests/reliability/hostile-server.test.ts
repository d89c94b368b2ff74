/**
 * What a hostile or broken server (or a proxy in between) can make the SDK do, over real HTTP on
 * 127.0.0.1: redirects that would carry the credentials to another host.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { createContext, createUser, getProvider } from '../../src/index.js'
import * as v2 from '../../src/v2/index.js'
import { addSecret, CLIENT_ID, CLIENT_SECRET, checkSecretsAfterAll, kept, leftOf } from './helpers.js'

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
