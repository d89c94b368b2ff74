// Refuses malformed scheduling state and options by field, before any plan is made.
import { type InputValidationError, type Issue, inputError } from '../core/errors.js'
import { BRIDGE_RATE_LIMITS, type RateLimit, type RateLimits } from '../rate-limit/store.js'
import { DEFAULT_SYNC_COST } from './budget.js'
import type { SchedulingOptions, SchedulingState } from './types.js'

const isInstant = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value)
const isCount = (value: unknown, min = 0): boolean =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min

/** The issues of a limit override: a count ≥ 1 per window of ≥ 1 ms. */
const limitIssues = (limit: RateLimit | undefined, path: string): Issue[] =>
  limit === undefined || (isCount(limit?.limit, 1) && isCount(limit?.windowMs, 1))
    ? []
    : [{ path, message: 'Expected { limit, windowMs }, integers ≥ 1' }]

/** Everything wrong with a scheduling input, by path. */
const schedulingIssues = (state: SchedulingState, options: SchedulingOptions): Issue[] => {
  const issues: Issue[] = []
  const expect = (ok: boolean, path: string, message: string): void => {
    if (!ok) issues.push({ path, message })
  }
  if (typeof state !== 'object' || state === null)
    return [{ path: '', message: 'Expected a scheduling state' }]
  expect(isInstant(state.now), 'now', 'Expected a finite instant in ms')
  if (!Array.isArray(state.waiting)) expect(false, 'waiting', 'Expected an array')
  else
    state.waiting.forEach((sync, i) => {
      expect(typeof sync?.user === 'string' && sync.user !== '', `waiting.${i}.user`, 'Expected a user id')
      expect(
        sync?.reason === 'webhook' || sync?.reason === 'refresh',
        `waiting.${i}.reason`,
        "Expected 'webhook' or 'refresh'",
      )
      expect(isInstant(sync?.since), `waiting.${i}.since`, 'Expected a finite instant in ms')
      expect(
        sync?.notBefore === undefined || isInstant(sync.notBefore),
        `waiting.${i}.notBefore`,
        'Expected a finite instant in ms',
      )
    })
  if (!Array.isArray(state.running)) expect(false, 'running', 'Expected an array')
  else
    state.running.forEach((user, i) => {
      expect(typeof user === 'string', `running.${i}`, 'Expected a user id')
    })
  if (!Array.isArray(state.spent)) expect(false, 'spent', 'Expected an array')
  else
    state.spent.forEach((entry, i) => {
      expect(typeof entry?.user === 'string', `spent.${i}.user`, 'Expected a user id')
      expect(isInstant(entry?.at), `spent.${i}.at`, 'Expected a finite instant in ms')
      expect(isCount(entry?.requests), `spent.${i}.requests`, 'Expected an integer ≥ 0')
      expect(
        isCount(entry?.tokenRequests) && entry.tokenRequests <= entry.requests,
        `spent.${i}.tokenRequests`,
        'Expected an integer ≥ 0, at most requests',
      )
    })
  const limits = options.limits ?? {}
  issues.push(
    ...limitIssues(limits.user, 'options.limits.user'),
    ...limitIssues(limits.token, 'options.limits.token'),
    ...limitIssues(limits.application, 'options.limits.application'),
  )
  const cost = options.cost
  if (cost !== undefined) {
    expect(isCount(cost?.requests, 1), 'options.cost.requests', 'Expected an integer ≥ 1')
    expect(
      isCount(cost?.tokenRequests) && cost.tokenRequests <= cost.requests,
      'options.cost.tokenRequests',
      'Expected an integer ≥ 0, at most requests',
    )
  }
  expect(
    options.maxStarts === undefined || isCount(options.maxStarts),
    'options.maxStarts',
    'Expected an integer ≥ 0',
  )
  if (issues.length > 0) return issues
  // A sync that can never fit would wait forever: refuse it rather than plan nothing, silently.
  const merged: RateLimits = { ...BRIDGE_RATE_LIMITS, ...limits }
  const { requests, tokenRequests } = cost ?? DEFAULT_SYNC_COST
  expect(
    requests <= merged.user.limit &&
      requests <= merged.application.limit &&
      tokenRequests <= merged.token.limit,
    'options.cost',
    'A sync must fit within every limit (user, token, application)',
  )
  return issues
}

/** Refuses a state or options {@link planSyncs} cannot plan with, naming each bad field. */
export const checkSchedulingInput = (
  state: SchedulingState,
  options: SchedulingOptions,
): InputValidationError | undefined => {
  const issues = schedulingIssues(state, options)
  return issues.length === 0 ? undefined : inputError('planSyncs', 'Invalid scheduling input', issues)
}
