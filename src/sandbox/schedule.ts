// Runs callbacks at instants of the sandbox clock (webhook retries, payment status changes).
import type { SandboxClock } from './clock.js'

/** Callbacks due at sandbox-clock instants, and the clock that fires them when it moves. */
export interface Schedule {
  /** The sandbox clock; its `advance` and `set` run every callback that becomes due. */
  readonly clock: SandboxClock
  /** Runs `run` once the clock reaches `at` (ms); returns a function that cancels it. */
  at(at: number, run: () => void): () => void
  /** Cancels every pending callback; later `at` calls are ignored. */
  close(): void
}

/** setTimeout's longest delay (about 24.8 days); a later instant is reached in several waits. */
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * A schedule over `base`. A frozen clock fires callbacks only when moved (`advance`/`set`), so a test
 * decides when a retry happens; a running clock also fires them as real time passes.
 */
export const createSchedule = (base: SandboxClock): Schedule => {
  const pending = new Set<{ readonly at: number; readonly run: () => void }>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let closed = false

  const runDue = (): void => {
    const now = base.now()
    const due = [...pending].filter((entry) => entry.at <= now).sort((a, b) => a.at - b.at)
    for (const entry of due) pending.delete(entry)
    for (const entry of due) entry.run()
    arm()
  }

  /** A real timer for the earliest callback, when the clock follows real time. */
  const arm = (): void => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    if (base.frozen || closed || pending.size === 0) return
    const next = Math.min(...[...pending].map((entry) => entry.at))
    timer = setTimeout(runDue, Math.min(Math.max(next - base.now(), 0), MAX_TIMER_MS))
    // Node: a pending retry does not keep the process alive.
    ;(timer as { unref?: () => void }).unref?.()
  }

  const clock: SandboxClock = {
    get frozen() {
      return base.frozen
    },
    now: () => base.now(),
    advance: (ms) => {
      base.advance(ms)
      runDue()
    },
    set: (instant) => {
      base.set(instant)
      runDue()
    },
  }

  return {
    clock,
    at: (at, run) => {
      if (closed) return () => {}
      const entry = { at, run }
      pending.add(entry)
      if (at <= base.now()) queueMicrotask(runDue)
      else arm()
      return () => {
        pending.delete(entry)
        arm()
      }
    },
    close: () => {
      closed = true
      pending.clear()
      arm()
    },
  }
}
