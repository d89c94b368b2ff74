import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BRIDGE_RATE_LIMITS } from '../../src/rate-limit/store.js'
import {
  DEFAULT_SYNC_COST,
  planSyncs,
  type SchedulingPlan,
  type SchedulingState,
  type SpentRequests,
  type SyncCost,
  type WaitingSync,
} from '../../src/scheduling/index.js'

const T0 = Date.UTC(2026, 0, 1)
const limits = BRIDGE_RATE_LIMITS

const plan = (state: SchedulingState, options?: Parameters<typeof planSyncs>[1]): SchedulingPlan => {
  const result = planSyncs(state, options)
  if (result._tag === 'Left') throw new Error(JSON.stringify(result.left))
  return result.right
}

/** Requests in the window of `windowMs` ending at `now`, as the sandbox counts them. */
const inWindow = (
  spent: readonly SpentRequests[],
  now: number,
  windowMs: number,
  pick: (s: SpentRequests) => number,
) => spent.filter((s) => s.at > now - windowMs && s.at <= now).reduce((sum, s) => sum + pick(s), 0)

const users = fc.constantFrom(...Array.from({ length: 12 }, (_, i) => `user-${i}`))
const waitingSync = fc.record(
  {
    user: users,
    reason: fc.constantFrom('webhook' as const, 'refresh' as const),
    since: fc.integer({ min: T0 - 600_000, max: T0 }),
    notBefore: fc.integer({ min: T0 - 60_000, max: T0 + 60_000 }),
  },
  { requiredKeys: ['user', 'reason', 'since'] },
)
const spentEntry = fc
  .record({
    user: users,
    at: fc.integer({ min: T0 - 400_000, max: T0 }),
    requests: fc.integer({ min: 0, max: 40 }),
    tokenRequests: fc.integer({ min: 0, max: 4 }),
  })
  .map((s) => ({ ...s, tokenRequests: Math.min(s.tokenRequests, s.requests) }))
const cost = fc
  .record({ requests: fc.integer({ min: 1, max: 20 }), tokenRequests: fc.integer({ min: 0, max: 3 }) })
  .map((c) => ({ ...c, tokenRequests: Math.min(c.tokenRequests, c.requests) }))
const state = fc.record({
  now: fc.constant(T0),
  waiting: fc.array(waitingSync, { maxLength: 30 }),
  running: fc.uniqueArray(users, { maxLength: 4 }),
  spent: fc.array(spentEntry, { maxLength: 120 }),
})
/** A small application limit, so that the application budget binds in most cases. */
const appLimit = fc.integer({ min: 20, max: 400 })

