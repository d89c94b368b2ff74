/** createRateLimiter: keeps requests within Bridge's rate limits by waiting, never by failing. */
import * as v from 'valibot'
import { type Clock, ClockFailure, MAX_TIMER_MS, nowOf, realClock, waitOn } from '../core/clock.js'
import * as E from '../core/either.js'
import {
  type AbortError,
  abortError,
  type BridgeError,
  type InputValidationError,
  type Issue,
  inputError,
  issueList,
  type RateLimiterError,
} from '../core/errors.js'
import { anyAnswer, callStore, type StoreOutcome, schemaCheck, storeFailure } from '../core/store-call.js'
import {
  BRIDGE_RATE_LIMITS,
  memoryRateLimitStore,
  type RateLimitStore,
  type RateLimits,
  type RateLimitWindow,
} from './store.js'

/** What {@link createRateLimiter} accepts. */
export interface RateLimiterOptions {
  /** Where the windows live; share it between instances to share the limits. Default: a new {@link memoryRateLimitStore}. */
  readonly store?: RateLimitStore
  /** Limits to keep to, each overriding Bridge's (e.g. a raised application limit). */
  readonly limits?: Partial<RateLimits>
  /** The limiter's own clock. Default: the clock of the context the request comes from. */
  readonly clock?: Clock
  /** @deprecated Use `clock`. Clock in ms since the epoch, overriding the clock's `now`. */
  readonly now?: () => number
  /** @deprecated Use `clock`. Waits `ms` (or until `signal` aborts), overriding the clock's `sleep`. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<unknown>
}

/** Who a request counts for: the application, and the user when it is a user or token request. */
export interface RateLimitedRequest {
  readonly clientId: string
  /** The user's identity (one user must be named the same way by every instance). */
  readonly user?: string
  /** A token request: it also counts against the user's token limit. */
  readonly token?: boolean
}

/** A slot held by a request in flight. */
export interface RateLimitSlot {
  /** The response has arrived: the slot frees a full window from now. */
  release(): Promise<void>
}

/**
 * Schedules requests so none of its limits is exceeded: a request waits (it does not fail) until
 * its user's, its token and the application's windows have room. Give one to `createContext`.
 */
export interface RateLimiter {
  readonly limits: RateLimits
  /**
   * Waits for a slot in every window the request counts against, then holds it.
   * `maxDurationMs`: the longest the request can take once sent (its timeout); a slot never
   * released is kept that long, plus a few seconds, plus a window.
   */
  acquire(
    request: RateLimitedRequest,
    options: { readonly maxDurationMs: number; readonly signal?: AbortSignal; readonly clock?: Clock },
  ): Promise<E.Either<RateLimiterError | AbortError | InputValidationError, RateLimitSlot>>
  /**
   * Runs one attempt of a request once {@link RateLimiter.acquire} has a slot for it, and frees the
   * slot when the attempt ends. The engine calls it for every attempt of a context with this limiter
   * (so a bundle without a limiter carries none of this).
   */
  throttle<T>(
    request: RateLimitedRequest,
    options: { readonly signal?: AbortSignal; readonly timeoutMs: number; readonly clock: Clock },
    attempt: () => Promise<T>,
  ): Promise<E.Either<BridgeError, T>>
}

/** A granted request must be sent within this long of the store's decision (the lease's slack). */
const START_WITHIN_MS = 5_000

/** The longest window a limit may have (a day): Bridge's are minutes, and waits must fit a timer. */
const MAX_WINDOW_MS = 86_400_000

const checkLimits = (limits: RateLimits): Issue[] =>
  Object.entries(limits).flatMap(([name, { limit, windowMs }]) =>
    Number.isInteger(limit) &&
    limit >= 1 &&
    Number.isInteger(windowMs) &&
    windowMs > 0 &&
    windowMs <= MAX_WINDOW_MS
      ? []
      : [
          {
            path: `limits.${name}`,
            message: `limits.${name} needs an integer limit ≥ 1 and an integer windowMs from 1 to ${MAX_WINDOW_MS}`,
          },
        ],
  )

/** What a store's `acquire` must answer; anything else (`undefined`, a `retryAt` that is not a number) is its error. */
const AdmissionAnswer = v.variant('granted', [
  v.object({ granted: v.literal(true) }),
  v.object({ granted: v.literal(false), retryAt: v.pipe(v.number(), v.finite()) }),
])

const storeError = (
  outcome: Exclude<StoreOutcome<unknown>, { kind: 'answer' }>,
): RateLimiterError | AbortError =>
  outcome.kind === 'aborted'
    ? abortError()
    : { _tag: 'RateLimiterError', message: `The rate limiter's store${storeFailure(outcome)}` }

/**
 * Creates a rate limiter (a sliding-window log: see {@link RateLimitStore}) that keeps requests
 * within Bridge's documented limits, or the ones given. Shared by every context it is given to;
 * for several processes, give each a limiter on the same shared store (`bridgeapi/stores`,
 * `bridgeapi/stores/redis`). Invalid options make every request fail with an `InputValidationError`.
 *
 * @param options - store, limits, clock and sleep.
 * @returns the limiter, to pass as the context's `rateLimiter`.
 * @example
 * ```ts
 * import { createContext, createRateLimiter, listTransactions } from 'bridgeapi'
 * const ctx = createContext({
 *   clientId: 'client-id',
 *   clientSecret: 'client-secret',
 *   user: { externalUserId: 'customer-42' },
 *   rateLimiter: createRateLimiter(),
 * })
 * // 200 pages take a little over 3 minutes (60 requests per user per minute), and get no 429.
 * for await (const page of listTransactions(ctx, { limit: 500 }).pages()) console.log(page._tag)
 * ```
 */
export const createRateLimiter = (options: RateLimiterOptions = {}): RateLimiter => {
  const limits: RateLimits = { ...BRIDGE_RATE_LIMITS, ...options.limits }
  const store = options.store ?? memoryRateLimitStore()
  /** The limiter's clock: its own, else the context's (`throttle` passes it), else the real one. */
  const clockOf = (given: Clock | undefined): Clock => {
    const base = options.clock ?? given ?? realClock
    return {
      now: options.now ?? (() => base.now()),
      sleep: options.sleep
        ? async (ms, signal) => (await options.sleep!(ms, signal)) !== false
        : (ms, signal) => base.sleep(ms, signal),
    }
  }
  const issues = checkLimits(limits)
  const invalid: InputValidationError | undefined =
    issues.length === 0
      ? undefined
      : inputError('createRateLimiter', `Invalid rate limiter options: ${issueList(issues)}`, issues)

  /** Keys share a Redis Cluster hash tag per application, so one script can update them all. */
  const windowsOf = (request: RateLimitedRequest): RateLimitWindow[] => {
    const app = `bridgeapi:ratelimit:{${request.clientId}}`
    return [
      { key: `${app}:application`, ...limits.application },
      ...(request.user === undefined ? [] : [{ key: `${app}:user:${request.user}`, ...limits.user }]),
      ...(request.user !== undefined && request.token
        ? [{ key: `${app}:token:${request.user}`, ...limits.token }]
        : []),
    ]
  }

  /** Asks the store until it grants a slot in every window (waiting on `clock` in between). */
  const admit = async (
    windows: RateLimitWindow[],
    clock: Clock,
    now: () => number,
    { maxDurationMs, signal }: { readonly maxDurationMs: number; readonly signal?: AbortSignal | undefined },
  ): Promise<E.Either<RateLimiterError | AbortError, RateLimitSlot>> => {
    // No store call may outlast the caller's abort or the request's own timeout.
    const limits = { signal, timeoutMs: maxDurationMs }
    // A failed (or unanswered) release is ignored: the slot then frees at the end of its lease,
    // later than needed, never sooner.
    const release = (id: string) => async () => {
      await callStore(() => store.release(windows, id, now()), anyAnswer, limits)
    }
    for (;;) {
      if (signal?.aborted) return E.left(abortError())
      const id = globalThis.crypto.randomUUID()
      const at = now()
      const answer = await callStore(
        () => store.acquire(windows, { id, now: at, leaseMs: maxDurationMs + START_WITHIN_MS }),
        schemaCheck(AdmissionAnswer),
        limits,
      )
      if (answer.kind !== 'answer') return E.left(storeError(answer))
      const admission = answer.value
      if (admission.granted) {
        // The lease counts from `at`: a grant that came back too late could expire while the
        // request is still in flight, so it is given back (held a full window) and asked again.
        if (now() - at <= START_WITHIN_MS) return E.right({ release: release(id) })
        await release(id)()
        continue
      }
      const waited = await waitOn(clock, Math.min(MAX_TIMER_MS, Math.max(1, admission.retryAt - at)), signal)
      if (waited === undefined) throw new ClockFailure("the clock's sleep failed")
    }
  }
  const acquire: RateLimiter['acquire'] = async (request, { maxDurationMs, signal, clock: given }) => {
    if (invalid) return E.left(invalid)
    const clock = clockOf(given)
    // A clock that throws (or gives no number) stops the request with an error, never a rejection.
    const now = () => nowOf(clock)
    try {
      return await admit(windowsOf(request), clock, now, { maxDurationMs, signal })
    } catch (cause) {
      const detail = cause instanceof ClockFailure ? cause.message : 'the clock failed'
      return E.left({ _tag: 'RateLimiterError', message: `The rate limiter's clock: ${detail}` })
    }
  }
  return {
    limits,
    acquire,
    throttle: (request, options, attempt) => throttled(acquire, request, options, attempt),
  }
}

/** Runs one attempt once `acquire` has a slot for it (see {@link RateLimiter.throttle}). */
const throttled = async <T>(
  acquire: RateLimiter['acquire'],
  request: RateLimitedRequest,
  options: { readonly signal?: AbortSignal; readonly timeoutMs: number; readonly clock: Clock },
  attempt: () => Promise<T>,
): Promise<E.Either<BridgeError, T>> => {
  const slot = await acquire(request, {
    maxDurationMs: options.timeoutMs,
    clock: options.clock,
    ...(options.signal ? { signal: options.signal } : {}),
  })
  if (E.isLeft(slot)) return slot
  try {
    return E.right(await attempt())
  } finally {
    await slot.right.release()
  }
}
