// afterFailure: how long a failed sync waits before its next try, and when it goes to the dead-letter queue.
import * as E from '../core/either.js'
import { type InputValidationError, type Issue, inputError } from '../core/errors.js'

/** How failed syncs are retried. */
export interface RetryPolicyOptions {
  /** Attempts in all (the first included) before a sync is dead-lettered. Default 5. */
  readonly maxAttempts?: number
  /** Delay before the first retry, doubled on each next one. Default 30 s. */
  readonly baseDelayMs?: number
  /** Longest delay between attempts. Default 1 h. */
  readonly maxDelayMs?: number
}

/** A failed attempt of a user's sync. */
export interface SyncFailure {
  /** Attempts made so far, the failed one included (1 after the first failure). */
  readonly attempts: number
  /** When it failed, in ms since the epoch. */
  readonly now: number
  /** A wait Bridge asked for (e.g. `Retry-After`); the delay is never shorter. */
  readonly retryAfterMs?: number
  /**
   * A number in [0, 1) from the engine's random source, spreading retries apart: the delay is between
   * half and all of the backoff. Default 1 (no spread; the policy stays pure).
   */
  readonly jitter?: number
}

/** What to do after a failure: retry at an instant, or give up and dead-letter. */
export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number; readonly retryAt: number }
  | { readonly retry: false; readonly deadLetter: true; readonly attempts: number }

/** Default {@link RetryPolicyOptions}: 5 attempts, 30 s doubling up to 1 h. */
export const DEFAULT_SYNC_RETRY = { maxAttempts: 5, baseDelayMs: 30_000, maxDelayMs: 3_600_000 } as const

const isCount = (value: unknown, min: number): boolean =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min

const failureIssues = (failure: SyncFailure, options: RetryPolicyOptions): Issue[] => {
  const checks: [boolean, string, string][] = [
    [isCount(failure?.attempts, 1), 'attempts', 'Expected an integer ≥ 1'],
    [
      typeof failure?.now === 'number' && Number.isFinite(failure.now),
      'now',
      'Expected a finite instant in ms',
    ],
    [
      failure?.retryAfterMs === undefined || isCount(failure.retryAfterMs, 0),
      'retryAfterMs',
      'Expected an integer ≥ 0',
    ],
    [
      failure?.jitter === undefined || (failure.jitter >= 0 && failure.jitter <= 1),
      'jitter',
      'Expected a number in [0, 1]',
    ],
    [
      options.maxAttempts === undefined || isCount(options.maxAttempts, 1),
      'options.maxAttempts',
      'Expected an integer ≥ 1',
    ],
    [
      options.baseDelayMs === undefined || isCount(options.baseDelayMs, 0),
      'options.baseDelayMs',
      'Expected an integer ≥ 0',
    ],
    [
      options.maxDelayMs === undefined || isCount(options.maxDelayMs, 0),
      'options.maxDelayMs',
      'Expected an integer ≥ 0',
    ],
  ]
  return checks.filter(([ok]) => !ok).map(([, path, message]) => ({ path, message }))
}

/**
 * Decides what follows a failed sync: retry after an exponential backoff (never before a wait Bridge
 * asked for), or dead-letter once `maxAttempts` attempts have failed. Pure: the engine passes the
 * time and any randomness, and delivers the decision (a delayed job, a queue retry delay).
 *
 * @param failure - attempts so far, when it failed, Bridge's requested wait, jitter.
 * @param options - attempts before dead-lettering and the backoff's range.
 * @returns when to retry, or that the sync goes to the dead-letter queue; an `InputValidationError` for bad input.
 * @example
 * ```ts
 * import { afterFailure } from 'bridgeapi/scheduling'
 *
 * const next = afterFailure({ attempts: 1, now: Date.now(), jitter: Math.random() })
 * if (next._tag === 'Right' && next.right.retry) console.log('retry in', next.right.delayMs, 'ms')
 * ```
 */
export const afterFailure = (
  failure: SyncFailure,
  options: RetryPolicyOptions = {},
): E.Either<InputValidationError, RetryDecision> => {
  const issues = failureIssues(failure, options)
  if (issues.length > 0) return E.left(inputError('afterFailure', 'Invalid sync failure', issues))
  const { maxAttempts, baseDelayMs, maxDelayMs } = { ...DEFAULT_SYNC_RETRY, ...options }
  if (failure.attempts >= maxAttempts)
    return E.right({ retry: false, deadLetter: true, attempts: failure.attempts })
  // 2 ** 52 already exceeds any delay a timer accepts; capping the exponent keeps the number finite.
  const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(failure.attempts - 1, 52))
  const spread = Math.round(backoff / 2 + (backoff / 2) * (failure.jitter ?? 1))
  const delayMs = Math.max(spread, failure.retryAfterMs ?? 0)
  return E.right({ retry: true, delayMs, retryAt: failure.now + delayMs })
}
