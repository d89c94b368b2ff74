/**
 * Token lifecycle under load: waves of 1 000 concurrent calls for 10 users (two contexts per user,
 * all sharing one token store) while the sandbox clock jumps past `expires_at`. Each expiry costs
 * exactly one token request per user, and no call fails because of it. A failing token store gives
 * a typed error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Context,
  type ContextOptions,
  getAccount,
  memoryTokenStore,
  type TokenStore,
} from '../../src/index.js'
import type { RunningSandbox, SeededUser } from '../../src/sandbox/index.js'
import {
  addSecret,
  checkSecretsAfterAll,
  kept,
  openSandbox,
  requestsTo,
  sandboxCtx,
  tokenRequestsByUser,
  witnessStore,
} from '../reliability/helpers.js'
import { leftOf } from '../support/either.js'

const USERS = 10
const CALLS = 1000
const TOKEN_LIFETIME = 2 * 60 * 60 * 1000
const MINUTE = 60_000

let server: RunningSandbox
let users: SeededUser[]
let callsMade = 0

beforeAll(async () => {
  server = await openSandbox({ seed: 'tokens' })
  users = Array.from({ length: USERS }, (_, i) =>
    server.sandbox.seedUser({ externalUserId: `load-user-${i}`, transactions: 5, accounts: 1 }),
  )
})

checkSecretsAfterAll('tokens')
afterAll(() => {
  console.log(`[reliability] token lifecycle: ${callsMade} concurrent calls across ${USERS} users`)
})

/**
 * Two contexts per user over one shared store, so single flight must hold across contexts too.
 * They call the sandbox's handler in process (no socket) unless told otherwise: these tests are
 * about the SDK's concurrency, and 1 000 loopback sockets on this 2-core machine take seconds.
 */
const contextsFor = (store: TokenStore, options: Partial<ContextOptions> = {}): Context[] =>
  users.flatMap((user) =>
    [0, 1].map(() =>
      sandboxCtx(server, {
        user: { externalUserId: user.externalUserId! },
        tokenStore: store,
        fetch: server.sandbox.fetch as typeof globalThis.fetch,
        ...options,
      }),
    ),
  )

interface Wave {
  readonly tokenRequests: Map<string, number>
  /** Account requests Bridge refused with 401 (a token it considered expired). */
  readonly rejected: number
}

/** 1 000 concurrent `getAccount` calls spread over the contexts; every one must succeed. */
const wave = async (contexts: readonly Context[]): Promise<Wave> => {
  server.sandbox.clearRequests()
  const results = await Promise.all(
    Array.from({ length: CALLS }, (_, i) => {
      const ctx = contexts[i % contexts.length]!
      const user = users[(i % contexts.length) >> 1]!
      return getAccount(ctx, { accountId: user.accountIds[0]! })().then(kept)
    }),
  )
  callsMade += results.length
  const failures = results.filter((result) => result._tag === 'Left')
  expect(failures.map((failure) => (failure._tag === 'Left' ? failure.left : undefined))).toEqual([])
  // Each call got its own user's account.
  results.forEach((result, i) => {
    const user = users[(i % contexts.length) >> 1]!
    expect(result).toMatchObject({ _tag: 'Right', right: { id: user.accountIds[0] } })
  })
  const rejected = server.sandbox.requests.filter(
    (request) => request.path.startsWith('/v3/aggregation/accounts/') && request.status === 401,
  ).length
  return { tokenRequests: tokenRequestsByUser(server), rejected }
}

const onePerUser = (): Map<string, number> => new Map(users.map((user) => [user.externalUserId!, 1]))

