// The sandbox clock: real or frozen time that tests move with `advance` and `set`.
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

/**
 * The latest instant the clock may show (end of year 9999): every route writes instants with
 * `toISOString`, which throws past year 275760 and writes 6-digit years past 9999.
 */
export const MAX_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999)

/** Reads an instant given as ms, an ISO 8601 string or a Date, between 1970 and {@link MAX_INSTANT_MS}. */
export const toMs = (instant: number | string | Date): number => {
  const ms =
    instant instanceof Date ? instant.getTime() : typeof instant === 'string' ? Date.parse(instant) : instant
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_INSTANT_MS)
    throw new RangeError(`Not a valid instant between 1970 and 9999: ${String(instant)}`)
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
      // Checked before moving, so a refused advance leaves the clock where it was.
      if (fixed + ms > MAX_INSTANT_MS || Date.now() + offset + ms > MAX_INSTANT_MS)
        throw new RangeError('advance(ms) would move the clock past year 9999')
      fixed += ms
      offset += ms
    },
    set: (instant) => {
      fixed = toMs(instant)
      offset = fixed - Date.now()
    },
  }
}
