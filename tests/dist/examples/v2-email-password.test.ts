import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../../src/sandbox/index.js'
import { sandboxEnv, startExample } from './run-example.js'

const EMAIL = 'john@doe.com'
const PASSWORD = 'pass-word-1234'

describe('examples/v2-email-password: the 2021-06-01 e-mail/password flow', () => {
  let server: RunningSandbox
  beforeAll(async () => {
    server = await startSandbox({ seed: 11 })
  })
  afterAll(() => server.close())
  const start = () =>
    startExample('examples/v2-email-password/flow.ts', [EMAIL, PASSWORD], {
      ...sandboxEnv(server),
      POLL_INTERVAL_MS: '50',
    })
  const expectedAccounts = () => {
    const user = server.sandbox.findUser('email', EMAIL)!
    return server.sandbox.accounts(user.uuid).map((a) => {
      const count = server.sandbox.transactions(user.uuid, 'date', a.id).length
      return `account ${a.name}: ${a.balance} ${a.currencyCode}, ${count} transactions`
    })
  }

  it('creates the user, waits while the user connects a bank, reads accounts and transactions, logs out', async () => {
    const flow = start()
    // Act as the user's browser: open the Connect URL the example prints.
    const url = (await flow.line(/^open /)).slice('open '.length)
    expect(url.startsWith(server.url)).toBe(true)
    expect((await fetch(`${url}?scenario=success`)).status).toBe(200)
    expect(await flow.exited).toBe(0)

    const user = server.sandbox.findUser('email', EMAIL)!
    const [item] = server.sandbox.items(user.uuid)
    expect(flow.lines).toEqual([
      `user ${EMAIL} created`,
      `open ${url}`,
      `item ${item!.id} connected (status 0)`,
      ...expectedAccounts(),
      'logged out',
    ])
    const calls = server.sandbox.requests.map((r) => `${r.method} ${r.path}`)
    expect(calls.slice(0, 3)).toEqual([
      'POST /v2/users',
      'POST /v2/authenticate',
      'POST /v2/connect/items/add',
    ])
    expect(calls.at(-1)).toBe('POST /v2/logout')
    expect(server.sandbox.requests[1]?.body).toEqual({ email: EMAIL, password: '[redacted]' })
    expect(flow.lines.join('\n')).not.toContain(PASSWORD)
  })

  it('a second run finds the user (409) and its item without waiting', async () => {
    server.sandbox.clearRequests()
    const flow = start()
    expect(await flow.exited).toBe(0)
    expect(flow.lines[0]).toBe(`user ${EMAIL} exists already`)
    expect(flow.lines.at(-1)).toBe('logged out')
    expect(server.sandbox.requests[0]).toMatchObject({ method: 'POST', path: '/v2/users', status: 409 })
  })
})
