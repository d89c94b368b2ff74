/**
 * The sandbox's clock: token expiry, `updated_at`, payment link expiry and payment status changes
 * all read it. By default it follows real time; `advance` and `set` move it, so a test can expire
 * a token without waiting two hours.
 */
export interface SandboxClock {
  /** Current sandbox time, in ms since the epoch. */
  now(): number
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void
  /** Sets the clock to an instant (ms, ISO string or Date). */
  set(instant: number | string | Date): void
  /** Whether the clock stands still between `advance`/`set` calls. */
  readonly frozen: boolean
}

/** Reads an instant given as ms, an ISO 8601 string or a Date. */
export const toMs = (instant: number | string | Date): number => {
  const ms =
    instant instanceof Date ? instant.getTime() : typeof instant === 'string' ? Date.parse(instant) : instant
  if (!Number.isFinite(ms)) throw new RangeError(`Not a valid instant: ${String(instant)}`)
  return ms
}

/**
 * A clock starting at `start` (default: now). A frozen clock only moves on `advance`/`set`;
 * a running one also follows real time.
 */
export const createClock = (start?: number | string | Date, frozen = false): SandboxClock => {
  let offset = start === undefined ? 0 : toMs(start) - Date.now()
  let fixed = start === undefined ? Date.now() : toMs(start)
  return {
    frozen,
    now: () => (frozen ? fixed : Date.now() + offset),
    advance: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance(ms) needs a finite ms ≥ 0')
      fixed += ms
      offset += ms
    },
    set: (instant) => {
      fixed = toMs(instant)
      offset = fixed - Date.now()
    },
  }
}
