/**
 * Behaviour every shared token store must have, as plain scenarios that return JSON-able reports, so
 * the same code runs under vitest (Cloudflare KV through miniflare, Redis) and inside Deno (Deno KV).
 * The SDK talks to a recording fake Bridge whose tokens stay valid side by side, as Bridge's do.
 */
import { createContext, getAccount, type TokenStore } from '../../src/index.js'
import { encryptTokenStore } from '../../src/stores/encryption.js'
import { account, CLIENT, json, recordingFetch, tokenResponse } from '../core/fake-bridge.js'

/** A store backend under test. Each `store()` call is a new instance (its own client or handle). */
export interface Backend {
  store(prefix?: string): Promise<TokenStore>
  /** Seconds until the backend drops `key` (as the backend itself reports it). */
  ttl(key: string): Promise<number>
  /** A store whose backend is unreachable or closed. */
  broken(): Promise<TokenStore>
}

const TOKEN_PATH = '/v3/aggregation/authorization/token'
const HOUR = 3_600_000
const token = (name: string, expiresInMs = 2 * HOUR) => ({
  accessToken: `tok-${name}`,
  expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
})
const show = (value: unknown) => value ?? 'missing'

/** The key the SDK uses for an external user of the `CLIENT` application (2025-01-15). */
export const userKey = (user: string) => `bridgeapi:2025-01-15:${CLIENT.clientId}:external:${user}`

/**
 * A fake Bridge issuing numbered tokens that all stay valid. Token answers wait until `together`
 * token requests have arrived (or 5 s), so concurrent renewals really overlap.
 */
const fakeBridge = (together = 1) => {
  const valid = new Set<string>()
  let issued = 0
  let release = () => {}
  const barrier =
    together > 1
      ? new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 5_000)
          release = () => {
            clearTimeout(timer)
            resolve()
          }
        })
      : Promise.resolve()
  const recorder = recordingFetch(async (request) => {
    if (request.path === TOKEN_PATH) {
      issued += 1
      const name = `tok-bridge-${issued}`
      valid.add(name)
      if (issued >= together) release()
      await barrier
      return tokenResponse(new Date(Date.now() + 2 * HOUR).toISOString(), name)
    }
    const bearer = request.headers.get('authorization')?.replace('Bearer ', '') ?? ''
    return valid.has(bearer) ? json(200, account(1)) : json(401, { errors: [{ code: 'invalid_token' }] })
  })
  const bearers = () =>
    recorder.requests.filter((r) => r.path !== TOKEN_PATH).map((r) => r.headers.get('authorization'))
  const tokenRequests = () => recorder.requests.filter((r) => r.path === TOKEN_PATH).length
  return { fetch: recorder.fetch, requests: recorder.requests, bearers, tokenRequests }
}

const contextFor = (tokenStore: TokenStore, fetch: typeof globalThis.fetch, user = 'user-001') =>
  createContext({ ...CLIENT, fetch, tokenStore, user: { externalUserId: user }, retry: 0 })