describe('token lifecycle under load', () => {
  it('one token request per user per expiry, as the clock jumps past expires_at', async () => {
    const contexts = contextsFor(witnessStore())
    const clock = server.sandbox.clock

    const first = await wave(contexts)
    expect(first.tokenRequests).toEqual(onePerUser())

    clock.advance(30 * MINUTE)
    const stillFresh = await wave(contexts)
    expect(stillFresh.tokenRequests).toEqual(new Map())

    // Past expires_at: renewed before use, once per user.
    clock.advance(TOKEN_LIFETIME)
    const expired = await wave(contexts)
    expect(expired.tokenRequests).toEqual(onePerUser())
    expect(expired.rejected).toBe(0)

    // 30 s before expiry is inside renewBeforeMs (60 s): renewed ahead, once per user.
    clock.advance(TOKEN_LIFETIME - 30_000)
    const aboutToExpire = await wave(contexts)
    expect(aboutToExpire.tokenRequests).toEqual(onePerUser())
    expect(aboutToExpire.rejected).toBe(0)
  })

  it('over loopback HTTP too: 1 000 concurrent calls past expires_at, one token request per user', async () => {
    // Undici queues 1 000 sockets' worth of requests: the per-attempt timeout must cover the queue.
    const contexts = contextsFor(witnessStore(), { fetch: globalThis.fetch, timeoutMs: 60_000 })
    server.sandbox.clock.advance(TOKEN_LIFETIME + MINUTE)
    const overHttp = await wave(contexts)
    expect(overHttp.tokenRequests).toEqual(onePerUser())
    expect(overHttp.rejected).toBe(0)
  }, 90_000)

  it('one token request per user when Bridge expires tokens the client still thinks fresh (401)', async () => {
    // The client's clock stands still while the sandbox's jumps: only the 401 tells the client.
    const frozenClientNow = server.sandbox.clock.now()
    const contexts = contextsFor(witnessStore(), { now: () => frozenClientNow })
    const first = await wave(contexts)
    expect(first.tokenRequests).toEqual(onePerUser())

    server.sandbox.clock.advance(TOKEN_LIFETIME + MINUTE)
    const afterExpiry = await wave(contexts)
    expect(afterExpiry.tokenRequests).toEqual(onePerUser())
    // Calls already holding the old token were refused, then sent again with the new one.
    expect(afterExpiry.rejected).toBeGreaterThanOrEqual(USERS)
    expect(afterExpiry.rejected).toBeLessThanOrEqual(CALLS)
  })
})

describe('a failing token store gives AuthenticationError token_store', () => {
  const user = () => ({ externalUserId: users[0]!.externalUserId! })
  const failing = (fail: 'get' | 'set'): TokenStore => {
    const inner = memoryTokenStore()
    return {
      get: fail === 'get' ? () => Promise.reject(new Error('store unreachable')) : inner.get,
      set: fail === 'set' ? () => Promise.reject(new Error('store is read-only')) : inner.set,
      delete: inner.delete,
    }
  }

  it('get rejects: the error, and no request at all', async () => {
    server.sandbox.clearRequests()
    const ctx = sandboxCtx(server, { user: user(), tokenStore: failing('get') })
    const error = leftOf(kept(await getAccount(ctx, { accountId: users[0]!.accountIds[0]! })()))
    expect(error).toMatchObject({ _tag: 'AuthenticationError', reason: 'token_store' })
    expect(error.message).toContain('store unreachable')
    expect(server.sandbox.requests).toEqual([])
  })

  it('set rejects: 100 concurrent calls share one token request, then all get the error', async () => {
    server.sandbox.clearRequests()
    const ctx = sandboxCtx(server, { user: user(), tokenStore: failing('set') })
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        getAccount(ctx, { accountId: users[0]!.accountIds[0]! })().then(kept),
      ),
    )
    for (const result of results) {
      expect(leftOf(result)).toMatchObject({ _tag: 'AuthenticationError', reason: 'token_store' })
    }
    expect(tokenRequestsByUser(server)).toEqual(new Map([[users[0]!.externalUserId!, 1]]))
    expect(requestsTo(server, 'GET', `/v3/aggregation/accounts/${users[0]!.accountIds[0]}`)).toEqual([])
  })

  it('a store error quoting the token does not carry it into the error', async () => {
    const quoted: string[] = []
    const store: TokenStore = {
      get: async () => undefined,
      set: async (_key, token) => {
        addSecret(token.accessToken)
        quoted.push(token.accessToken)
        throw new Error(`value too large: ${JSON.stringify(token)}`)
      },
      delete: async () => undefined,
    }
    const ctx = sandboxCtx(server, { user: user(), tokenStore: store })
    const error = leftOf(kept(await getAccount(ctx, { accountId: users[0]!.accountIds[0]! })()))
    expect(error).toMatchObject({ _tag: 'AuthenticationError', reason: 'token_store' })
    expect(error.message).toContain('value too large')
    expect(quoted).toHaveLength(1)
    expect(JSON.stringify(error)).not.toContain(quoted[0])
  })
})