describe('planSyncs', () => {
  it('never plans past a limit: spent plus reserved stays within the application, user and token windows', () => {
    fc.assert(
      fc.property(state, cost, appLimit, (s, c, app) => {
        const options = { cost: c, limits: { application: { limit: app, windowMs: 300_000 } } }
        const { start } = plan(s, options)
        const after = [...s.spent, ...start.map((sync) => ({ user: sync.user, at: s.now, ...sync.cost }))]
        const before = inWindow(s.spent, s.now, 300_000, (e) => e.requests)
        // Only what the plan adds is its doing: an input already over a limit must gain nothing.
        const appAfter = inWindow(after, s.now, 300_000, (e) => e.requests)
        expect(appAfter <= Math.max(app, before)).toBe(true)
        for (const sync of start) {
          expect(sync.cost).toEqual(c)
          const mine = after.filter((e) => e.user === sync.user)
          expect(inWindow(mine, s.now, limits.user.windowMs, (e) => e.requests)).toBeLessThanOrEqual(
            limits.user.limit,
          )
          expect(inWindow(mine, s.now, limits.token.windowMs, (e) => e.tokenRequests)).toBeLessThanOrEqual(
            limits.token.limit,
          )
        }
      }),
      { numRuns: 400 },
    )
  })

  it('never starts a user twice, nor one whose sync is running, nor one still in backoff', () => {
    fc.assert(
      fc.property(state, cost, (s, c) => {
        const { start } = plan(s, { cost: c })
        const started = start.map((sync) => sync.user)
        expect(new Set(started).size).toBe(started.length)
        for (const user of started) {
          expect(s.running).not.toContain(user)
          const entries = s.waiting.filter((w) => w.user === user)
          expect(entries.length).toBeGreaterThan(0)
          // Its most urgent reason, the oldest since of that reason, and no entry still in backoff.
          const chosen = start.find((sync) => sync.user === user)!
          const reason = entries.some((w) => w.reason === 'webhook') ? 'webhook' : 'refresh'
          expect(chosen.reason).toBe(reason)
          expect(chosen.since).toBe(
            Math.min(...entries.filter((w) => w.reason === reason).map((w) => w.since)),
          )
          expect(entries.every((w) => (w.notBefore ?? 0) <= s.now)).toBe(true)
        }
      }),
      { numRuns: 400 },
    )
  })

  it('starts no background refresh while a webhook-named user that could start waits, and takes each kind oldest first', () => {
    fc.assert(
      fc.property(state, cost, appLimit, (s, c, app) => {
        const { start } = plan(s, { cost: c, limits: { application: { limit: app, windowMs: 300_000 } } })
        const reasons = start.map((sync) => sync.reason)
        // Webhook-named first, then refreshes; each group oldest first.
        expect(reasons).toEqual([...reasons].sort((a, b) => (a === b ? 0 : a === 'webhook' ? -1 : 1)))
        for (const reason of ['webhook', 'refresh'] as const) {
          const since = start.filter((sync) => sync.reason === reason).map((sync) => sync.since)
          expect(since).toEqual([...since].sort((a, b) => a - b))
        }
        if (!reasons.includes('refresh')) return
        const started = new Set(start.map((sync) => sync.user))
        for (const w of s.waiting.filter((w) => w.reason === 'webhook')) {
          const inBackoff = s.waiting.some((x) => x.user === w.user && (x.notBefore ?? 0) > s.now)
          if (started.has(w.user) || s.running.includes(w.user) || inBackoff) continue
          const mine = s.spent.filter((e) => e.user === w.user)
          const userFull = inWindow(mine, s.now, 60_000, (e) => e.requests) + c.requests > limits.user.limit
          const tokenFull =
            inWindow(mine, s.now, 60_000, (e) => e.tokenRequests) + c.tokenRequests > limits.token.limit
          // Only its own limits may hold a webhook-named user back while a refresh starts.
          expect(userFull || tokenFull).toBe(true)
        }
      }),
      { numRuns: 400 },
    )
  })

  it('fills the budget: it stops only when the next user does not fit the application window', () => {
    fc.assert(
      fc.property(state, cost, appLimit, (s, c, app) => {
        const options = { cost: c, limits: { application: { limit: app, windowMs: 300_000 } } }
        const { start, wakeAt } = plan(s, options)
        const used = inWindow(s.spent, s.now, 300_000, (e) => e.requests) + start.length * c.requests
        const startable = new Set(s.waiting.map((w) => w.user).filter((u) => !s.running.includes(u)))
        if (start.length < startable.size && used + c.requests <= app) {
          // Room is left: every user not started is running, in backoff or over its own limits,
          // and the plan says when to look again.
          expect(wakeAt).toBeDefined()
          expect(wakeAt!).toBeGreaterThan(s.now)
        }
      }),
      { numRuns: 400 },
    )
  })

  it('keeps every limit over a long run, where reserved requests are sent and time moves on', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ user: users, webhook: fc.boolean(), gapMs: fc.integer({ min: 0, max: 20_000 }) }),
          {
            minLength: 20,
            maxLength: 150,
          },
        ),
        cost,
        (events, c) => {
          const app = { limit: 60, windowMs: 300_000 }
          let now = T0
          const waiting: WaitingSync[] = []
          const spent: SpentRequests[] = []
          const firstStart = new Map<string, number>()
          for (const event of events) {
            now += event.gapMs
            waiting.push({ user: event.user, reason: event.webhook ? 'webhook' : 'refresh', since: now })
            // Each sync ends before the next plan: nothing runs across plans.
            const { start } = plan(
              { now, waiting, running: [], spent },
              { cost: c, limits: { application: app } },
            )
            for (const sync of start) {
              spent.push({ user: sync.user, at: now, ...c })
              firstStart.set(`${sync.user}@${sync.since}`, now)
              for (let i = waiting.length - 1; i >= 0; i--)
                if (waiting[i]!.user === sync.user) waiting.splice(i, 1)
            }
          }
          // Replay every instant something was sent: no window ever held more than its limit.
          for (const { at } of spent) {
            expect(inWindow(spent, at, app.windowMs, (e) => e.requests)).toBeLessThanOrEqual(app.limit)
            for (const user of new Set(spent.map((e) => e.user))) {
              const mine = spent.filter((e) => e.user === user)
              expect(inWindow(mine, at, 60_000, (e) => e.requests)).toBeLessThanOrEqual(limits.user.limit)
              expect(inWindow(mine, at, 60_000, (e) => e.tokenRequests)).toBeLessThanOrEqual(
                limits.token.limit,
              )
            }
          }
        },
      ),
      { numRuns: 60 },
    )
  })

  it('wakes when the application window has room for the next sync, and then starts it', () => {
    const spent = Array.from({ length: 10 }, (_, i) => ({
      user: `old-${i}`,
      at: T0 - 250_000 + i * 1_000,
      requests: 30,
      tokenRequests: 1,
    }))
    const waiting: WaitingSync[] = [
      { user: 'b', reason: 'refresh', since: T0 - 100_000 },
      { user: 'a', reason: 'webhook', since: T0 - 5_000 },
    ]
    const limits = { application: { limit: 300, windowMs: 300_000 } }
    const blocked = plan({ now: T0, waiting, running: [], spent }, { limits })
    expect(blocked.start).toEqual([])
    // 300 spent, 3 needed: the first entry (30) leaves at T0 - 250,000 + 300,000.
    expect(blocked.wakeAt).toBe(T0 + 50_000)
    const woken = plan({ now: blocked.wakeAt!, waiting, running: [], spent }, { limits })
    expect(woken.start.map((sync) => [sync.user, sync.reason])).toEqual([
      ['a', 'webhook'],
      ['b', 'refresh'],
    ])
  })

  it('counts a user listed twice once, with its webhook over its refresh', () => {
    const { start } = plan({
      now: T0,
      waiting: [
        { user: 'u', reason: 'refresh', since: T0 - 50_000 },
        { user: 'u', reason: 'webhook', since: T0 - 1_000 },
        { user: 'v', reason: 'refresh', since: T0 - 90_000 },
      ],
      running: [],
      spent: [],
    })
    expect(start).toEqual([
      { user: 'u', reason: 'webhook', since: T0 - 1_000, cost: DEFAULT_SYNC_COST },
      { user: 'v', reason: 'refresh', since: T0 - 90_000, cost: DEFAULT_SYNC_COST },
    ])
  })

  it('passes over a user at its own limit, wakes when that user has room, and honours maxStarts', () => {
    const spent = Array.from({ length: 10 }, (_, i) => ({
      user: 'busy',
      at: T0 - 30_000 + i,
      requests: 1,
      tokenRequests: 1,
    }))
    const waiting: WaitingSync[] = [
      { user: 'busy', reason: 'webhook', since: T0 - 10_000 },
      { user: 'x', reason: 'refresh', since: T0 - 9_000 },
      { user: 'y', reason: 'refresh', since: T0 - 8_000 },
    ]
    const result = plan({ now: T0, waiting, running: [], spent })
    expect(result.start.map((sync) => sync.user)).toEqual(['x', 'y'])
    // Ten token requests in the minute: the first leaves at T0 - 30,000 + 60,000.
    expect(result.wakeAt).toBe(T0 + 30_000)
    expect(
      plan({ now: T0, waiting, running: [], spent }, { maxStarts: 1 }).start.map((sync) => sync.user),
    ).toEqual(['x'])
  })

  it('refuses bad input by path, and a cost that could never fit', () => {
    const bad = planSyncs(
      {
        now: Number.NaN,
        waiting: [{ user: '', reason: 'later' as 'webhook', since: 1 }],
        running: [],
        spent: [{ user: 'u', at: 1, requests: 1, tokenRequests: 2 }],
      },
      { cost: { requests: 0, tokenRequests: 0 } as SyncCost, maxStarts: -1 },
    )
    expect(bad._tag).toBe('Left')
    if (bad._tag === 'Left')
      expect(bad.left.issues.map((issue) => issue.path)).toEqual([
        'now',
        'waiting.0.user',
        'waiting.0.reason',
        'spent.0.tokenRequests',
        'options.cost.requests',
        'options.maxStarts',
      ])
    const never = planSyncs(
      { now: T0, waiting: [], running: [], spent: [] },
      { cost: { requests: 61, tokenRequests: 1 } },
    )
    expect(never._tag === 'Left' && never.left.issues).toEqual([
      { path: 'options.cost', message: 'A sync must fit within every limit (user, token, application)' },
    ])
  })
})
