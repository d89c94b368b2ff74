// Counts requests against Bridge's documented rate limits on the sandbox clock, and optionally refuses them.
import { BRIDGE_RATE_LIMITS, type RateLimits } from '../rate-limit/store.js'
import type { SandboxClock } from './clock.js'
import type { ErrorWriter } from './http.js'
import { parseJson } from './input.js'
import type { UserRecord } from './state.js'
import type { SandboxState } from './store.js'

/** A count per limit Bridge documents. */
export interface RateLimitCounts {
  readonly user: number
  readonly token: number
  readonly application: number
}

/** What {@link Sandbox.rateLimitReport} tells: requests over Bridge's limits, by the sandbox clock. */
export interface RateLimitReport {
  /** Requests counted: every one with the application's credentials. */
  readonly requests: number
  /** Requests over at least one limit. */
  readonly overLimit: number
  /** Requests over each limit (one request can be over several). */
  readonly overBy: RateLimitCounts
  /** Most requests that arrived within one window, per limit (over any user, for the user limits). */
  readonly peak: RateLimitCounts
  /** Requests answered 429 because of a limit (only with `enforceRateLimits`). */
  readonly refused: number
}

/** Where each API version asks for a user token. */
const TOKEN_PATHS = new Set(['/v3/aggregation/authorization/token', '/v2/authenticate'])

/** The user a token request names in its body (uuid, external id or e-mail), if the sandbox knows it. */
const tokenRequestUser = (state: SandboxState, bodyText: string): UserRecord | undefined => {
  const parsed = parseJson(bodyText)
  if (!parsed.ok) return undefined
  const body = parsed.value as Record<string, unknown>
  if (typeof body.user_uuid === 'string') return state.user(body.user_uuid)
  if (typeof body.external_user_id === 'string')
    return state.findUserBy('externalUserId', body.external_user_id)
  return typeof body.email === 'string' ? state.findUserBy('email', body.email) : undefined
}

/**
 * Counts requests the way Bridge limits them, on the sandbox clock: each arrival goes into its
 * application's window, its user's window (a valid bearer token, or the user a token request
 * names) and, for token requests, its user's token window. A request is over a limit when, with
 * it, more than the limit arrived within the window ending at it: a sliding window, the strictest
 * reading of "per period of 60 seconds".
 */
export const createRateLimitCounter = (
  state: SandboxState,
  clock: SandboxClock,
  enforce: boolean,
  limits: RateLimits = BRIDGE_RATE_LIMITS,
) => {
  const arrivals = new Map<string, number[]>()
  let requests = 0
  let overLimit = 0
  let refused = 0
  const overBy = { user: 0, token: 0, application: 0 }
  const peak = { user: 0, token: 0, application: 0 }

  /** Records an arrival in a window; true when the window now holds more than its limit. */
  const arrive = (kind: keyof RateLimits, key: string, at: number): boolean => {
    const { limit, windowMs } = limits[kind]
    const times = arrivals.get(key) ?? []
    while (times.length > 0 && (times[0] as number) <= at - windowMs) times.shift()
    times.push(at)
    arrivals.set(key, times)
    peak[kind] = Math.max(peak[kind], times.length)
    if (times.length <= limit) return false
    overBy[kind] += 1
    return true
  }

  return {
    /** Counts a request that passed the client-credentials check; a 429 to answer when enforcing. */
    observe: (request: Request, path: string, bodyText: string, error: ErrorWriter): Response | undefined => {
      const at = clock.now()
      requests += 1
      const token = TOKEN_PATHS.has(path)
      const bearer = /^Bearer (\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]
      const resolved = bearer === undefined ? undefined : state.resolveToken(bearer)
      const user = token
        ? tokenRequestUser(state, bodyText)
        : typeof resolved === 'object'
          ? resolved.user
          : undefined
      const over = [
        arrive('application', 'application', at),
        user !== undefined && arrive('user', `user:${user.uuid}`, at),
        user !== undefined && token && arrive('token', `token:${user.uuid}`, at),
      ].some(Boolean)
      if (!over) return undefined
      overLimit += 1
      if (!enforce) return undefined
      refused += 1
      return error(429, 'too_many_requests', 'Too many requests')
    },
    report: (): RateLimitReport => ({
      requests,
      overLimit,
      overBy: { ...overBy },
      peak: { ...peak },
      refused,
    }),
    reset: () => {
      arrivals.clear()
      requests = overLimit = refused = 0
      for (const kind of ['user', 'token', 'application'] as const) overBy[kind] = peak[kind] = 0
    },
  }
}
