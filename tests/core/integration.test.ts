import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  collect,
  createContext,
  getAccount,
  getProvider,
  isAuthenticated,
  listAccounts,
  listTransactions,
  renewAuth,
} from '../../src/index.js'
import {
  type RunningSandbox,
  SANDBOX_CLIENT_SECRET,
  type SeededUser,
  startSandbox,
} from '../../src/sandbox/index.js'

/** The core engine end to end, over real HTTP to the sandbox on 127.0.0.1. */
describe('core engine against the sandbox', () => {
  let running: RunningSandbox
  let user: SeededUser
  const TOKEN_PATH = '/v3/aggregation/authorization/token'

  beforeAll(async () => {
    running = await startSandbox({ port: 0, seed: 7, now: '2026-11-28T10:00:00.000Z' })
    user = running.sandbox.seedUser({ externalUserId: 'core-user', transactions: 230, accounts: 2 })
  })
  afterAll(() => running.close())

  const context = (options: Partial<Parameters<typeof createContext>[0]> = {}) =>
    createContext({
      clientId: 'sandbox-client-id',
      clientSecret: SANDBOX_CLIENT_SECRET,
      baseUrl: running.url,
      now: running.sandbox.clock.now,
      user: { externalUserId: 'core-user' },
      ...options,
    })
  const requestsTo = (path: string) => running.sandbox.requests.filter((r) => r.path === path)

  it('sends the headers Bridge requires, and the sandbox accepts them', async () => {
    const before = running.sandbox.requests.length
    const result = await getProvider(context(), { providerId: 574 }, { language: 'fr' })()
    expect(result).toMatchObject({ _tag: 'Right', right: { id: 574, country_code: 'FR' } })
    const recorded = running.sandbox.requests.slice(before)
    expect(recorded).toHaveLength(1)
    expect(recorded[0]).toMatchObject({
      method: 'GET',
      path: '/v3/providers/574',
      status: 200,
      headers: { 'bridge-version': '2025-01-15', 'client-id': 'sandbox-client-id', 'accept-language': 'fr' },
    })
    expect(recorded[0]?.headers).not.toHaveProperty('authorization')
  })

  it('gets a token, reads an account, pages through every transaction, and maps a 404', async () => {
    const ctx = context()
    const account = await getAccount(ctx, { accountId: user.accountIds[0]! })()
    expect(account).toMatchObject({ _tag: 'Right', right: { id: user.accountIds[0] } })

    const accounts = await collect(listAccounts(ctx))()
    expect(accounts._tag === 'Right' && accounts.right.map((a) => a.id).sort()).toEqual(
      [...user.accountIds].sort(),
    )

    const ids = new Set<number>()
    let pages = 0
    for await (const page of listTransactions(ctx, { limit: 50 }).pages()) {
      if (page._tag === 'Left') throw new Error(JSON.stringify(page.left))
      pages += 1
      for (const tx of page.right.items) ids.add(tx.id)
    }
    expect(ids.size).toBe(230)
    expect(pages).toBe(5)

    const missing = await getAccount(ctx, { accountId: 999_999_999 })()
    expect(missing).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'ApiError', status: 404, code: 'account.not_found' },
    })
  })

  it('filters hold across pages', async () => {
    const accountId = user.accountIds[1]!
    const all = await collect(listTransactions(context(), { accountId, limit: 5 }))()
    expect(all._tag).toBe('Right')
    if (all._tag !== 'Right') return
    expect(all.right.length).toBeGreaterThan(5)
    expect(all.right.every((tx) => tx.account_id === accountId)).toBe(true)
  })

  it('renews the token when the sandbox clock passes expires_at, once for many concurrent calls', async () => {
    const ctx = context()
    await getAccount(ctx, { accountId: user.accountIds[0]! })()
    const tokensBefore = requestsTo(TOKEN_PATH).length
    running.sandbox.clock.advance(3 * 3_600_000)
    const results = await Promise.all(
      Array.from({ length: 50 }, () => getAccount(ctx, { accountId: user.accountIds[0]! })()),
    )
    expect(results.every((r) => r._tag === 'Right')).toBe(true)
    expect(requestsTo(TOKEN_PATH).length - tokensBefore).toBe(1)
  })

  it('manual mode sends nothing without a token, then works after renewAuth', async () => {
    const ctx = context({ autoRenew: false })
    const before = running.sandbox.requests.length
    expect(await getAccount(ctx, { accountId: user.accountIds[0]! })()).toMatchObject({
      left: { _tag: 'AuthenticationError', reason: 'manual_mode' },
    })
    expect(running.sandbox.requests.length).toBe(before)
    const token = await renewAuth(ctx)()
    expect(token._tag).toBe('Right')
    expect(await isAuthenticated(ctx)()).toEqual({ _tag: 'Right', right: true })
    expect((await getAccount(ctx, { accountId: user.accountIds[0]! })())._tag).toBe('Right')
  })

  it('turns wrong client credentials into an ApiError 401 with Bridge’s code', async () => {
    const result = await getProvider(context({ clientSecret: 'wrong-secret' }), { providerId: 574 })()
    expect(result).toMatchObject({
      left: { _tag: 'ApiError', status: 401, code: 'invalid_client_credentials' },
    })
    expect(JSON.stringify(result)).not.toContain('wrong-secret')
  })
})
