import type { RateLimitStore } from '../../src/index.js'
import type { SandboxClock } from '../../src/sandbox/index.js'

/**
 * Virtual time on the sandbox's frozen clock, for a rate limiter: its `sleep` moves the sandbox
 * clock instead of waiting, so minutes of limits pass in milliseconds. The clock moves only when
 * no HTTP exchange (through `fetch`, real HTTP) and no store call (through `store`) is in flight, to the earliest instant a sleeper
 * waits for, like a discrete-event simulation: requests are never overtaken by the clock, so the
 * sandbox sees them when the limiter sent them. Queued requests count as in flight.
 */
const MAX_CONNECTIONS = 64

export const virtualTime = (clock: SandboxClock) => {
  let inFlight = 0
  let sleepers: { target: number; wake: () => void }[] = []
  let scheduled = false

  const tick = () => {
    scheduled = false
    if (inFlight > 0 || sleepers.length === 0) return
    const target = Math.min(...sleepers.map((sleeper) => sleeper.target))
    if (target > clock.now()) clock.advance(target - clock.now())
    const due = sleepers.filter((sleeper) => sleeper.target <= clock.now())
    sleepers = sleepers.filter((sleeper) => sleeper.target > clock.now())
    for (const sleeper of due) sleeper.wake()
    // The others wait for the next turn (after what the woken ones do now).
    if (sleepers.length > 0) schedule()
  }
  // After pending I/O callbacks: whoever is about to send has sent (and is counted in flight) by then.
  const schedule = () => {
    if (scheduled) return
    scheduled = true
    setImmediate(tick)
  }

  // A few connections at a time, as an HTTP agent with a pool would: thousands of simultaneous
  // connects to one loopback server time out on a loaded machine.
  let connections = 0
  const queued: (() => void)[] = []
  /** Runs real I/O the clock must not move during (the limiter's store calls and HTTP). */
  const busy = async <T>(io: () => Promise<T>): Promise<T> => {
    inFlight += 1
    try {
      return await io()
    } finally {
      inFlight -= 1
      schedule()
    }
  }
  const store = (inner: RateLimitStore): RateLimitStore => ({
    acquire: (windows, request) => busy(() => inner.acquire(windows, request)),
    release: (windows, id, endedAt) => busy(() => inner.release(windows, id, endedAt)),
  })

  const fetch: typeof globalThis.fetch = async (input, init) => {
    inFlight += 1
    try {
      if (connections >= MAX_CONNECTIONS) await new Promise<void>((go) => queued.push(go))
      connections += 1
      try {
        return await globalThis.fetch(input, init)
      } finally {
        connections -= 1
        queued.shift()?.()
      }
    } finally {
      inFlight -= 1
      schedule()
    }
  }
  const sleep = (ms: number): Promise<void> =>
    new Promise((wake) => {
      sleepers.push({ target: clock.now() + ms, wake })
      schedule()
    })
  return { fetch, sleep, store, now: clock.now }
}
