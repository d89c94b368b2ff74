// Fan-out simulation (issue 25): 10,000 users synced under Bridge's application budget, webhook bursts
// on top of background refreshes, through bridgeapi/scheduling's policy. Runs in process on the
// sandbox's virtual clock: the simulation moves the clock (each request takes REQUEST_MS of sandbox
// time, a rate-limiter wait advances it), so an hour of Bridge traffic takes seconds. Requests go
// through the SDK (syncTransactions, a shared rate limiter and token store) to `sandbox.fetch`, with
// the sandbox enforcing Bridge's limits: a request over any of them is counted there (and refused).

const T0 = Date.parse('2026-11-28T00:00:00.000Z')
const USERS = 10_000
const SIMULATED_MS = 3_600_000
/** Sandbox time one request takes (network and Bridge), so syncs cost time as well as budget. */
const REQUEST_MS = 50
/** Background refresh: every user is due this often (more than the budget can serve: work always waits). */
const REFRESH_EVERY_MS = 1_800_000
/** A webhook burst every BURST_EVERY_MS names BURST_USERS users at once. */
const BURST_EVERY_MS = 600_000
const BURST_USERS = 300
/** Shortest pause between two plans of the engine (its polling tick). */
const TICK_MS = 1_000
const TOKEN_PATH = '/v3/aggregation/authorization/token'

/** A seeded generator, so every run simulates the same traffic. */
const random = (() => {
  let state = 0x2545f491
  return () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 2 ** 32
  }
})()

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}

/**
 * Runs the simulation; returns `{ users, overLimit, budgetUse, p50Ms, p95Ms, syncs, requests }`.
 * `budgetUse`: requests sent in the 5-minute windows during which work waited throughout, over the
 * application limit of those windows.
 */
