/**
 * Where a rate limiter keeps its windows, and the admission rule every store applies.
 *
 * A window (one user's requests, one user's token requests, the application's requests) holds one
 * slot per request, each with the instant it frees. A request in flight holds its slot until
 * `start + leaseMs + windowMs`; when its response has arrived the slot is moved to
 * `end + windowMs`. So a slot frees only a full window after Bridge can have received the request,
 * whatever the network delay, and no window of `windowMs` (at any alignment) ever sees more than
 * `limit` requests arrive: a sliding-window log, not a token bucket (a bucket lets a burst of
 * `limit` follow a full window, which Bridge's fixed or sliding counters could refuse).
 */

/** One limit: at most `limit` requests in any `windowMs`. */
export interface RateLimit {
  readonly limit: number
  readonly windowMs: number
}

/** The limits a {@link RateLimiter} keeps to. */
export interface RateLimits {
  /** Requests per user (token requests included). Bridge: 60 per 60 s. */
  readonly user: RateLimit
  /** Token (`/authenticate`) requests per user. Bridge: 10 per 60 s. */
  readonly token: RateLimit
  /** Requests per application (client id). Bridge: 2,000 per 5 min, raised on request by Bridge support. */
  readonly application: RateLimit
}

/** Bridge's documented limits (docs.bridgeapi.io, "Rate limits"). */
export const BRIDGE_RATE_LIMITS: RateLimits = {
  user: { limit: 60, windowMs: 60_000 },
  token: { limit: 10, windowMs: 60_000 },
  application: { limit: 2_000, windowMs: 300_000 },
}

/** One limit a request counts against: a key shared by everyone who counts the same requests. */
export interface RateLimitWindow {
  readonly key: string
  /** Most requests in any `windowMs`. */
  readonly limit: number
  readonly windowMs: number
}

/** A request asking for a slot in every one of its windows. */
export interface SlotRequest {
  /** Unique id of the slot (the request). */
  readonly id: string
  /** The limiter's clock, in ms since the epoch. */
  readonly now: number
  /** Longest the request can stay in flight: its slot is kept this long beyond a window if never released. */
  readonly leaseMs: number
}

/** What {@link RateLimitStore.acquire} answers: a slot in every window, or when to ask again. */
export type Admission =
  | { readonly granted: true }
  | {
      readonly granted: false
      /** Earliest instant (ms since the epoch) a slot can free in every full window. */
      readonly retryAt: number
    }

/**
 * Shared state of a rate limiter. A store used by several instances makes them share the limits.
 * Methods may reject: the call then fails with a `RateLimiterError` and nothing is sent.
 */
export interface RateLimitStore {
  /**
   * Takes a slot in every window, or in none: drops the slots freed by `request.now`, then, if every
   * window holds fewer than its `limit`, adds the request's slot to each.
   */
  acquire(windows: readonly RateLimitWindow[], request: SlotRequest): Promise<Admission>
  /** The request `id` ended at `endedAt`: its slot in each window now frees at `endedAt + windowMs`. */
  release(windows: readonly RateLimitWindow[], id: string, endedAt: number): Promise<void>
}

/** A slot held in a window: the request's id and the instant (ms) the slot frees. */
export interface HeldSlot {
  readonly id: string
  readonly until: number
}

/** What {@link admit} decided, with each window's slots to store back. */
export type Decision = Admission & { readonly held: readonly (readonly HeldSlot[])[] }

/**
 * The admission rule on plain data, for stores that read and write whole windows (memory, KV,
 * Deno KV; Redis runs the same rule as a script).
 *
 * @param held - the slots of each window, in the order of `windows`.
 * @param windows - the request's windows.
 * @param request - the slot asked for.
 * @returns the decision and each window's slots afterwards (freed ones dropped, the new one added when granted).
 */
export const admit = (
  held: readonly (readonly HeldSlot[])[],
  windows: readonly RateLimitWindow[],
  request: SlotRequest,
): Decision => {
  const live = held.map((slots) => slots.filter((slot) => slot.until > request.now))
  let retryAt = 0
  windows.forEach((window, index) => {
    const slots = live[index] ?? []
    if (slots.length < window.limit) return
    const untils = slots.map((slot) => slot.until).sort((a, b) => a - b)
    // Slots in flight free no sooner than a full window from now, so waiting longer than that is never needed.
    const freed = Math.min(untils[slots.length - window.limit] as number, request.now + window.windowMs)
    retryAt = Math.max(retryAt, freed)
  })
  if (retryAt > 0) return { granted: false, retryAt, held: live }
  return {
    granted: true,
    held: windows.map((window, index) => [
      ...(live[index] ?? []),
      { id: request.id, until: request.now + request.leaseMs + window.windowMs },
    ]),
  }
}

