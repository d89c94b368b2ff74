/** Calls to app-provided stores, bounded by abort and timeout and checked, never rejecting. */
import * as v from 'valibot'
import { MAX_TIMER_MS } from './clock.js'

/** How a call to an app-provided store (token store, rate-limit store) ended. */
export type StoreOutcome<T> =
  | { readonly kind: 'answer'; readonly value: T }
  /** It rejected (or threw), or answered something that is not what the interface promises. */
  | { readonly kind: 'failed'; readonly cause: unknown; readonly invalid?: string }
  | { readonly kind: 'aborted' }
  | { readonly kind: 'timedOut'; readonly timeoutMs: number }

/**
 * Checks a store's answer: its value as the interface promises it, or the dotted paths where it is not
 * (paths only: a message could quote the value, which may hold a token).
 */
export type StoreCheck<T> = (answer: unknown) => { readonly value: T } | { readonly invalid: string }

/** Any answer is fine: for `set`, `delete` and `release`, whose answer the SDK does not read. */
export const anyAnswer: StoreCheck<unknown> = (answer) => ({ value: answer })

/** A {@link StoreCheck} by a valibot schema (for answers too rich for a hand-written check). */
export const schemaCheck =
  <S extends v.GenericSchema>(schema: S): StoreCheck<v.InferOutput<S>> =>
  (answer) => {
    const checked = v.safeParse(schema, answer)
    return checked.success
      ? { value: checked.output }
      : {
          invalid: [...new Set(checked.issues.map((issue) => v.getDotPath(issue) ?? 'answer'))]
            .slice(0, 3)
            .join(', '),
        }
  }

/** Timers cannot wait longer than {@link MAX_TIMER_MS} (a longer one fires at once). */
const clampTimer = (ms: number) => Math.min(Math.max(0, ms), MAX_TIMER_MS)

/**
 * Calls a store and waits for its answer, but never past the caller's abort or `timeoutMs`: a store
 * that never answers must not hang the call. The answer is checked against `schema` so a store
 * answering `undefined` or a string where a number belongs fails as the store's error, not as a
 * `TypeError` (or a hot loop) later. Never rejects.
 */
export const callStore = <T>(
  call: () => Promise<unknown>,
  check: StoreCheck<T>,
  limits: { readonly signal?: AbortSignal | undefined; readonly timeoutMs?: number },
): Promise<StoreOutcome<T>> => {
  const { signal, timeoutMs } = limits
  // The call is made even when the caller has already aborted (a release still frees its slot), but not waited for.
  return new Promise((resolve) => {
    const onAbort = () => settle({ kind: 'aborted' })
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => settle({ kind: 'timedOut', timeoutMs }), clampTimer(timeoutMs))
    let settled = false
    function settle(outcome: StoreOutcome<T>) {
      if (settled) return
      settled = true
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      resolve(outcome)
    }
    if (signal?.aborted) onAbort()
    else signal?.addEventListener('abort', onAbort, { once: true })
    Promise.resolve()
      .then(call)
      .then(
        (answer) => {
          const checked = check(answer)
          settle(
            'value' in checked
              ? { kind: 'answer', value: checked.value }
              : { kind: 'failed', cause: undefined, invalid: checked.invalid },
          )
        },
        (cause: unknown) => settle({ kind: 'failed', cause }),
      )
  })
}

/**
 * Waits for `task` (which never rejects), or for the caller's abort, whichever comes first.
 * @returns the task's value, or `undefined` when the caller aborted first.
 */
export const untilAborted = async <T>(
  task: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T | undefined> => {
  const outcome = await callStore(
    () => task,
    (answer) => ({ value: answer as T }),
    { signal },
  )
  return outcome.kind === 'answer' ? outcome.value : undefined
}

/**
 * Describes how a store call failed, for an error message: `redact` cleans the store's own message
 * (it may quote what the store was given).
 */
export const storeFailure = (
  outcome: Exclude<StoreOutcome<unknown>, { kind: 'answer' | 'aborted' }>,
  redact: (message: string) => string = (message) => message,
): string => {
  if (outcome.kind === 'timedOut') return ` did not answer within ${outcome.timeoutMs} ms`
  if (outcome.invalid !== undefined) return ` answered something invalid (at ${outcome.invalid})`
  const message = outcome.cause instanceof Error ? outcome.cause.message : ''
  return message ? ` failed: ${redact(message)}` : ' failed'
}