export const simulateFanOut = async (sdk, sandboxModule, scheduling) => {
  const { createContext, createRateLimiter, memoryRateLimitStore, memoryTokenStore, syncTransactions } = sdk
  const { createSandbox, sandboxContext } = sandboxModule
  const { planSyncs, afterFailure } = scheduling
  const sandbox = createSandbox({ seed: 'fan-out', now: T0, enforceRateLimits: true, maxRecordedRequests: 1 })
  const ids = Array.from({ length: USERS }, (_, i) => `fan-out-${i}`)
  for (const externalUserId of ids) sandbox.seedUser({ externalUserId, transactions: 20, accounts: 1 })
  const clock = sandbox.clock

  // What the policy is told was spent: each request as it reaches Bridge.
  let spent = []
  const sentAt = []
  let current
  const fetch = async (input, init) => {
    clock.advance(REQUEST_MS)
    const token = new URL(new Request(input, init).url).pathname === TOKEN_PATH
    spent.push({ user: current, at: clock.now(), requests: 1, tokenRequests: token ? 1 : 0 })
    sentAt.push(clock.now())
    return sandbox.fetch(input, init)
  }
  // A wait (rate limiter, retry) moves the virtual clock instead of the real one.
  const advance = async (ms) => {
    clock.advance(Math.max(0, Math.ceil(ms)))
    return true
  }
  const rateLimiter = createRateLimiter({ store: memoryRateLimitStore(), now: clock.now, sleep: advance })
  const tokenStore = memoryTokenStore()
  const contextFor = (externalUserId) =>
    createContext(
      sandboxContext(sandbox, { user: { externalUserId }, fetch, sleep: advance, rateLimiter, tokenStore }),
    )
  const cursors = new Map()

  /** user → { reason, since, notBefore?, attempts }; refresh due instants per user. */
  const named = new Map()
  const refreshDue = new Map(ids.map((id) => [id, T0 + Math.floor(random() * REFRESH_EVERY_MS)]))
  const latencies = []
  const waitedAt = [] // [from, to) intervals during which work waited
  let nextBurst = T0 + BURST_EVERY_MS / 2
  let syncs = 0

  const waitingNow = (now) => {
    const waiting = []
    for (const [user, entry] of named)
      waiting.push({ user, reason: 'webhook', since: entry.since, ...entry.retry })
    for (const [user, due] of refreshDue)
      if (due <= now && !named.has(user)) waiting.push({ user, reason: 'refresh', since: due })
    return waiting
  }

  /** The earliest background refresh falling due after `now`. */
  const nextRefresh = (now) => {
    let next = Number.POSITIVE_INFINITY
    for (const due of refreshDue.values()) if (due > now && due < next) next = due
    return next
  }

  const runSync = async (sync) => {
    current = sync.user
    const ctx = contextFor(sync.user)
    let cursor = cursors.get(sync.user)
    for await (const batch of syncTransactions(ctx, cursor === undefined ? {} : { cursor })) {
      if (batch._tag === 'Left') return batch.left
      cursor = batch.right.cursor
    }
    cursors.set(sync.user, cursor)
    return undefined
  }

  while (clock.now() < T0 + SIMULATED_MS) {
    const now = clock.now()
    while (nextBurst <= now) {
      for (let i = 0; i < BURST_USERS; i++) {
        const user = ids[Math.floor(random() * USERS)]
        if (!named.has(user)) named.set(user, { since: nextBurst, attempts: 0 })
      }
      nextBurst += BURST_EVERY_MS
    }
    spent = spent.filter((entry) => entry.at > now - 300_000)
    const waiting = waitingNow(now)
    const plan = planSyncs({ now, waiting, running: [], spent })
    if (plan._tag === 'Left') throw new Error(`planSyncs: ${plan.left.message}`)
    for (const sync of plan.right.start) {
      const error = await runSync(sync)
      syncs += 1
      const entry = named.get(sync.user)
      if (error !== undefined) {
        const attempts = (entry?.attempts ?? 0) + 1
        const next = afterFailure({ attempts, now: clock.now(), jitter: random() })
        if (next._tag === 'Left' || !next.right.retry)
          throw new Error(`sync of ${sync.user} failed: ${error.message}`)
        named.set(sync.user, { since: sync.since, attempts, retry: { notBefore: next.right.retryAt } })
        continue
      }
      if (sync.reason === 'webhook') {
        latencies.push(clock.now() - sync.since)
        named.delete(sync.user)
      }
      refreshDue.set(sync.user, clock.now() + REFRESH_EVERY_MS)
    }
    // Sleep until the next burst, or the policy's wake-up rounded up to the engine's tick (planning for
    // every single request the window frees would be wasteful): budget frees a request at a time.
    // Refreshes falling due wake it too (the policy knows only who waits now).
    const wake = Math.min(
      Math.max(plan.right.wakeAt ?? Number.POSITIVE_INFINITY, now + TICK_MS),
      nextBurst,
      nextRefresh(now),
    )
    if (wake > clock.now()) clock.advance(wake - clock.now())
    if (waiting.length > 0) waitedAt.push([now, clock.now()])
  }

  // Budget use: full 5-minute windows (after the first, whose budget was unspent at start) during
  // which work waited from start to end.
  const windowMs = 300_000
  let sent = 0
  let budget = 0
  for (let start = T0 + windowMs; start + windowMs <= T0 + SIMULATED_MS; start += windowMs) {
    let covered = start
    for (const [from, to] of waitedAt) if (from <= covered && to > covered) covered = to
    if (covered < start + windowMs) continue
    sent += sentAt.filter((at) => at >= start && at < start + windowMs).length
    budget += 2_000
  }
  const report = sandbox.rateLimitReport()
  return {
    users: USERS,
    overLimit: report.overLimit,
    refused: report.refused,
    budgetUse: budget === 0 ? 0 : sent / budget,
    p50Ms: quantile(latencies, 0.5),
    p95Ms: quantile(latencies, 0.95),
    syncs,
    requests: report.requests,
  }
}
