import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createSandbox,
  type RunningSandbox,
  type StartSandboxOptions,
  startSandbox,
} from '../../src/sandbox/index.js'
import { call, tokenFor } from './helpers.js'
import { type Received, startReceiver } from './webhook-receiver.js'

const SECRET = 'whsec-test-secret'
const START = '2026-01-01T00:00:00.000Z'
const MINUTE = 60_000

type Receiver = Awaited<ReturnType<typeof startReceiver>>
const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close()
})

/** A receiver and a frozen-clock sandbox that sends it webhooks. */
const setUp = async (
  answer?: Parameters<typeof startReceiver>[1],
  options: StartSandboxOptions = {},
): Promise<{ receiver: Receiver; server: RunningSandbox }> => {
  const receiver = await startReceiver(SECRET, answer)
  const server = await startSandbox({
    seed: 3,
    now: START,
    ...options,
    webhooks: { urls: [receiver.url], secret: SECRET, ...options.webhooks },
  })
  cleanup.push(receiver.close, server.close)
  return { receiver, server }
}

const types = (receiver: Receiver) => receiver.events.map((event) => event.type)
const advance = (server: RunningSandbox, ms: number) =>
  call(server, 'POST', '/_sandbox/clock/advance', { body: { ms } })

/** A 2025-01-15 user with a completed Connect session; the webhooks it produced have been delivered. */
const connectedUser = async (server: RunningSandbox, scenario = 'success') => {
  const uuid = (await call(server, 'POST', '/v3/aggregation/users', { body: {} })).body.uuid as string
  const token = tokenFor(server, uuid)
  const session = await call(server, 'POST', '/v3/aggregation/connect-sessions', {
    body: { user_email: 'a@example.com' },
    token,
  })
  const done = await call(server, 'POST', `/_sandbox/connect-sessions/${session.body.id}/complete`, {
    body: { scenario, transactions: 30 },
  })
  await server.sandbox.webhooks.idle()
  return { uuid, token, itemId: done.body.itemId as number, accountIds: done.body.accountIds as number[] }
}

