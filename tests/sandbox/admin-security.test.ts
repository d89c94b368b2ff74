import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSandbox, type RunningSandbox, startSandbox } from '../../src/sandbox/index.js'
import { call, JSON_HEADERS, tokenFor } from './helpers.js'

/** Sends bytes as they are over a TCP socket and returns the raw answer (the request says `Connection: close`). */
const rawHttp = (port: number, text: string): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text))
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => {
      answer += chunk
    })
    socket.on('error', reject)
    socket.on('close', () => {
      const [head = '', body = ''] = answer.split('\r\n\r\n')
      resolve({ status: Number(head.split(' ')[1]), body })
    })
  })

describe('sandbox admin API security', () => {
  let server: RunningSandbox
  const admin = (path: string, init: RequestInit = {}) => fetch(`${server.url}/_sandbox${path}`, init)
  const userCount = async () => (await (await admin('')).json()).users as number
  const faultCount = async () => ((await (await admin('/faults')).json()).faults as unknown[]).length
  /** Proof that later requests still work: a user created over the 2025-01-15 API. */
  const createUser = async () => (await call(server, 'POST', '/v3/aggregation/users', { body: {} })).status

  beforeAll(async () => {
    server = await startSandbox({ seed: 3 })
  })
  afterAll(() => server.close())

  it('refuses a text/plain cross-origin POST (what any web page can send) and it has no effect', async () => {
    const users = await userCount()
    const seeded = await admin('/users/seed', {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'http://evil.example' },
      body: JSON.stringify({ transactions: 50 }),
    })
    expect(seeded.status).toBe(403)
    const fault = await admin('/faults', {
      method: 'POST',
      headers: {
        'content-type': 'text/plain',
        origin: 'http://evil.example',
        'sec-fetch-site': 'cross-site',
      },
      body: JSON.stringify({ type: 'status', status: 503 }),
    })
    expect(fault.status).toBe(403)
    expect(await userCount()).toBe(users)
    expect(await faultCount()).toBe(0)
    expect(await createUser()).toBe(201)
  })

  it('refuses non-JSON admin POSTs even without an Origin', async () => {
    const response = await admin('/faults', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ type: 'status', status: 503 }),
    })
    expect(response.status).toBe(415)
    expect((await response.json()).error).toMatch(/application\/json/)
    expect(await faultCount()).toBe(0)
  })

  it('answers its own origin and programs, and refuses other origins, other sites and other ports', async () => {
    const rule = JSON.stringify({ type: 'latency', ms: 0, path: '/nowhere' })
    const post = (headers: Record<string, string>) =>
      admin('/faults', { method: 'POST', headers: { ...JSON_HEADERS, ...headers }, body: rule })
    expect((await post({ origin: 'http://evil.example' })).status).toBe(403)
    expect((await post({ origin: 'null' })).status).toBe(403)
    // Another port on 127.0.0.1 is another origin (and the same site).
    expect((await post({ origin: 'http://127.0.0.1:1' })).status).toBe(403)
    expect((await post({ 'sec-fetch-site': 'same-site' })).status).toBe(403)
    expect((await post({ 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect(await faultCount()).toBe(0)
    expect((await post({ origin: server.url, 'sec-fetch-site': 'same-origin' })).status).toBe(201)
    expect((await post({})).status).toBe(201)
    expect(await faultCount()).toBe(2)
    expect((await admin('/faults', { method: 'DELETE' })).status).toBe(204)
    // Reads too: another site's page cannot list the recorded requests.
    expect((await admin('/requests', { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403)
  })

  it('refuses a Host that is not the sandbox (DNS rebinding), sent over a raw socket', async () => {
    const body = JSON.stringify({ type: 'status', status: 503 })
    const rebound = await rawHttp(
      server.port,
      `POST /_sandbox/faults HTTP/1.1\r\nHost: rebind.evil.example:${server.port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    )
    expect(rebound.status).toBe(403)
    expect(await faultCount()).toBe(0)
    const local = await rawHttp(
      server.port,
      `GET /_sandbox HTTP/1.1\r\nHost: localhost:${server.port}\r\nConnection: close\r\n\r\n`,
    )
    expect(local.status).toBe(200)
  })

  it('lets a browser navigate to a Connect URL from the app, but not fetch it from another site', async () => {
    const uuid = (await call(server, 'POST', '/v3/aggregation/users', { body: {} })).body.uuid as string
    const token = tokenFor(server, uuid)
    const session = async () =>
      (
        await call(server, 'POST', '/v3/aggregation/connect-sessions', {
          body: { user_email: 'a@b.co' },
          token,
        })
      ).body.url as string
    // Raw requests: fetch sets its own Sec-Fetch-Mode.
    const open = async (mode: string) =>
      rawHttp(
        server.port,
        `GET ${new URL(await session()).pathname} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nSec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: ${mode}\r\nConnection: close\r\n\r\n`,
      )
    expect((await open('no-cors')).status).toBe(403)
    const navigated = await open('navigate')
    expect(navigated.status).toBe(200)
    expect(navigated.body).toMatch(/<h1>Choose your bank<\/h1>/)
  })

  it('answers 400 with the valibot issue path to bad fault rules, and later requests still work', async () => {
    const post = async (rule: unknown) => {
      const response = await admin('/faults', {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify(rule),
      })
      return { status: response.status, body: await response.json() }
    }
    const cases: [unknown, string][] = [
      [{ type: 'status', status: 503, method: 123 }, 'method'],
      [{ type: 'status', status: 503, method: 'FETCH' }, 'method'],
      [{ type: 'status', status: 99 }, 'status'],
      [{ type: 'status', status: 503.5 }, 'status'],
      [{ type: 'status', status: 503, retryAfter: '1\r\nx-injected: 1' }, 'retryAfter'],
      [{ type: 'latency', ms: 3_600_000 }, 'ms'],
      [{ type: 'status', status: 503, times: 0 }, 'times'],
      [{ type: 'status', status: 503, probability: 2 }, 'probability'],
      [{ type: 'drift', drift: 'sideways' }, 'drift'],
      [{ type: 'nope' }, 'type'],
    ]
    for (const [rule, path] of cases) {
      const { status, body } = await post(rule)
      expect({ rule, status }).toEqual({ rule, status: 400 })
      expect(body.issues.map((issue: { path: string }) => issue.path)).toContain(path)
    }
    expect(await faultCount()).toBe(0)
    expect(await createUser()).toBe(201)
    // The JavaScript API refuses the same rules.
    expect(() => server.sandbox.faults.add({ type: 'status', status: 503, method: 123 as never })).toThrow(
      /method/,
    )
  })

  it('bounds the clock: a huge advance is refused and the clock still works afterwards', async () => {
    const before = server.sandbox.clock.now()
    const advance = (ms: unknown) =>
      admin('/clock/advance', { method: 'POST', headers: JSON_HEADERS, body: `{"ms":${ms}}` })
    const huge = await advance('1e300')
    expect(huge.status).toBe(400)
    expect((await huge.json()).issues[0].path).toBe('ms')
    expect((await advance('-1')).status).toBe(400)
    expect(server.sandbox.clock.now()).toBeGreaterThanOrEqual(before)
    expect(server.sandbox.clock.now()).toBeLessThan(before + 60_000)
    const set = (now: unknown) =>
      admin('/clock/set', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ now }) })
    expect((await set(8.64e15)).status).toBe(400)
    expect((await set('+275760-09-13T00:00:00.000Z')).status).toBe(400)
    // Ten years at a time cannot walk the clock past year 9999 either.
    expect((await set('9999-06-01T00:00:00Z')).status).toBe(200)
    expect((await advance(10 * 365 * 86_400_000)).status).toBe(400)
    expect(new Date(server.sandbox.clock.now()).toISOString()).toMatch(/^9999-06-01/)
    expect(await createUser()).toBe(201)
    expect(() => server.sandbox.clock.advance(1e300)).toThrow(RangeError)
    expect((await set(before)).status).toBe(200)
  })

  it('bounds seeds and checks their types', async () => {
    const users = await userCount()
    const seed = async (options: unknown) => {
      const response = await admin('/users/seed', {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify(options),
      })
      return { status: response.status, body: await response.json() }
    }
    for (const [options, path] of [
      [{ transactions: 1_000_001 }, 'transactions'],
      [{ transactions: -1 }, 'transactions'],
      [{ accounts: 51 }, 'accounts'],
      [{ accounts: ['checking', 'vault'] }, 'accounts'],
      [{ externalUserId: 5 }, 'externalUserId'],
      [{ historyDays: 1e9 }, 'historyDays'],
    ] as const) {
      const { status, body } = await seed(options)
      expect({ options, status }).toEqual({ options, status: 400 })
      expect(body.issues.map((issue: { path: string }) => issue.path)).toContain(path)
    }
    expect(await userCount()).toBe(users)
    expect((await seed({ transactions: 3, accounts: ['checking'] })).status).toBe(201)
    expect(() => server.sandbox.seedUser({ transactions: 2_000_000 })).toThrow(/transactions/)
  })

  it('caps request bodies at 1 MiB on every route (413) and keeps serving', async () => {
    const big = JSON.stringify({ external_user_id: 'x'.repeat(1024 * 1024) })
    const api = await call(server, 'POST', '/v3/aggregation/users', { body: JSON.parse(big) })
    expect(api.status).toBe(413)
    expect(api.body.errors[0].code).toBe('payload_too_large')
    const adminBig = await admin('/users/seed', { method: 'POST', headers: JSON_HEADERS, body: big })
    expect(adminBig.status).toBe(413)
    expect(await createUser()).toBe(201)
    // Without a Content-Length (chunked), the cap holds while reading.
    const chunked = await rawHttp(
      server.port,
      `POST /v3/aggregation/users HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nBridge-Version: 2025-01-15\r\nClient-Id: sandbox-client-id\r\nClient-Secret: sandbox-client-secret\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${(1024 * 1024 + 10).toString(16)}\r\n${'a'.repeat(1024 * 1024 + 10)}\r\n0\r\n\r\n`,
    )
    expect(chunked.status).toBe(413)
    expect(await createUser()).toBe(201)
  })

  it('caps a streamed body in process too', async () => {
    const sandbox = createSandbox({ maxBodyBytes: 100 })
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(40)))
        controller.close()
      },
    })
    const response = await sandbox.fetch('http://localhost/v2/users', {
      method: 'POST',
      headers: {
        'bridge-version': '2021-06-01',
        'client-id': sandbox.clientId,
        'client-secret': sandbox.clientSecret,
        'content-type': 'application/json',
      },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(413)
    expect((await response.json()).type).toBe('payload_too_large')
  })

  it('hands out Connect URLs on its own origin even for an absolute-form request target', async () => {
    const uuid = (await call(server, 'POST', '/v3/aggregation/users', { body: {} })).body.uuid as string
    const token = tokenFor(server, uuid)
    const body = JSON.stringify({ user_email: 'a@b.co' })
    const answer = await rawHttp(
      server.port,
      [
        'POST http://evil.example/v3/aggregation/connect-sessions HTTP/1.1',
        'Host: evil.example',
        'Bridge-Version: 2025-01-15',
        'Client-Id: sandbox-client-id',
        'Client-Secret: sandbox-client-secret',
        `Authorization: Bearer ${token}`,
        'Content-Type: application/json',
        `Content-Length: ${body.length}`,
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    )
    expect(answer.status).toBe(201)
    const { url, id } = JSON.parse(answer.body) as { url: string; id: string }
    expect(url).toBe(`${server.url}/_sandbox/connect/session/${id}`)
  })
})
