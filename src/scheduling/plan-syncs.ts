// planSyncs: which users to sync now within Bridge's budgets, webhook-named users first.
import * as E from '../core/either.js'
import type { InputValidationError } from '../core/errors.js'
import { BRIDGE_RATE_LIMITS, type RateLimits } from '../rate-limit/store.js'
import { DEFAULT_SYNC_COST, windowUse } from './budget.js'
import { checkSchedulingInput } from './check-input.js'
import type {
  ScheduledSync,
  SchedulingOptions,
  SchedulingPlan,
  SchedulingState,
  SpentRequests,
  WaitingSync,
} from './types.js'

const rank = (sync: WaitingSync): number => (sync.reason === 'webhook' ? 0 : 1)

/** One entry per user: its most urgent reason, the oldest `since` of that reason, its latest `notBefore`. */
const mostUrgentPerUser = (waiting: readonly WaitingSync[]): WaitingSync[] => {
  const byUser = new Map<string, WaitingSync>()
  for (const sync of waiting) {
    const kept = byUser.get(sync.user)
    const urgent =
      kept === undefined || rank(sync) < rank(kept) || (rank(sync) === rank(kept) && sync.since < kept.since)
        ? sync
        : kept
    const notBefore = Math.max(
      sync.notBefore ?? Number.NEGATIVE_INFINITY,
      kept?.notBefore ?? Number.NEGATIVE_INFINITY,
    )
    byUser.set(sync.user, Number.isFinite(notBefore) ? { ...urgent, notBefore } : urgent)
  }
  return [...byUser.values()].sort(
    (a, b) => rank(a) - rank(b) || a.since - b.since || (a.user < b.user ? -1 : a.user > b.user ? 1 : 0),
  )
}

/**
 * Decides which users to sync now within Bridge's limits: webhook-named users first, oldest first,
 * then background refreshes in the budget left; never a user whose sync is running or whose backoff
 * has not ended. Pure: no I/O, no clock; the same state gives the same plan.
 *
 * A user who does not fit the application budget stops the plan, so no later (less urgent) user
 * takes the room it waits for; a user over its own limits is passed over, and later users go.
 *
 * @param state - the time, waiting users, running syncs and recent spending.
 * @param options - limits, expected cost per sync, most syncs to start.
 * @returns the syncs to start and when to plan again, or an `InputValidationError` naming the bad field.
 * @example
 * ```ts
 * import { planSyncs } from 'bridgeapi/scheduling'
 *
 * const plan = planSyncs({
 *   now: Date.now(),
 *   waiting: [{ user: 'u1', reason: 'webhook', since: Date.now() - 1_000 }],
 *   running: [],
 *   spent: [],
 * })
 * if (plan._tag === 'Right') for (const sync of plan.right.start) console.log('sync', sync.user)
 * ```
 */
export const planSyncs = (
  state: SchedulingState,
  options: SchedulingOptions = {},
): E.Either<InputValidationError, SchedulingPlan> => {
  const problem = checkSchedulingInput(state, options)
  if (problem !== undefined) return E.left(problem)
  const limits: RateLimits = { ...BRIDGE_RATE_LIMITS, ...options.limits }
  const cost = options.cost ?? DEFAULT_SYNC_COST
  const { now } = state
  const application = windowUse(
    limits.application,
    now,
    state.spent.map((entry) => ({ at: entry.at, amount: entry.requests })),
  )
  const userSpent = new Map<string, SpentRequests[]>()
  for (const entry of state.spent) {
    const entries = userSpent.get(entry.user)
    if (entries === undefined) userSpent.set(entry.user, [entry])
    else entries.push(entry)
  }
  const running = new Set(state.running)
  const start: ScheduledSync[] = []
  let wakeAt: number | undefined
  const wake = (at: number | undefined) => {
    if (at !== undefined && (wakeAt === undefined || at < wakeAt)) wakeAt = at
  }

  for (const sync of mostUrgentPerUser(state.waiting)) {
    if (start.length >= (options.maxStarts ?? Number.POSITIVE_INFINITY)) break
    if (running.has(sync.user)) continue
    if (sync.notBefore !== undefined && sync.notBefore > now) {
      wake(sync.notBefore)
      continue
    }
    const spent = userSpent.get(sync.user) ?? []
    const user = windowUse(
      limits.user,
      now,
      spent.map((entry) => ({ at: entry.at, amount: entry.requests })),
    )
    const token = windowUse(
      limits.token,
      now,
      spent.map((entry) => ({ at: entry.at, amount: entry.tokenRequests })),
    )
    if (!user.fits(cost.requests) || !token.fits(cost.tokenRequests)) {
      wake(Math.max(user.fitsAt(cost.requests) ?? now, token.fitsAt(cost.tokenRequests) ?? now))
      continue
    }
    if (!application.fits(cost.requests)) {
      wake(application.fitsAt(cost.requests))
      break
    }
    application.add(cost.requests)
    start.push({ user: sync.user, reason: sync.reason, since: sync.since, cost })
  }
  return E.right({ start, wakeAt })
}
