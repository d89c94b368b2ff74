import {
  type Context,
  type ContextOptions,
  createContext,
  createRateLimiter,
  memoryRateLimitStore,
  type RateLimitStore,
} from '../../src/index.js'
import { type RunningSandbox, sandboxContext, startSandbox } from '../../src/sandbox/index.js'
import { virtualTime } from './virtual-time.js'

/** The sandbox clock's start: frozen, so only the limiter's sleeps move it. */
export const START = Date.parse('2026-03-02T09:00:00.000Z')

/** A sandbox on a frozen clock (answering 429 over Bridge's limits unless told otherwise), and virtual time on it. */
export const startLimitedSandbox = async (enforceRateLimits = true) => {
  const server = await startSandbox({ seed: 15, now: START, enforceRateLimits })
  return { server, time: virtualTime(server.sandbox.clock) }
}

/** A rate limiter on the sandbox's virtual time, over `store` (default: its own memory store). */
export const virtualLimiter = (
  time: ReturnType<typeof virtualTime>,
  store: RateLimitStore = memoryRateLimitStore(),
) => createRateLimiter({ store: time.store(store), now: time.now, sleep: time.sleep })

/** A context for `user` on the sandbox, over HTTP through the virtual-time fetch, without retries. */
export const userContext = (
  server: RunningSandbox,
  time: ReturnType<typeof virtualTime>,
  user: ContextOptions['user'],
  options: Partial<ContextOptions> = {},
): Context => createContext(sandboxContext(server, { user, fetch: time.fetch, retry: 0, ...options }))

/** Throws with the error when a result is a Left, so a test fails with what went wrong. */
export const must = <T>(result: { _tag: 'Left'; left: unknown } | { _tag: 'Right'; right: T }): T => {
  if (result._tag === 'Left') throw new Error(JSON.stringify(result.left))
  return result.right
}
