import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../../src/sandbox/index.js'
import { sandboxEnv, startExample } from './run-example.js'

const SECRET = 'whsec-current-0123456789'
const PREVIOUS = 'whsec-previous-9876543210'
/** Bridge's signature, computed independently of the SDK: upper-case hex HMAC-SHA256 of the raw body. */
const sign = (body: string, secret = SECRET) =>
  `v1=${createHmac('sha256', secret).update(body).digest('hex').toUpperCase()}`

describe('examples/webhook-receiver', () => {
  let sandbox: RunningSandbox
  let receiver: ReturnType<typeof startExample>
  let url: string
  const deliver = (body: string, signature?: string, method = 'POST') =>
    fetch(`${url}/webhooks/bridge`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(signature ? { 'BridgeApi-Signature': signature } : {}),
      },
      ...(method === 'POST' ? { body } : {}),
    })

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 3, users: [{ externalUserId: 'hook-user', accounts: 1 }] })
    receiver = startExample('examples/webhook-receiver/server.ts', [], {
      ...sandboxEnv(sandbox),
      BRIDGE_WEBHOOK_SECRET: SECRET,
      BRIDGE_WEBHOOK_SECRET_PREVIOUS: PREVIOUS,
      PORT: '0',
    })
    url = (await receiver.line(/^listening on /)).replace('listening on ', '')
  })
  afterAll(async () => {
    receiver?.stop()
    await sandbox?.close()
  })

  it('verifies a signed item.account.updated, answers 200, then reads the account with the SDK', async () => {
    const user = sandbox.sandbox.findUser('externalUserId', 'hook-user')!
    const [account] = sandbox.sandbox.accounts(user.uuid)
    const body = JSON.stringify({
      content: {
        account_id: account!.id,
        item_id: account!.itemId,
        user_uuid: user.uuid,
        nb_new_transactions: 15,
      },
      timestamp: 1612782588323,
      type: 'item.account.updated',
    })
    expect((await deliver(body, sign(body))).status).toBe(200)
    expect(await receiver.line(/^account /)).toBe(
      `account ${account!.id} "${account!.name}": balance ${account!.balance} ${account!.currencyCode}, 15 new`,
    )
    const read = sandbox.sandbox.requests.find((r) => r.path === `/v3/aggregation/accounts/${account!.id}`)
    expect(read?.status).toBe(200)
  })

  it('accepts the previous secret during a rotation (several v1= values)', async () => {
    const body = JSON.stringify({ content: {}, timestamp: 1612782588323, type: 'TEST_EVENT' })
    const header = `v1=${'0'.repeat(64)},${sign(body, PREVIOUS)}`
    expect((await deliver(body, header)).status).toBe(200)
    expect(await receiver.line(/^test event/)).toBe('test event received')
  })

  it('rejects a wrong or missing signature (401), a signed non-event (400) and GET (405)', async () => {
    const body = JSON.stringify({ content: {}, timestamp: 1, type: 'TEST_EVENT' })
    expect((await deliver(body, sign(body, 'not-the-secret'))).status).toBe(401)
    expect(await receiver.line(/^rejected: WebhookSignatureError /)).toBe(
      'rejected: WebhookSignatureError mismatch',
    )
    expect((await deliver(body)).status).toBe(401)
    expect((await deliver('[1,2]', sign('[1,2]'))).status).toBe(400)
    expect(await receiver.line(/^rejected: WebhookPayloadError /)).toBe(
      'rejected: WebhookPayloadError invalid_event',
    )
    expect((await deliver('', undefined, 'GET')).status).toBe(405)
  })

  it('refuses an unsigned request before reading it, and a body over 1 MiB (413)', async () => {
    const body = JSON.stringify({ content: { pad: 'x'.repeat(2_000_000) }, timestamp: 1, type: 'TEST_EVENT' })
    expect((await deliver(body)).status).toBe(401)
    expect(await receiver.line(/^rejected: no signature/)).toBe('rejected: no signature')
    expect((await deliver(body, sign(body))).status).toBe(413)
  })
})
