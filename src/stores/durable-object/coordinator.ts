// BridgeCoordinator, the Durable Object that decides rate-limit slots and leases token renewals for every isolate.
import { type StoredToken, tokenExpiryMs } from '../../core/auth/token-store.js'
import {
  admit,
  type HeldSlot,
  lastUntil,
  type RateLimitWindow,
  releaseSlot,
  type SlotRequest,
} from '../../rate-limit/store.js'
import { decodeToken } from '../codec.js'
import type { CoordinatorRoute } from './protocol.js'

/** The part of a Durable Object's storage the coordinator uses. A real `DurableObjectStorage` fits. */
export interface DurableObjectStorageLike {
  put(key: string, value: unknown): Promise<void>
  delete(key: string): Promise<boolean>
  list(options: { prefix: string }): Promise<Map<string, unknown>>
}

/** The part of a Durable Object's state the coordinator uses. A real `DurableObjectState` fits. */
export interface DurableObjectStateLike {
  readonly storage: DurableObjectStorageLike
  blockConcurrencyWhile<T>(callback: () => Promise<T>): Promise<T>
}

/** A renewal in progress: who renews, and until when others wait for it. */
interface Lease {
  readonly holder: string
  readonly timer: ReturnType<typeof setTimeout>
}

/** A caller waiting for the renewer's token (or for the lease, if the renewer dies). */
interface Waiter {
  readonly holder: string
  readonly leaseMs: number
  readonly answer: (token: StoredToken | null) => void
}

const TOKEN_PREFIX = 't:'
const WINDOW_PREFIX = 'w:'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isText = (value: unknown): value is string => typeof value === 'string' && value !== ''
const isCount = (value: unknown): value is number => Number.isFinite(value) && (value as number) >= 0
const isWindow = (value: unknown): value is RateLimitWindow =>
  isRecord(value) && isText(value.key) && isCount(value.limit) && isCount(value.windowMs)
const isWindows = (value: unknown): value is RateLimitWindow[] =>
  Array.isArray(value) && value.length > 0 && value.every(isWindow)
const isSlotRequest = (value: unknown): value is SlotRequest =>
  isRecord(value) && isText(value.id) && isCount(value.now) && isCount(value.leaseMs)
const isSlots = (value: unknown): value is HeldSlot[] =>
  Array.isArray(value) && value.every((slot) => isRecord(slot) && isText(slot.id) && isCount(slot.until))

const answer = (body: unknown) => Response.json(body ?? null)
const refuse = (message: string) => new Response(message, { status: 400 })

/**
 * A Durable Object that coordinates every Worker isolate of an application: it decides rate-limit
 * slots exactly (one object decides them all, one request at a time) and makes token renewal single
 * flight (a lease: the first caller to find a user's token stale renews it, the others wait for the
 * token it stores; if the renewer dies, the lease ends after `leaseMs` and the next waiter renews).
 * Export it from your Worker and bind it; {@link durableObjectTokenStore} and
 * {@link durableObjectRateLimitStore} talk to it.
 *
 * @example
 * ```ts
 * // worker.ts; wrangler.toml: [[durable_objects.bindings]] name = "BRIDGE_COORDINATOR", class_name = "BridgeCoordinator"
 * //            and [[migrations]] tag = "v1", new_sqlite_classes = ["BridgeCoordinator"]
 * import { createContext, createRateLimiter } from 'bridgeapi'
 * import {
 *   durableObjectRateLimitStore,
 *   durableObjectTokenStore,
 *   type DurableObjectNamespaceLike,
 * } from 'bridgeapi/stores'
 * export { BridgeCoordinator } from 'bridgeapi/stores'
 *
 * export default {
 *   async fetch(request: Request, env: { BRIDGE_COORDINATOR: DurableObjectNamespaceLike; BRIDGE_CLIENT_SECRET: string }) {
 *     const ctx = createContext({
 *       clientId: 'client-id',
 *       clientSecret: env.BRIDGE_CLIENT_SECRET,
 *       user: { externalUserId: 'customer-42' },
 *       tokenStore: durableObjectTokenStore(env.BRIDGE_COORDINATOR),
 *       rateLimiter: createRateLimiter({ store: durableObjectRateLimitStore(env.BRIDGE_COORDINATOR) }),
 *     })
 *     return new Response(ctx.clientId)
 *   },
 * }
 * ```
 */
export class BridgeCoordinator {
  readonly #storage: DurableObjectStorageLike
  readonly #tokens = new Map<string, StoredToken>()
  readonly #windows = new Map<string, readonly HeldSlot[]>()
  readonly #leases = new Map<string, Lease>()
  readonly #waiters = new Map<string, Waiter[]>()
  #sweepAt = 0