describe('sandbox webhooks', () => {
  it('a completed Connect session sends item.created, each account, then item.refreshed, all verified', async () => {
    const { receiver, server } = await setUp()
    const { uuid, itemId, accountIds } = await connectedUser(server)
    const withTransactions = accountIds.filter(
      (id) => server.sandbox.transactions(uuid, 'updated', id).length > 0,
    )
    expect(withTransactions.length).toBeGreaterThan(0)
    expect(types(receiver)).toEqual([
      'item.created',
      ...accountIds.map(() => 'item.account.created'),
      ...withTransactions.map(() => 'item.account.updated'),
      'item.refreshed',
    ])
    expect(receiver.requests.every((request) => request.status === 200)).toBe(true)
    expect(receiver.events[0]).toEqual({
      type: 'item.created',
      timestamp: Date.parse(START),
      content: { item_id: itemId, user_uuid: uuid },
    })
    const firstAccount = server.sandbox.accounts(uuid, itemId)[0]
    expect(receiver.events[1]?.content).toEqual({
      account_id: accountIds[0],
      balance: firstAccount?.balance,
      item_id: itemId,
      user_uuid: uuid,
    })
    const counted = receiver.events.map((event) =>
      event.type === 'item.account.updated' ? event.content.nb_new_transactions : 0,
    )
    expect(counted.reduce((a, b) => Number(a) + Number(b), 0)).toBe(30)
    expect(receiver.events.at(-1)?.content).toEqual({
      account_types: 'payment',
      full_refresh: true,
      refresh_trigger: 'connect',
      item_id: itemId,
      status_code: 0,
      status_code_info: 'ok',
      authentication_expires_at: new Date(Date.parse(START) + 180 * 86_400_000).toISOString(),
      user_uuid: uuid,
    })
    const headers = receiver.requests[0]?.headers ?? {}
    expect(headers['content-type']).toBe('application/json')
    const version = JSON.parse(readFileSync('package.json', 'utf8')).version
    expect(headers['user-agent']).toBe(`bridgeapi-sandbox/${version}`)
    expect(headers['bridgeapi-signature']).toMatch(/^v1=[0-9A-F]{64}$/)
  })

  it('a failed Connect scenario sends item.created and an item.refreshed with its status, no account', async () => {
    const { receiver, server } = await setUp()
    await connectedUser(server, '402')
    expect(types(receiver)).toEqual(['item.created', 'item.refreshed'])
    expect(receiver.events[1]?.content).toMatchObject({
      status_code: 402,
      status_code_info: 'invalid_creds',
      full_refresh: false,
    })
  })

  it('a receiver with another secret refuses every delivery (401), which then waits for a retry', async () => {
    const { server } = await setUp()
    const other = await startReceiver('another-secret')
    cleanup.push(other.close)
    const sandbox = createSandbox({ now: START, webhooks: { urls: [other.url], secret: SECRET } })
    cleanup.push(async () => sandbox.close())
    sandbox.webhooks.trigger('TEST_EVENT')
    await sandbox.webhooks.idle()
    expect(other.requests.map((request) => request.status)).toEqual([401])
    expect(sandbox.webhooks.deliveries()[0]).toMatchObject({
      state: 'pending',
      nextAttemptAt: Date.parse(START) + MINUTE,
    })
    expect(server.sandbox.webhooks.deliveries()).toEqual([])
  })

  it('retries after 1 and 5 minutes of the sandbox clock, with the same bytes, until a 2xx', async () => {
    const { receiver, server } = await setUp((_received, index) => (index < 2 ? { status: 500 } : undefined))
    const triggered = await call(server, 'POST', '/_sandbox/webhooks/trigger', {
      body: { type: 'TEST_EVENT' },
    })
    expect(triggered.status).toBe(201)
    await server.sandbox.webhooks.idle()
    expect(receiver.requests).toHaveLength(1)
    await advance(server, MINUTE - 1)
    await server.sandbox.webhooks.idle()
    expect(receiver.requests).toHaveLength(1)
    await advance(server, 1)
    await server.sandbox.webhooks.idle()
    expect(receiver.requests).toHaveLength(2)
    await advance(server, 5 * MINUTE)
    await server.sandbox.webhooks.idle()
    expect(receiver.requests).toHaveLength(3)
    const log = (await call(server, 'GET', '/_sandbox/webhooks/deliveries')).body.deliveries
    expect(log).toHaveLength(1)
    expect(log[0].state).toBe('delivered')
    expect(
      log[0].attempts.map((a: { status: number; at: number }) => [a.status, a.at - Date.parse(START)]),
    ).toEqual([
      [500, 0],
      [500, MINUTE],
      [200, 6 * MINUTE],
    ])
    const sent = new Set(
      receiver.requests.map((r: Received) => `${r.body}|${r.headers['bridgeapi-signature']}`),
    )
    expect(sent.size).toBe(1)
    // Bridge's TEST_EVENT example: the fixed content, a timestamp in seconds.
    expect(JSON.parse(receiver.requests[0]?.body ?? '')).toEqual({
      content: { item_id: 1234567890, status: 0, user_uuid: '9a95b38f-f98b-417a-988b-9d0d584893e7' },
      timestamp: Date.parse(START) / 1000,
      type: 'TEST_EVENT',
    })
  })

  it('gives up after six attempts (1 min, 5 min, 30 min, 2 h, 6 h)', async () => {
    const { receiver, server } = await setUp(() => ({ status: 503 }))
    server.sandbox.webhooks.trigger('TEST_EVENT')
    for (const wait of [0, ...server.sandbox.webhooks.retryDelaysMs, 24 * 60 * MINUTE]) {
      await advance(server, wait)
      await server.sandbox.webhooks.idle()
    }
    expect(receiver.requests).toHaveLength(6)
    expect(server.sandbox.webhooks.deliveries()[0]?.state).toBe('failed')
  })

  it('does not follow a redirect: the 3xx is a failed attempt and the target is never called', async () => {
    const { receiver, server } = await setUp((received) =>
      received.path === '/hooks' ? { status: 307, headers: { location: '/elsewhere' } } : undefined,
    )
    server.sandbox.webhooks.trigger('TEST_EVENT')
    await server.sandbox.webhooks.idle()
    expect(receiver.requests.map((r) => r.path)).toEqual(['/hooks'])
    expect(server.sandbox.webhooks.deliveries()[0]?.attempts[0]).toMatchObject({
      status: 307,
      error: 'redirect not followed',
    })
  })

  it('ends an attempt after 10 s without an answer: a failed attempt, retried later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      let started: () => void = () => {}
      const called = new Promise<void>((resolve) => {
        started = resolve
      })
      // A receiver that never answers: the request ends only when its signal aborts.
      const silent: typeof fetch = (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          started()
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))
        })
      const sandbox = createSandbox({
        now: START,
        webhooks: { urls: ['http://127.0.0.1:9/hooks'], fetch: silent },
      })
      sandbox.webhooks.trigger('TEST_EVENT')
      await called
      vi.advanceTimersByTime(9_999)
      await Promise.resolve()
      expect(sandbox.webhooks.deliveries()[0]?.attempts).toEqual([])
      vi.advanceTimersByTime(1)
      await sandbox.webhooks.idle()
      expect(sandbox.webhooks.deliveries()[0]).toMatchObject({
        state: 'pending',
        attempts: [{ number: 1, error: 'timeout after 10000 ms' }],
        nextAttemptAt: Date.parse(START) + MINUTE,
      })
      sandbox.close()
    } finally {
      vi.useRealTimers()
    }
  })

  it('close() cancels waiting retries', async () => {
    const { receiver, server } = await setUp(() => ({ status: 500 }))
    server.sandbox.webhooks.trigger('TEST_EVENT')
    await server.sandbox.webhooks.idle()
    server.sandbox.close()
    server.sandbox.clock.advance(24 * 60 * MINUTE)
    await server.sandbox.webhooks.idle()
    expect(receiver.requests).toHaveLength(1)
    expect(server.sandbox.webhooks.deliveries()[0]?.state).toBe('failed')
  })

  it('redelivers a past delivery: a new delivery with the same body', async () => {
    const { receiver, server } = await setUp()
    server.sandbox.webhooks.trigger('item.created')
    await server.sandbox.webhooks.idle()
    const first = server.sandbox.webhooks.deliveries()[0]
    const again = await call(server, 'POST', `/_sandbox/webhooks/deliveries/${first?.id}/redeliver`, {
      body: {},
    })
    expect(again.status).toBe(201)
    expect(again.body.delivery).toMatchObject({ redeliveryOf: first?.id, body: first?.body })
    expect(again.body.delivery.id).not.toBe(first?.id)
    await server.sandbox.webhooks.idle()
    expect(receiver.requests.map((r) => [r.body, r.status])).toEqual([
      [first?.body, 200],
      [first?.body, 200],
    ])
    expect(
      (await call(server, 'POST', '/_sandbox/webhooks/deliveries/whd_999/redeliver', { body: {} })).status,
    ).toBe(404)
  })

  it('triggers every event type through the admin API, each verified by the SDK', async () => {
    const { receiver, server } = await setUp()
    await connectedUser(server)
    receiver.events.length = 0
    const all = [
      'item.created',
      'item.refreshed',
      'item.deleted',
      'item.account.created',
      'item.account.updated',
      'item.account.deleted',
      'user.deleted',
      'payment.transaction.created',
      'payment.transaction.updated',
      'payment.link.updated',
      'guidance.health.ready',
      'TEST_EVENT',
    ]
    for (const type of all) {
      const sent = await call(server, 'POST', '/_sandbox/webhooks/trigger', {
        body: { type },
      })
      expect(sent.status).toBe(201)
    }
    await server.sandbox.webhooks.idle()
    expect(types(receiver)).toEqual(all)
    expect(receiver.requests.every((request) => request.status === 200)).toBe(true)
    receiver.events.length = 0
    const body = { type: 'item.refreshed', content: { status_code: 1010, status_code_info: 'otp_required' } }
    expect((await call(server, 'POST', '/_sandbox/webhooks/trigger', { body })).status).toBe(201)
    await server.sandbox.webhooks.idle()
    expect(receiver.events[0]?.content).toMatchObject(body.content)
    const unknown = await call(server, 'POST', '/_sandbox/webhooks/trigger', {
      body: { type: 'item.exploded' },
    })
    expect(unknown.status).toBe(400)
  })

  it('has no route that sets webhook URLs, and never shows the secret', async () => {
    const { server } = await setUp()
    const attempt = await call(server, 'POST', '/_sandbox/webhooks', {
      body: { urls: ['http://evil.example'] },
    })
    expect(attempt.status).toBe(404)
    expect(server.sandbox.webhooks.urls).toHaveLength(1)
    expect(JSON.stringify(server.sandbox.webhooks)).not.toContain(SECRET)
    expect(String(server.sandbox.webhooks.secret)).not.toContain(SECRET)
  })

  it('generates a different random secret for each sandbox when none is given', () => {
    const secrets = [1, 2].map(() => {
      const sandbox = createSandbox({ webhooks: { urls: ['http://127.0.0.1:9/hooks'] } })
      sandbox.close()
      return sandbox.webhooks.secret.reveal()
    })
    expect(secrets[0]).toMatch(/^[0-9a-f]{64}$/)
    expect(secrets[1]).not.toBe(secrets[0])
  })
})
