import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { collect, createContext, createUser, getAccount, getProvider, listAccounts } from '../../src/index.js'
import {
  ConnectionReset,
  createSandbox,
  type RunningSandbox,
  sandboxContext,
  startSandbox,
} from '../../src/sandbox/index.js'
import { call, JSON_HEADERS, tokenFor } from './helpers.js'

describe('fault injection', () => {
  let server: RunningSandbox
  let token: string
  let accountId: number
  let uuid: string
  beforeAll(async () => {
    server = await startSandbox({ seed: 21 })
    const seeded = server.sandbox.seedUser({ externalUserId: 'faulty', transactions: 10, accounts: 2 })
    uuid = seeded.uuid
    accountId = seeded.accountIds[0] as number
    token = tokenFor(server, uuid)
  })
  beforeEach(() => server.sandbox.faults.clear())
  afterAll(() => server.close())

  it('answers the injected status with Bridge’s error body, per route and for a number of times', async () => {
    for (const status of [500, 502, 503, 504]) {
      server.sandbox.faults.add({ type: 'status', status, path: '/v3/providers/:id', times: 1 })
      const faulted = await call(server, 'GET', '/v3/providers/574')
      expect(faulted.status).toBe(status)
      expect(faulted.body.errors[0].code).toBe('server_error')
      expect((await call(server, 'GET', '/v3/providers/574')).status).toBe(200)
    }
    server.sandbox.faults.add({ type: 'status', status: 503, path: '/v3/aggregation/accounts' })
    expect((await call(server, 'GET', '/v3/providers/574')).status).toBe(200)
    expect((await call(server, 'GET', '/v3/aggregation/accounts', { token })).status).toBe(503)
    expect((await call(server, 'GET', '/v3/aggregation/accounts', { token })).status).toBe(503)
  })

  it('sends 429 with or without Retry-After', async () => {
    server.sandbox.faults.add({ type: 'status', status: 429, retryAfter: 7, times: 1 })
    server.sandbox.faults.add({ type: 'status', status: 429, times: 1 })
    const first = await call(server, 'GET', '/v3/providers/574')
    expect(first.status).toBe(429)
    expect(first.headers.get('retry-after')).toBe('7')
    expect(first.body.errors[0].code).toBe('too_many_requests')
    const second = await call(server, 'GET', '/v3/providers/574')
    expect(second.status).toBe(429)
    expect(second.headers.get('retry-after')).toBeNull()
  })

  it('lets the SDK retry through a 503 and records every attempt', async () => {
    server.sandbox.faults.add({ type: 'status', status: 503, path: '/v3/providers/574', times: 2 })
    server.sandbox.clearRequests()
    const ctx = createContext(sandboxContext(server, { retry: { retries: 2, baseDelayMs: 1 } }))
    const provider = await getProvider(ctx, { providerId: 574 })()
    expect(provider).toMatchObject({ _tag: 'Right', right: { id: 574, name: 'Demo bank' } })
    expect(server.sandbox.requests.map((r) => [r.status, r.fault])).toEqual([
      [503, 'status'],
      [503, 'status'],
      [200, undefined],
    ])
  })

  it('applies a status after the handler ran when asked (the POST did act)', async () => {
    server.sandbox.faults.add({
      type: 'status',
      status: 500,
      method: 'POST',
      path: '/v3/aggregation/users',
      afterHandler: true,
    })
    const users = server.sandbox.users().length
    expect((await call(server, 'POST', '/v3/aggregation/users', { body: {} })).status).toBe(500)
    expect(server.sandbox.users().length).toBe(users + 1)
  })

  it('adds latency', async () => {
    server.sandbox.faults.add({ type: 'latency', ms: 150, times: 1 })
    const started = performance.now()
    expect((await call(server, 'GET', '/v3/providers/574')).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('resets the connection: the socket closes without an answer and the SDK sees a NetworkError', async () => {
    server.sandbox.faults.add({ type: 'reset', times: 1 })
    await expect(fetch(`${server.url}/v3/providers/574`)).rejects.toThrow(TypeError)
    server.sandbox.faults.add({ type: 'reset', times: 1 })
    const ctx = createContext(sandboxContext(server, { retry: 0 }))
    const result = await getProvider(ctx, { providerId: 574 })()
    expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'NetworkError' } })
  })

  it('throws ConnectionReset from the Web handler itself', async () => {
    const sandbox = createSandbox()
    sandbox.faults.add({ type: 'reset' })
    await expect(sandbox.fetch('http://sandbox.local/v3/providers')).rejects.toBeInstanceOf(ConnectionReset)
  })

  it('truncates JSON, sends invalid JSON or an HTML page: the SDK reports a ResponseValidationError or ApiError', async () => {
    const ctx = createContext(sandboxContext(server, { retry: 0 }))
    server.sandbox.faults.add({ type: 'truncated-json', times: 1 })
    const truncated = await call(server, 'GET', '/v3/providers/574')
    expect(truncated.status).toBe(200)
    expect(truncated.text.startsWith('{"id":574')).toBe(true)
    expect(() => JSON.parse(truncated.text)).toThrow()
    server.sandbox.faults.add({ type: 'invalid-json', times: 1 })
    expect(await getProvider(ctx, { providerId: 574 })()).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'ResponseValidationError' },
    })
    server.sandbox.faults.add({ type: 'html', times: 1 })
    const html = await call(server, 'GET', '/v3/providers/574')
    expect(html.status).toBe(502)
    expect(html.headers.get('content-type')).toBe('text/html')
    expect(html.text).toContain('<h1>502 Bad Gateway</h1>')
  })

  it('drifts the schema: extra fields (stripped) and unknown enum values pass, missing and mistyped fields fail', async () => {
    const user = createContext(sandboxContext(server, { retry: 0, user: { uuid } }))
    // Per route: the SDK's token request must not take the fault.
    const one = '/v3/aggregation/accounts/:id'
    server.sandbox.faults.add({ type: 'drift', drift: 'extra-field', path: one, times: 1 })
    const drifted = await getAccount(user, { accountId })()
    expect(drifted).toMatchObject({ _tag: 'Right', right: { id: accountId } })
    // The model is exact: the added field validates but is not in the typed value.
    expect(drifted).not.toHaveProperty('right.sandbox_drift_field')
    server.sandbox.faults.add({ type: 'drift', drift: 'unknown-enum', path: one, times: 1 })
    expect(await getAccount(user, { accountId })()).toMatchObject({
      _tag: 'Right',
      right: { type: 'sandbox_unknown_value' },
    })
    server.sandbox.faults.add({
      type: 'drift',
      drift: 'missing-field',
      path: '/v3/aggregation/accounts',
      times: 1,
    })
    const missing = await collect(listAccounts(user))()
    expect(missing).toMatchObject({ _tag: 'Left', left: { _tag: 'ResponseValidationError' } })
    expect(JSON.stringify(missing)).toContain('resources.0.id')
    server.sandbox.faults.add({ type: 'drift', drift: 'wrong-type', field: 'balance', path: one, times: 1 })
    const wrong = await getAccount(user, { accountId })()
    expect(wrong).toMatchObject({ _tag: 'Left', left: { _tag: 'ResponseValidationError' } })
    expect(JSON.stringify(wrong)).toContain('balance')
  })

  it('fires by probability from the seed, the same way every run', async () => {
    const outcomes = async () => {
      const sandbox = createSandbox({ seed: 99 })
      sandbox.faults.add({ type: 'status', status: 500, probability: 0.5 })
      const ctx = createContext(sandboxContext(sandbox, { retry: 0 }))
      const statuses: string[] = []
      for (let i = 0; i < 20; i++) statuses.push((await getProvider(ctx, { providerId: 574 })())._tag)
      return statuses
    }
    const first = await outcomes()
    expect(first).toEqual(await outcomes())
    expect(first).toContain('Left')
    expect(first).toContain('Right')
  })

  it('is driven over HTTP too', async () => {
    const added = await fetch(`${server.url}/_sandbox/faults`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({
        type: 'status',
        status: 503,
        method: 'POST',
        path: '/v3/aggregation/users',
        times: 1,
      }),
    })
    expect(added.status).toBe(201)
    const { id } = await added.json()
    expect((await (await fetch(`${server.url}/_sandbox/faults`)).json()).faults).toEqual([
      {
        type: 'status',
        status: 503,
        method: 'POST',
        path: '/v3/aggregation/users',
        times: 1,
        id,
        remaining: 1,
      },
    ])
    const ctx = createContext(sandboxContext(server, { retry: 0 }))
    expect(await createUser(ctx, {})()).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'ApiError', status: 503 },
    })
    const bad = await fetch(`${server.url}/_sandbox/faults`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ type: 'nope' }),
    })
    expect(bad.status).toBe(400)
    expect((await fetch(`${server.url}/_sandbox/faults/${id}`, { method: 'DELETE' })).status).toBe(404)
  })
})