/**
 * Moves a slot to free at `endedAt + windowMs` (its request ended), on plain data.
 *
 * @param slots - one window's slots.
 * @param window - that window.
 * @param id - the request's slot.
 * @param endedAt - when its response arrived.
 * @returns the window's slots afterwards.
 */
export const releaseSlot = (
  slots: readonly HeldSlot[],
  window: RateLimitWindow,
  id: string,
  endedAt: number,
): HeldSlot[] => slots.map((slot) => (slot.id === id ? { id, until: endedAt + window.windowMs } : slot))

/** The latest instant a window's slots free, so stores can expire a whole window after it. */
export const lastUntil = (slots: readonly HeldSlot[]): number =>
  slots.reduce((latest, slot) => Math.max(latest, slot.until), 0)

/** What {@link memoryRateLimitStore} accepts. */
export interface MemoryRateLimitStoreOptions {
  /**
   * Most windows kept (about three per user seen in the last window). Windows whose slots have all
   * freed are dropped as the store is used; past the bound, the least recently used live window is
   * dropped too, so its user may briefly go over a limit (Bridge then answers 429, which the SDK
   * retries). Default 100 000 (also for a value that is not a positive integer).
   */
  readonly maxEntries?: number
}

/**
 * The default rate-limit store: windows in a `Map`, for one process. Exact: JavaScript runs each
 * decision to the end before another starts. Bounded: windows that have expired are pruned, and at
 * most `maxEntries` are kept. Share one store (or one limiter) between contexts to make them share
 * the limits.
 *
 * @param options - `maxEntries`, the bound.
 * @returns a new, empty in-memory store.
 * @example
 * ```ts
 * import { createContext, createRateLimiter, memoryRateLimitStore } from 'bridgeapi'
 * const store = memoryRateLimitStore({ maxEntries: 300_000 })
 * const ctx = createContext({
 *   clientId: 'id',
 *   clientSecret: 'secret',
 *   user: { externalUserId: 'u-1' },
 *   rateLimiter: createRateLimiter({ store }),
 * })
 * ```
 */
export const memoryRateLimitStore = (options: MemoryRateLimitStoreOptions = {}): RateLimitStore => {
  const { maxEntries } = options ?? {}
  const bound = Number.isInteger(maxEntries) && (maxEntries as number) >= 1 ? (maxEntries as number) : 100_000
  // A Map iterates in insertion order: re-inserting on each use keeps the least recently used first.
  const windowsByKey = new Map<string, { readonly slots: readonly HeldSlot[]; readonly until: number }>()
  // Sweeping every window on each decision would cost O(windows); sweeping once a minute, or when the
  // map has doubled since the last sweep, keeps the cost constant per decision and the map within
  // twice the windows live in the last minute.
  let sweepSize = 1_024
  let sweepTime = Number.NEGATIVE_INFINITY
  const sweep = (now: number) => {
    for (const [key, window] of windowsByKey) if (window.until <= now) windowsByKey.delete(key)
    sweepSize = Math.max(1_024, windowsByKey.size * 2)
    sweepTime = now + 60_000
  }
  const put = (key: string, slots: readonly HeldSlot[]) => {
    windowsByKey.delete(key)
    if (slots.length > 0) windowsByKey.set(key, { slots, until: lastUntil(slots) })
    if (windowsByKey.size <= bound) return
    for (const oldest of windowsByKey.keys()) {
      if (windowsByKey.size <= bound) break
      windowsByKey.delete(oldest)
    }
  }
  return {
    acquire: async (windows, request) => {
      if (windowsByKey.size >= sweepSize || request.now >= sweepTime) sweep(request.now)
      const decision = admit(
        windows.map((window) => windowsByKey.get(window.key)?.slots ?? []),
        windows,
        request,
      )
      windows.forEach((window, index) => {
        put(window.key, decision.held[index] ?? [])
      })
      return decision.granted ? { granted: true } : { granted: false, retryAt: decision.retryAt }
    },
    release: async (windows, id, endedAt) => {
      for (const window of windows) {
        const held = windowsByKey.get(window.key)
        if (held) put(window.key, releaseSlot(held.slots, window, id, endedAt))
      }
    },
  }
}
