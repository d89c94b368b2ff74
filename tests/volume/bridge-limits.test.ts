/**
 * The rate limiter against the sandbox's own count of Bridge's limits (60 per user per 60 s, 10 token
 * requests per user per 60 s, 2,000 per application per 5 min), over real HTTP, in virtual time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  type Context,
  collect,
  getAccount,
  getProvider,
  listAccounts,
  listTransactions,
  memoryTokenStore,
  renewAuth,
  syncTransactions,
} from '../../src/index.js'
import type { RunningSandbox } from '../../src/sandbox/index.js'
import { START, startLimitedSandbox, userContext, virtualLimiter } from '../limiter/helpers.js'

// Thousands of real HTTP exchanges: slow on a loaded machine, though no test waits for real time.
vi.setConfig({ testTimeout: 180_000 })

let server: RunningSandbox | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** Every page of a user's transactions: the number of transactions and the errors met. */
const paginate = async (ctx: Context) => {
  let transactions = 0
  const errors: string[] = []
  for await (const page of listTransactions(ctx, { limit: 500 }).pages()) {
    if (page._tag === 'Left') errors.push(`${page.left._tag}: ${page.left.message}`)
    else transactions += page.right.items.length
  }
  return { transactions, errors }
}

describe('a 100,000-transaction pagination (200 pages of 500)', () => {
  it('with the limiter: no request over any limit, no 429, in a little over 3 minutes of sandbox time', async () => {
    const started = await startLimitedSandbox()
    server = started.server
    const { uuid } = server.sandbox.seedUser({ transactions: 100_000, accounts: 3 })
    const limiter = virtualLimiter(started.time)
    const ctx = userContext(server, started.time, { uuid }, { rateLimiter: limiter })

    expect(await paginate(ctx)).toEqual({ transactions: 100_000, errors: [] })
    expect(server.sandbox.rateLimitReport()).toEqual({
      requests: 201, // one token request, 200 pages
      overLimit: 0,
      overBy: { user: 0, token: 0, application: 0 },
      // The user's window was used to the full (the limiter does not waste the budget).
      peak: { user: 60, token: 1, application: 201 },
      refused: 0,
    })
    // 201 requests at 60 per minute: the last batch starts 3 full windows after the first.
    expect(server.sandbox.clock.now() - START).toBe(180_000)
  })

  it('syncTransactions with the limiter: the same 201 requests, none over any limit, no 429', async () => {
    const started = await startLimitedSandbox()
    server = started.server
    const { uuid } = server.sandbox.seedUser({ transactions: 100_000, accounts: 3 })
    const ctx = userContext(server, started.time, { uuid }, { rateLimiter: virtualLimiter(started.time) })
    let handled = 0 // upserted and deleted (the sandbox's history has some deleted transactions)
    const errors: string[] = []
    for await (const batch of syncTransactions(ctx, { limit: 500 })) {
      if (batch._tag === 'Left') errors.push(`${batch.left._tag}: ${batch.left.message}`)
      else handled += batch.right.upserted.length + batch.right.deleted.length
    }
    expect({ handled, errors }).toEqual({ handled: 100_000, errors: [] })
    expect(server.sandbox.rateLimitReport()).toMatchObject({
      requests: 201,
      overLimit: 0,
      peak: { user: 60, token: 1, application: 201 },
      refused: 0,
    })
    expect(server.sandbox.clock.now() - START).toBe(180_000)
  })

  it('without it, the sandbox counts the requests over the user limit (and answers 429 when enforcing)', async () => {
    const started = await startLimitedSandbox(false)
    server = started.server
    const { uuid } = server.sandbox.seedUser({ transactions: 100_000, accounts: 3 })
    const ctx = userContext(server, started.time, { uuid })

    expect(await paginate(ctx)).toEqual({ transactions: 100_000, errors: [] })
    // All 201 requests arrive in the same instant: every one after the 60th is over the user limit.
    expect(server.sandbox.rateLimitReport()).toEqual({
      requests: 201,
      overLimit: 141,
      overBy: { user: 141, token: 0, application: 0 },
      peak: { user: 201, token: 1, application: 201 },
      refused: 0,
    })

    const enforcing = await startLimitedSandbox(true)
    await server.close()
    server = enforcing.server
    const seeded = server.sandbox.seedUser({ transactions: 100_000, accounts: 3 })
    const result = await paginate(userContext(server, enforcing.time, { uuid: seeded.uuid }))
    // The 60th page request is the 61st request of the user (after the token request): refused.
    expect(result).toEqual({
      transactions: 59 * 500,
      errors: ['ApiError: Too many requests'],
    })
    expect(server.sandbox.rateLimitReport().refused).toBe(1)
  })
})

describe('1,000 concurrent calls from 10 users, a fifth of them token requests', () => {
  it('with one limiter: all succeed, none over any limit, and the user and token windows were full', async () => {
    const started = await startLimitedSandbox()
    server = started.server
    const running = server
    const users = Array.from({ length: 10 }, () => running.sandbox.seedUser({ transactions: 5, accounts: 1 }))
    const rateLimiter = virtualLimiter(started.time)
    const shared = users.map((user) =>
      userContext(running, started.time, { uuid: user.uuid }, { rateLimiter }),
    )

    const calls = Array.from({ length: 1_000 }, async (_, i) => {
      const user = users[i % 10]!
      const ctx = shared[i % 10]!
      switch (Math.floor(i / 10) % 5) {
        case 0: // a token request of its own (its own token store: no single flight to share)
          return (
            await renewAuth(
              userContext(
                running,
                started.time,
                { uuid: user.uuid },
                { rateLimiter, tokenStore: memoryTokenStore() },
              ),
            )()
          )._tag
        case 1:
          return (await collect(listAccounts(ctx))())._tag
        case 2:
          return (await getProvider(ctx, { providerId: 574 })())._tag // application-level
        default:
          return (await getAccount(ctx, { accountId: user.accountIds[0]! })())._tag
      }
    })
    const results = await Promise.all(calls)

    expect(results.filter((tag) => tag !== 'Right')).toEqual([])
    const report = server.sandbox.rateLimitReport()
    expect(report).toEqual({
      requests: 1_010, // 1,000 calls and each user's first token for its shared context
      overLimit: 0,
      overBy: { user: 0, token: 0, application: 0 },
      peak: { user: 60, token: 10, application: 1_010 },
      refused: 0,
    })
  })

  it('2,100 calls from 50 users: the application window (2,000 per 5 min) holds too', async () => {
    const started = await startLimitedSandbox()
    server = started.server
    const running = server
    const users = Array.from({ length: 50 }, () => running.sandbox.seedUser({ transactions: 5, accounts: 1 }))
    const rateLimiter = virtualLimiter(started.time)
    const contexts = users.map((user) =>
      userContext(running, started.time, { uuid: user.uuid }, { rateLimiter }),
    )
    const results = await Promise.all(
      Array.from(
        { length: 2_100 },
        async (_, i) =>
          (await getAccount(contexts[i % 50]!, { accountId: users[i % 50]!.accountIds[0]! })())._tag,
      ),
    )

    expect(results.filter((tag) => tag !== 'Right')).toEqual([])
    const report = server.sandbox.rateLimitReport()
    expect(report).toMatchObject({ requests: 2_150, overLimit: 0, refused: 0 })
    expect(report.peak.application).toBe(2_000)
    // The 2,001st request had to wait for the first application window to pass.
    expect(server.sandbox.clock.now() - START).toBeGreaterThanOrEqual(300_000)
  })
})
