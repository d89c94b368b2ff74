/** The one clock (`now` and `sleep`) the engine, the rate limiter and sync read time from. */

import * as E from './either.js'
import { type BridgeError, type InputValidationError, inputError } from './errors.js'

/** The longest delay timers take: a longer one fires after 1 ms in browsers, Node, Deno and Workers. */
export const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * A source of time: the context's `clock` option. Tests pass one that moves a virtual clock, so
 * retries, rate-limit waits and token expiry happen without real waits.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  /** Waits `ms`: resolves `true` when the time has passed, `false` when `signal` aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean>
}

/**
 * Waits `ms` on a timer, cut short by `signal`: resolves `true` when the time has passed, `false` when
 * the signal aborted first (or already had). The real clock's `sleep`.
 */
export const sleep = (ms: number, signal?: AbortSignal): Promise<boolean> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve(false)
    const onAbort = () => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })

/** The real clock: `Date.now` (looked up on each call, so a replaced one is used) and timers. */
export const realClock: Clock = { now: () => Date.now(), sleep }

/** Why a reading of the clock failed: it threw, or gave something that is not a finite number. */
export class ClockFailure extends Error {}

/** The clock's time, or a {@link ClockFailure} (a user's clock may throw or return garbage). */
export const readClock = (clock: Clock): number | ClockFailure => {
  try {
    const now = clock.now()
    return Number.isFinite(now) ? now : new ClockFailure('the clock gave no finite number')
  } catch (cause) {
    return new ClockFailure(`the clock failed: ${cause instanceof Error ? cause.message : String(cause)}`)
  }
}

/** The clock's time; throws a {@link ClockFailure}, which {@link clockGuard} turns into a Left. */
export const nowOf = (clock: Clock): number => {
  const at = readClock(clock)
  if (at instanceof ClockFailure) throw at
  return at
}

/** The error of a call whose context's clock failed: the `clock` option is unfit. */
export const clockError = (operation: string, failure: ClockFailure): InputValidationError =>
  inputError(operation, `The context's clock failed in ${operation}: ${failure.message}`, [
    { path: 'clock', message: failure.message },
  ])

/** Runs `task`, turning a {@link ClockFailure} thrown inside it into a Left: a clock never makes a call reject. */
export const clockGuard = async <T>(
  operation: string,
  task: () => Promise<E.Either<BridgeError, T>>,
): Promise<E.Either<BridgeError, T>> => {
  try {
    return await task()
  } catch (cause) {
    if (cause instanceof ClockFailure) return E.left(clockError(operation, cause))
    throw cause
  }
}

/**
 * Waits on the clock without ever rejecting: `true` when the time passed, `false` on abort, and
 * `undefined` when the clock's `sleep` threw or rejected (the caller then stops with an error).
 */
export const waitOn = async (
  clock: Clock,
  ms: number,
  signal?: AbortSignal,
): Promise<boolean | undefined> => {
  try {
    const waited = await clock.sleep(Math.min(Math.max(0, ms), MAX_TIMER_MS), signal)
    // A `sleep` resolving nothing (the older limiter signature) waited; only `false` means aborted.
    return waited !== false && !signal?.aborted
  } catch {
    return undefined
  }
}