/** Scenarios by name; each returns a report that must equal `expected[name]`. */
export const scenarios = {
  /** get / set / overwrite (last write wins) / delete, and deleting a missing key. */
  async roundTrip(backend: Backend) {
    const store = await backend.store()
    const missing = show(await store.get('k'))
    await store.set('k', { accessToken: 'tok-1', expiresAt: '2030-01-01T00:00:00.000Z' })
    const afterSet = show(await store.get('k'))
    await store.set('k', { accessToken: 'tok-2', expiresAt: '2030-01-01T02:00:00.000Z' })
    const afterOverwrite = show(await store.get('k'))
    await store.delete('k')
    const afterDelete = show(await store.get('k'))
    await store.delete('k')
    return { missing, afterSet, afterOverwrite, afterDelete, deleteMissing: 'ok' }
  },

  /** A prefix keeps stores apart; the same prefix in another instance sees the same tokens. */
  async prefixes(backend: Backend) {
    await (await backend.store('app-a:')).set('k', {
      accessToken: 'tok-a',
      expiresAt: '2030-01-01T00:00:00Z',
    })
    return {
      samePrefix: show((await (await backend.store('app-a:')).get('k'))?.accessToken),
      otherPrefix: show(await (await backend.store('app-b:')).get('k')),
      noPrefix: show(await (await backend.store()).get('k')),
    }
  },

  /** A token obtained by one instance is used by another: one token request for both. */
  async sharedAcrossInstances(backend: Backend) {
    const bridge = fakeBridge()
    const first = await getAccount(contextFor(await backend.store(), bridge.fetch), { accountId: 1 })()
    const second = await getAccount(contextFor(await backend.store(), bridge.fetch), { accountId: 1 })()
    return {
      results: [first._tag, second._tag],
      tokenRequests: bridge.tokenRequests(),
      bearers: bridge.bearers(),
      stored: show((await (await backend.store()).get(userKey('user-001')))?.accessToken),
    }
  },

  /**
   * Two instances find the stored token expired and renew at the same time: each gets its own valid
   * token, the store keeps the last one written, and a third instance then reuses it.
   */
  async concurrentRenewal(backend: Backend) {
    const seed = await backend.store()
    await seed.set(userKey('user-001'), token('expired', -HOUR))
    const bridge = fakeBridge(2)
    const [a, b] = await Promise.all(
      [await backend.store(), await backend.store()].map((store) =>
        getAccount(contextFor(store, bridge.fetch), { accountId: 1 })(),
      ),
    )
    const stored = (await seed.get(userKey('user-001')))?.accessToken
    const third = await getAccount(contextFor(await backend.store(), bridge.fetch), { accountId: 1 })()
    return {
      results: [a?._tag, b?._tag, third._tag],
      tokenRequests: bridge.tokenRequests(),
      renewedBearers: bridge.bearers().slice(0, 2).sort(),
      storedIsOneOfThem: stored === 'tok-bridge-1' || stored === 'tok-bridge-2',
      thirdUsedStored: bridge.bearers()[2] === `Bearer ${stored}`,
    }
  },

  /** A failing store surfaces as an AuthenticationError (reason token_store); nothing reaches Bridge. */
  async failure(backend: Backend) {
    const bridge = fakeBridge()
    const result = await getAccount(contextFor(await backend.broken(), bridge.fetch), { accountId: 1 })()
    return {
      tag: result._tag,
      error: result._tag === 'Left' ? [result.left._tag, (result.left as { reason?: string }).reason] : [],
      requests: bridge.requests.length,
    }
  },

  /**
   * `encryptTokenStore` over the backend: what the backend holds has no token (nor any part of it);
   * a rotation reads old tokens with `[new, old]`; a wrong key, or a token moved to another user's
   * key, fails as `token_store` (never read as missing, never a throw out of the SDK).
   */
  async encryption(backend: Backend) {
    const oldKey = new Uint8Array(32).fill(1)
    const newKey = new Uint8Array(32).fill(2)
    const wrongKey = new Uint8Array(32).fill(3)
    const secret = 'tok-secret-0123456789abcdef'
    const expiresAt = new Date(Date.now() + 2 * HOUR).toISOString()
    await encryptTokenStore(await backend.store(), { keys: [oldKey] }).set(userKey('user-001'), {
      accessToken: secret,
      expiresAt,
    })
    const held = await (await backend.store()).get(userKey('user-001'))
    const heldText = JSON.stringify(held)
    const rotated = await encryptTokenStore(await backend.store(), { keys: [newKey, oldKey] }).get(
      userKey('user-001'),
    )
    const bridge = fakeBridge()
    const wrong = await getAccount(
      contextFor(encryptTokenStore(await backend.store(), { keys: [wrongKey] }), bridge.fetch),
      { accountId: 1 },
    )()
    // Another user's key holding user-001's ciphertext (someone with write access swapping tokens).
    await (await backend.store()).set(userKey('user-002'), held as { accessToken: string; expiresAt: string })
    const moved = await getAccount(
      contextFor(encryptTokenStore(await backend.store(), { keys: [oldKey] }), bridge.fetch, 'user-002'),
      { accountId: 1 },
    )()
    return {
      heldHasToken: heldText.includes(secret) || heldText.includes(secret.slice(4, 20)),
      heldExpiry: held?.expiresAt === expiresAt,
      rotated: rotated?.accessToken === secret,
      wrongKey: wrong._tag === 'Left' ? [wrong.left._tag, (wrong.left as { reason?: string }).reason] : [],
      movedToOtherUser:
        moved._tag === 'Left' ? [moved.left._tag, (moved.left as { reason?: string }).reason] : [],
      requests: bridge.requests.length,
    }
  },

  /** Expirations follow `expiresAt` (never below the backend's minimum). */
  async expiry(backend: Backend) {
    const store = await backend.store()
    await store.set('long', token('long', 2 * HOUR))
    await store.set('short', token('short', 10_000))
    await store.set('past', token('past', -HOUR))
    return {
      long: await backend.ttl('long'),
      short: await backend.ttl('short'),
      past: await backend.ttl('past'),
    }
  },
}

export type ScenarioName = keyof typeof scenarios

/** Expected reports, except `expiry`, which depends on the backend's minimum TTL (see `expectedExpiry`). */
export const expected = {
  roundTrip: {
    missing: 'missing',
    afterSet: { accessToken: 'tok-1', expiresAt: '2030-01-01T00:00:00.000Z' },
    afterOverwrite: { accessToken: 'tok-2', expiresAt: '2030-01-01T02:00:00.000Z' },
    afterDelete: 'missing',
    deleteMissing: 'ok',
  },
  prefixes: { samePrefix: 'tok-a', otherPrefix: 'missing', noPrefix: 'missing' },
  sharedAcrossInstances: {
    results: ['Right', 'Right'],
    tokenRequests: 1,
    bearers: ['Bearer tok-bridge-1', 'Bearer tok-bridge-1'],
    stored: 'tok-bridge-1',
  },
  concurrentRenewal: {
    results: ['Right', 'Right', 'Right'],
    tokenRequests: 2,
    renewedBearers: ['Bearer tok-bridge-1', 'Bearer tok-bridge-2'],
    storedIsOneOfThem: true,
    thirdUsedStored: true,
  },
  failure: { tag: 'Left', error: ['AuthenticationError', 'token_store'], requests: 0 },
  encryption: {
    heldHasToken: false,
    heldExpiry: true,
    rotated: true,
    wrongKey: ['AuthenticationError', 'token_store'],
    movedToOtherUser: ['AuthenticationError', 'token_store'],
    requests: 0,
  },
}

/** The `expiry` report, within `slack` seconds, for a backend whose shortest expiration is `minimum` s. */
export const expectedExpiry = (minimum: number) => ({
  long: 7_200,
  short: Math.max(minimum, 10),
  past: minimum,
})