  /**
   * Loads the stored tokens and windows before the first request (the runtime calls it).
   *
   * @param state - the object's state, given by the runtime.
   * @param _env - the Worker's bindings (unused).
   */
  constructor(state: DurableObjectStateLike, _env?: unknown) {
    this.#storage = state.storage
    void state.blockConcurrencyWhile(async () => {
      for (const [key, value] of await this.#storage.list({ prefix: TOKEN_PREFIX })) {
        const token = decodeToken(value)
        if (token) this.#tokens.set(key.slice(TOKEN_PREFIX.length), token)
      }
      for (const [key, value] of await this.#storage.list({ prefix: WINDOW_PREFIX }))
        if (isSlots(value)) this.#windows.set(key.slice(WINDOW_PREFIX.length), value)
    })
  }

  /**
   * Answers one store call (the stores' protocol; not meant to be called by hand).
   *
   * @param request - a POST to `/<route>` with a JSON body.
   * @returns the JSON answer, or 400 for a request the stores would not send.
   */
  async fetch(request: Request): Promise<Response> {
    const route = new URL(request.url).pathname.slice(1) as CoordinatorRoute
    let body: unknown
    try {
      body = await request.json()
    } catch {
      return refuse('The body must be JSON')
    }
    if (!isRecord(body)) return refuse('The body must be an object')
    switch (route) {
      case 'token/get':
        return this.#getToken(body)
      case 'token/set':
        return this.#setToken(body)
      case 'token/delete':
        return this.#deleteToken(body)
      case 'limits/acquire':
        return this.#acquire(body)
      case 'limits/release':
        return this.#release(body)
      default:
        return new Response('No such route', { status: 404 })
    }
  }

  /**
   * The stored token while it is fresh for the caller; otherwise `null` to the one caller that
   * renews (it holds the lease), and to the others the token it stores once it does.
   */
  async #getToken(body: Record<string, unknown>): Promise<Response> {
    const { key, holder, now, renewBeforeMs, leaseMs } = body
    if (!isText(key) || !isText(holder) || !isCount(now) || !isCount(renewBeforeMs) || !isCount(leaseMs))
      return refuse('token/get needs key, holder, now, renewBeforeMs and leaseMs')
    const token = this.#tokens.get(key)
    if (token && tokenExpiryMs(token.expiresAt) - now > renewBeforeMs) return answer(token)
    const lease = this.#leases.get(key)
    // The renewer itself reads again before it asks Bridge (the SDK does): it must not wait for itself.
    if (!lease || lease.holder === holder) {
      if (!lease) this.#lease(key, holder, leaseMs)
      return answer(token ?? null)
    }
    const waiters = this.#waiters.get(key) ?? []
    this.#waiters.set(key, waiters)
    return new Promise<Response>((resolve) => {
      waiters.push({ holder, leaseMs, answer: (next) => resolve(answer(next)) })
    })
  }

  /** Gives `holder` the lease on `key` for `leaseMs`; when it runs out, the next waiter renews. */
  #lease(key: string, holder: string, leaseMs: number): void {
    const timer = setTimeout(() => {
      this.#leases.delete(key)
      const next = this.#waiters.get(key)?.shift()
      if (!next) return this.#waiters.delete(key)
      this.#lease(key, next.holder, next.leaseMs)
      next.answer(this.#tokens.get(key) ?? null)
    }, leaseMs)
    this.#leases.set(key, { holder, timer })
  }

  /** Stores a token, ends the lease and hands the token to everyone waiting for it. */
  async #setToken(body: Record<string, unknown>): Promise<Response> {
    const token = decodeToken(body.token)
    if (!isText(body.key) || !token) return refuse('token/set needs key and token')
    this.#tokens.set(body.key, token)
    // Not awaited: the output gate holds the answer until the write is durable.
    void this.#storage.put(TOKEN_PREFIX + body.key, token)
    const lease = this.#leases.get(body.key)
    if (lease) clearTimeout(lease.timer)
    this.#leases.delete(body.key)
    for (const waiter of this.#waiters.get(body.key) ?? []) waiter.answer(token)
    this.#waiters.delete(body.key)
    return answer(null)
  }

  async #deleteToken(body: Record<string, unknown>): Promise<Response> {
    if (!isText(body.key)) return refuse('token/delete needs key')
    this.#tokens.delete(body.key)
    void this.#storage.delete(TOKEN_PREFIX + body.key)
    return answer(null)
  }

  /** Takes a slot in every window or in none: one decision at a time, so exact across isolates. */
  async #acquire(body: Record<string, unknown>): Promise<Response> {
    const { windows, request } = body
    if (!isWindows(windows) || !isSlotRequest(request))
      return refuse('limits/acquire needs windows and request')
    if (request.now >= this.#sweepAt) this.#sweep(request.now)
    const decision = admit(
      windows.map((window) => this.#windows.get(window.key) ?? []),
      windows,
      request,
    )
    windows.forEach((window, index) => {
      this.#putWindow(window.key, decision.held[index] ?? [])
    })
    return answer(decision.granted ? { granted: true } : { granted: false, retryAt: decision.retryAt })
  }

  async #release(body: Record<string, unknown>): Promise<Response> {
    const { windows, id, endedAt } = body
    if (!isWindows(windows) || !isText(id) || !isCount(endedAt))
      return refuse('limits/release needs windows, id and endedAt')
    for (const window of windows) {
      const held = this.#windows.get(window.key)
      if (held) this.#putWindow(window.key, releaseSlot(held, window, id, endedAt))
    }
    return answer(null)
  }

  #putWindow(key: string, slots: readonly HeldSlot[]): void {
    if (slots.length === 0) {
      this.#windows.delete(key)
      void this.#storage.delete(WINDOW_PREFIX + key)
      return
    }
    this.#windows.set(key, slots)
    void this.#storage.put(WINDOW_PREFIX + key, slots)
  }

  /** Drops windows whose slots have all freed, once a minute of the limiter's clock. */
  #sweep(now: number): void {
    for (const [key, slots] of this.#windows) if (lastUntil(slots) <= now) this.#putWindow(key, [])
    this.#sweepAt = now + 60_000
  }
}
