import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConnectError, type RunningSandbox, startSandbox } from '../../src/sandbox/index.js'
import { call, JSON_HEADERS, tokenFor } from './helpers.js'

describe('Connect sessions and the admin API', () => {
  let server: RunningSandbox
  let uuid: string
  let token: string
  beforeAll(async () => {
    server = await startSandbox({ seed: 5 })
    uuid = (await call(server, 'POST', '/v3/aggregation/users', { body: { external_user_id: 'connect-1' } }))
      .body.uuid
    token = tokenFor(server, uuid)
  })
  afterAll(() => server.close())

  const session = async (body: Record<string, unknown> = { user_email: 'a@example.com' }) =>
    (await call(server, 'POST', '/v3/aggregation/connect-sessions', { body, token })).body as {
      id: string
      url: string
    }

  it('creates an item with accounts and transactions when the session completes', async () => {
    const { id, url } = await session()
    expect(url).toBe(`${server.url}/_sandbox/connect/session/${id}`)
    expect((await call(server, 'GET', '/v3/aggregation/items', { token })).body.resources).toEqual([])
    const result = server.sandbox.completeConnectSession(id, { transactions: 40 })
    expect(result).toMatchObject({ sessionId: id, userUuid: uuid, status: 0 })
    const item = await call(server, 'GET', `/v3/aggregation/items/${result.itemId}`, { token })
    expect(item.body).toMatchObject({
      id: result.itemId,
      status: 0,
      status_code_info: 'ok',
      provider_id: 574,
    })
    const accounts = await call(server, 'GET', `/v3/aggregation/accounts?item_id=${result.itemId}`, { token })
    expect(accounts.body.resources.map((a: { id: number }) => a.id)).toEqual(result.accountIds)
    expect(accounts.body.resources.map((a: { type: string }) => a.type)).toEqual([
      'checking',
      'checking',
      'card',
      'savings',
      'loan',
      'brokerage',
    ])
    const txs = await call(server, 'GET', '/v3/aggregation/transactions?limit=500', { token })
    expect(txs.body.resources).toHaveLength(40)
    expect(() => server.sandbox.completeConnectSession(id)).toThrow(ConnectError)
  })

  it('completes when the session URL is opened, redirecting to the callback with Bridge parameters', async () => {
    const { id, url } = await session({
      user_email: 'a@example.com',
      callback_url: 'https://app.example.com/done',
      context: 'abc-1',
    })
    const response = await fetch(`${url}?scenario=402`, { redirect: 'manual' })
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('location') as string)
    const itemId = location.searchParams.get('item_id')
    expect(`${location.origin}${location.pathname}`).toBe('https://app.example.com/done')
    expect(Object.fromEntries(location.searchParams)).toEqual({
      user_uuid: uuid,
      item_id: itemId,
      success: 'false',
      step: 'bank_creds_form',
      source: 'connect',
      context: 'abc-1',
    })
    const item = await call(server, 'GET', `/v3/aggregation/items/${itemId}`, {
      token,
      headers: { 'accept-language': 'fr' },
    })
    expect(item.body).toMatchObject({ status: 402, status_code_info: 'invalid_creds' })
    expect(item.body.status_code_description).toMatch(/Identifiants incorrects/)
    expect(
      (await call(server, 'GET', `/v3/aggregation/accounts?item_id=${itemId}`, { token })).body.resources,
    ).toEqual([])
    expect(server.sandbox.session(id)?.completedItemId).toBe(Number(itemId))
  })

  it('renews SCA on an existing item through a session with item_id', async () => {
    const first = server.sandbox.completeConnectSession((await session()).id, {
      scenario: 'success.1010',
      transactions: 5,
    })
    expect(first.status).toBe(1010)
    const renewal = await session({ item_id: first.itemId })
    const admin = await fetch(`${server.url}/_sandbox/connect-sessions/${renewal.id}/complete`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ scenario: 'success' }),
    })
    expect(admin.status).toBe(200)
    expect(await admin.json()).toMatchObject({
      itemId: first.itemId,
      status: 0,
      accountIds: first.accountIds,
    })
    expect((await call(server, 'GET', `/v3/aggregation/items/${first.itemId}`, { token })).body.status).toBe(
      0,
    )
    const again = await fetch(`${server.url}/_sandbox/connect-sessions/${renewal.id}/complete`, {
      method: 'POST',
      headers: JSON_HEADERS,
    })
    expect(again.status).toBe(409)
    const unknown = await fetch(`${server.url}/_sandbox/connect-sessions/nope/complete`, {
      method: 'POST',
      headers: JSON_HEADERS,
    })
    expect(unknown.status).toBe(404)
  })

  it('rejects an invalid account_types with the session-specific error', async () => {
    const bad = await call(server, 'POST', '/v3/aggregation/connect-sessions', {
      body: { account_types: 'x' },
      token,
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]).toEqual({
      code: 'connect_session.account_types_invalid',
      property: 'account_types',
      message: 'The account_types parameter is invalid. It should be payment or all.',
    })
  })

  it('moves the clock, seeds users and lists recorded requests over HTTP', async () => {
    const before = server.sandbox.clock.now()
    const advanced = await fetch(`${server.url}/_sandbox/clock/advance`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ ms: 60_000 }),
    })
    expect((await advanced.json()).ms).toBeGreaterThanOrEqual(before + 60_000)
    const seeded = await fetch(`${server.url}/_sandbox/users/seed`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ externalUserId: 'seeded-by-http', transactions: 12, accounts: 2 }),
    })
    expect(seeded.status).toBe(201)
    const body = await seeded.json()
    expect(body).toMatchObject({
      externalUserId: 'seeded-by-http',
      accountIds: [expect.any(Number), expect.any(Number)],
    })
    expect(server.sandbox.transactions(body.uuid, 'updated')).toHaveLength(12)
    await fetch(`${server.url}/_sandbox/requests`, { method: 'DELETE' })
    await call(server, 'GET', '/v3/providers/574')
    const recorded = await (await fetch(`${server.url}/_sandbox/requests`)).json()
    expect(
      recorded.requests.map((r: { method: string; path: string; status: number }) => [
        r.method,
        r.path,
        r.status,
      ]),
    ).toEqual([['GET', '/v3/providers/574', 200]])
    expect(
      (
        await fetch(`${server.url}/_sandbox/clock/advance`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: '{"ms":-1}',
        })
      ).status,
    ).toBe(400)
  })
})

describe('bridgeapi-sandbox CLI', () => {
  it('listens on the port it prints and serves the seeded user', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/sandbox/cli.ts', '--port', '0', '--seed', '9', '--user', 'cli-user:25'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (chunk) => {
          out += String(chunk)
          const match = /listening on (http:\/\/\S+)/.exec(out)
          if (match) resolve(match[1] as string)
        })
        child.once('exit', (code) => reject(new Error(`CLI exited with ${code}: ${out}`)))
      })
      const status = await (await fetch(`${url}/_sandbox`)).json()
      expect(status).toMatchObject({ ok: true, seed: 9, users: 1 })
      const token = await fetch(`${url}/v3/aggregation/authorization/token`, {
        method: 'POST',
        headers: {
          'bridge-version': '2025-01-15',
          'client-id': 'sandbox-client-id',
          'client-secret': 'sandbox-client-secret',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ external_user_id: 'cli-user' }),
      })
      expect(token.status).toBe(201)
    } finally {
      child.kill('SIGTERM')
    }
  })
})
