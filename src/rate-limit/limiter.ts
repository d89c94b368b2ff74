import * as v from 'valibot'
import { sleep } from '../core/clock.js'
import { type Context, type ContextUser, MAX_TIMER_MS } from '../core/context.js'
import * as E from '../core/either.js'
import {
  type AbortError,
  abortError,
  type BridgeError,
  type InputValidationError,
  type Issue,
  type RateLimiterError,
} from '../core/errors.js'
import { AnyAnswer, callStore, type StoreOutcome, storeFailure } from '../core/store-call.js'
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
  /** Clock in ms since the epoch. Default `Date.now`. */
  readonly now?: () => number
  /** Waits `ms` (or until `signal` aborts). Default: a timer. Tests pass one that moves a virtual clock. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

/** Who a request counts for: the application, and the user when it is a user or token request. */
export interface RateLimitedRequest {
  readonly clientId: string
  /** The user's identity (one user must be named the same way by every instance). */
  readonly user?: string
  /** A token request: it also counts against the user's token limit. */
  readonly token?: boolean
}

/** What {@link RateLimiter.throttle} needs of a request: whether it is a user's, or a token request. */
export interface ThrottledRequest {
  /** Set on user-level requests: they count against the user's limit. */
  readonly accessToken?: string
  /** `token` for a token request, which Bridge limits apart. */
  readonly rateScope?: 'token'
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
    options: { readonly maxDurationMs: number; readonly signal?: AbortSignal },
  ): Promise<E.Either<RateLimiterError | AbortError | InputValidationError, RateLimitSlot>>
  /**
   * Runs one attempt of a request once {@link RateLimiter.acquire} has a slot for it, and frees the
   * slot when the attempt ends. The engine calls it for every attempt of a context with this limiter
   * (so a bundle without a limiter carries none of this).
   */
  throttle<T>(
    ctx: Context,
    spec: ThrottledRequest,
    options: { readonly signal?: AbortSignal; readonly timeoutMs?: number },
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
  const now = options.now ?? Date.now
  const wait = options.sleep ?? sleep
  const issues = checkLimits(limits)
  const invalid: InputValidationError | undefined =
    issues.length === 0
      ? undefined
      : {
          _tag: 'InputValidationError',
          operation: 'createRateLimiter',
          message: `Invalid rate limiter options: ${issues.map((issue) => issue.message).join('; ')}`,
          issues,
        }

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

  const acquire: RateLimiter['acquire'] = async (request, { maxDurationMs, signal }) => {
    if (invalid) return E.left(invalid)
    const windows = windowsOf(request)
    // No store call may outlast the caller's abort or the request's own timeout.
    const limits = { signal, timeoutMs: maxDurationMs }
    // A failed (or unanswered) release is ignored: the slot then frees at the end of its lease,
    // later than needed, never sooner.
    const release = (id: string) => async () => {
      await callStore(() => store.release(windows, id, now()), AnyAnswer, limits)
    }
    for (;;) {
      if (signal?.aborted) return E.left(abortError())
      const id = globalThis.crypto.randomUUID()
      const at = now()
      const answer = await callStore(
        () => store.acquire(windows, { id, now: at, leaseMs: maxDurationMs + START_WITHIN_MS }),
        AdmissionAnswer,
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
      await wait(Math.min(MAX_TIMER_MS, Math.max(1, admission.retryAt - at)), signal)
    }
  }
  return {
    limits,
    acquire,
    throttle: (ctx, spec, options, attempt) => throttled(acquire, ctx, spec, options, attempt),
  }
}

/** How a user is named in the limiter's keys: as the context names it (a password is not part of it). */
const rateLimitUser = (user: ContextUser): string =>
  user.kind === 'uuid'
    ? `uuid:${user.uuid}`
    : user.kind === 'external'
      ? `external:${user.externalUserId}`
      : `email:${user.email}`

/** Runs one attempt once `acquire` has a slot for it (see {@link RateLimiter.throttle}). */
const throttled = async <T>(
  acquire: RateLimiter['acquire'],
  ctx: Context,
  spec: ThrottledRequest,
  options: { readonly signal?: AbortSignal; readonly timeoutMs?: number },
  attempt: () => Promise<T>,
): Promise<E.Either<BridgeError, T>> => {
  const forUser = ctx.user !== undefined && (spec.accessToken !== undefined || spec.rateScope === 'token')
  const slot = await acquire(
    {
      clientId: ctx.clientId,
      ...(forUser && ctx.user ? { user: rateLimitUser(ctx.user) } : {}),
      ...(spec.rateScope === 'token' ? { token: true } : {}),
    },
    {
      maxDurationMs: options.timeoutMs ?? ctx.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
    },
  )
  if (E.isLeft(slot)) return slot
  try {
    return E.right(await attempt())
  } finally {
    await slot.right.release()
  }
}
