import { spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { createSandbox, type RunningSandbox, startSandbox } from '../../src/sandbox/index.js'
import { verifyWebhookSignature } from '../../src/webhooks/index.js'
import { call, tokenFor, V3_HEADERS } from './helpers.js'
import { startReceiver } from './webhook-receiver.js'

const SECRET = 'whsec-actions'
const START = '2026-01-01T00:00:00.000Z'
const HOUR = 3_600_000
const V2_HEADERS = { ...V3_HEADERS, 'bridge-version': '2021-06-01' }

type Receiver = Awaited<ReturnType<typeof startReceiver>>
const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close()
})

const setUp = async (version: '2025-01-15' | '2021-06-01' = '2025-01-15') => {
  const receiver = await startReceiver(SECRET)
  const server = await startSandbox({
    seed: 4,
    now: START,
    webhooks: { urls: [receiver.url], secret: SECRET, version },
  })
  cleanup.push(receiver.close, server.close)
  return { receiver, server }
}

/** The events delivered since the last call, as `[type, content]`. */
const drain = async (server: RunningSandbox, receiver: Receiver) => {
  await server.sandbox.webhooks.idle()
  return receiver.events.splice(0).map((event) => [event.type, event.content])
}

describe('sandbox webhooks for each action', () => {
  it('changeHistory: item.account.updated per account with the counts, then item.refreshed (scheduler)', async () => {
    const { receiver, server } = await setUp()
    const seeded = server.sandbox.seedUser({ transactions: 20, accounts: 2 })
    const [first, second] = seeded.accountIds
    const [tx1, tx2] = server.sandbox.transactions(seeded.uuid, 'updated', first)
    const history = await call(server, 'POST', `/_sandbox/users/${seeded.uuid}/history`, {
      body: {
        changes: [
          { type: 'update', id: tx1?.id, amount: -1 },
          { type: 'delete', id: tx2?.id },
          { type: 'insert', accountId: second, date: '2025-12-01', amount: 5 },
        ],
      },
    })
    expect(history.status).toBe(200)
    const account = (id?: number) => server.sandbox.accounts(seeded.uuid).find((a) => a.id === id)
    expect(await drain(server, receiver)).toEqual([
      [
        'item.account.updated',
        {
          account_id: first,
          balance: account(first)?.balance,
          item_id: seeded.itemId,
          nb_deleted_transactions: 1,
          nb_new_transactions: 0,
          nb_updated_transactions: 1,
          user_uuid: seeded.uuid,
        },
      ],
      [
        'item.account.updated',
        expect.objectContaining({ account_id: second, nb_new_transactions: 1, nb_updated_transactions: 0 }),
      ],
      [
        'item.refreshed',
        expect.objectContaining({
          item_id: seeded.itemId,
          refresh_trigger: 'scheduler',
          full_refresh: false,
        }),
      ],
    ])
  })

  it('deleting an item sends item.deleted; deleting a user sends only user.deleted', async () => {
    const { receiver, server } = await setUp()
    const seeded = server.sandbox.seedUser({ transactions: 5 })
    const token = tokenFor(server, seeded.uuid)
    const other = server.sandbox.seedUser({ externalUserId: seeded.externalUserId, transactions: 5 })
    expect((await call(server, 'DELETE', `/v3/aggregation/items/${seeded.itemId}`, { token })).status).toBe(
      204,
    )
    expect(await drain(server, receiver)).toEqual([
      ['item.deleted', { item_id: seeded.itemId, user_uuid: seeded.uuid }],
    ])
    expect(other.itemId).not.toBe(seeded.itemId)
    expect((await call(server, 'DELETE', `/v3/aggregation/users/${seeded.uuid}`)).status).toBe(204)
    expect(await drain(server, receiver)).toEqual([['user.deleted', { user_uuid: seeded.uuid }]])
  })

  it('2021-06-01: a refresh through the API sends item.refreshed (api) without the 2025-01-15 fields', async () => {
    const { receiver, server } = await setUp('2021-06-01')
    const seeded = server.sandbox.seedUser({ transactions: 5 })
    const token = tokenFor(server, seeded.uuid)
    const refresh = await call(server, 'POST', `/v2/items/${seeded.itemId}/refresh`, {
      token,
      headers: V2_HEADERS,
    })
    expect(refresh.status).toBe(202)
    expect(await drain(server, receiver)).toEqual([
      [
        'item.refreshed',
        {
          full_refresh: false,
          refresh_trigger: 'api',
          item_id: seeded.itemId,
          status_code: 0,
          status_code_info: 'ok',
          user_uuid: seeded.uuid,
        },
      ],
    ])
    // 2021-06-01 has no item.deleted, user.deleted or guidance.health.ready.
    expect(
      (await call(server, 'DELETE', `/v2/items/${seeded.itemId}`, { token, headers: V2_HEADERS })).status,
    ).toBe(204)
    expect(await drain(server, receiver)).toEqual([])
    const refused = await call(server, 'POST', '/_sandbox/webhooks/trigger', {
      body: { type: 'user.deleted' },
    })
    expect(refused.status).toBe(400)
  })

  it('paying a link: transaction created, updated (PDNG), link completed; ACSC one sandbox hour later', async () => {
    const { receiver, server } = await setUp()
    const created = await call(server, 'POST', '/v3/payment/payment-links', {
      body: {
        user: { first_name: 'Ada', last_name: 'Lovelace' },
        client_reference: 'order-7',
        transactions: [{ amount: 12.5, currency: 'EUR', label: 'id-pdng-acsc', end_to_end_id: 'e2e-1' }],
      },
    })
    expect(created.status).toBe(200)
    expect(await drain(server, receiver)).toEqual([])
    const page = await fetch(created.body.url, { redirect: 'manual' })
    expect(page.status).toBe(200)
    const link = server.sandbox.paymentLinks()[0]
    const ids = {
      payment_request_id: expect.any(String),
      payment_link_id: created.body.id,
      client_reference: 'order-7',
    }
    const line = { payment_transaction_id: expect.any(String), end_to_end_id: 'e2e-1', ...ids }
    expect(await drain(server, receiver)).toEqual([
      ['payment.transaction.created', line],
      ['payment.transaction.updated', { ...line, status: 'PDNG' }],
      [
        'payment.link.updated',
        {
          payment_link_id: created.body.id,
          payment_link_status: 'completed',
          payment_link_client_reference: 'order-7',
          payment_status: 'initiated_in_success',
        },
      ],
    ])
    expect(link?.status).toBe('completed')
    await call(server, 'POST', '/_sandbox/clock/advance', { body: { ms: HOUR - 1 } })
    expect(await drain(server, receiver)).toEqual([])
    await call(server, 'POST', '/_sandbox/clock/advance', { body: { ms: 1 } })
    expect(await drain(server, receiver)).toEqual([
      ['payment.transaction.updated', { ...line, status: 'ACSC' }],
    ])
  })

  it('a guidance consent sends guidance.health.ready for that user and company', async () => {
    const { receiver, server } = await setUp()
    const seeded = server.sandbox.seedUser({ transactions: 1 })
    const consent = await call(server, 'POST', '/v3/guidance/consents', {
      body: { user_uuid: seeded.uuid, country_code: 'FR', company_identification_number: '552100554' },
    })
    expect(consent.status).toBe(200)
    expect(await drain(server, receiver)).toEqual([
      ['guidance.health.ready', { company_identification_number: '552100554', user_id: seeded.uuid }],
    ])
  })

  it('as a Worker: the deliveries a request starts go through ctx.waitUntil', async () => {
    const receiver = await startReceiver(SECRET)
    cleanup.push(receiver.close)
    const sandbox = createSandbox({ now: START, webhooks: { urls: [receiver.url], secret: SECRET } })
    cleanup.push(() => sandbox.close())
    const seeded = sandbox.seedUser({ transactions: 1 })
    const token = sandbox.issueToken(seeded.uuid).accessToken
    const waited: Promise<unknown>[] = []
    const request = new Request(`http://sandbox.local/v3/aggregation/items/${seeded.itemId}`, {
      method: 'DELETE',
      headers: { ...V3_HEADERS, authorization: `Bearer ${token}` },
    })
    const response = await sandbox.fetch(request, undefined, { waitUntil: (promise) => waited.push(promise) })
    expect(response.status).toBe(204)
    expect(waited).toHaveLength(1)
    await waited[0]
    expect(receiver.events.map((event) => event.type)).toEqual(['item.deleted'])
  })

  it('CLI: prints a generated secret and one line per attempt; `trigger` sends through a running sandbox', async () => {
    const receiver = await startReceiver('not-the-generated-one')
    cleanup.push(receiver.close)
    const cli = (args: string[]) =>
      spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/cli.ts', ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    const child = cli(['--port', '0', '--webhook-url', receiver.url])
    cleanup.push(() => void child.kill())
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += String(chunk)
    })
    const waitFor = async (pattern: RegExp) => {
      for (let i = 0; i < 300 && !pattern.test(out); i++) await new Promise((r) => setTimeout(r, 50))
      const match = pattern.exec(out)
      if (!match) throw new Error(`no ${pattern} in CLI output:\n${out}`)
      return match
    }
    const url = (await waitFor(/listening on (http:\/\/\S+)/))[1] as string
    const secret = (await waitFor(/webhook secret \(generated\): ([0-9a-f]{64})/))[1] as string
    const trigger = cli(['trigger', 'TEST_EVENT', '--url', url])
    let triggerOut = ''
    trigger.stdout.on('data', (chunk) => {
      triggerOut += String(chunk)
    })
    expect(await new Promise((resolve) => trigger.once('exit', resolve))).toBe(0)
    expect(triggerOut).toMatch(/TEST_EVENT: delivery whd_1 to http:\/\/127\.0\.0\.1:\d+\/hooks/)
    // The receiver has another secret: 401, retried later on the sandbox clock.
    await waitFor(/webhook whd_1 TEST_EVENT -> \S+ attempt 1: HTTP 401 \(\d+ ms, pending; retry at /)
    const delivered = receiver.requests[0]
    const verified = await verifyWebhookSignature({
      body: delivered?.body ?? '',
      signature: delivered?.headers['bridgeapi-signature'] as string,
      secrets: secret,
    })()
    expect(verified).toEqual({ _tag: 'Right', right: true })
  })
})
