/**
 * `SyncGate`: a Durable Object (one for the application) that decides, with `planSyncs` from
 * `bridgeapi/scheduling`, whether a queued sync may start now. It remembers who waits (every message
 * that asked and was deferred), whose sync runs (one per user at a time, with a lease in case a
 * consumer dies) and what was spent, so webhook-named users go before background refreshes when
 * the application budget is short. The queues only deliver, delay and dead-letter.
 */
import {
  afterFailure,
  planSyncs,
  type SpentRequests,
  type SyncReason,
  type WaitingSync,
} from 'bridgeapi/scheduling'

/** What a consumer asks before a sync. */
export interface StartRequest {
  readonly user: string
  readonly reason: SyncReason
  /** When the webhook named the user or the refresh fell due (ms since the epoch). */
  readonly since: number
}

/** The gate's answer: start now, or ask again at `retryAt`. */
export type StartAnswer = { readonly start: true } | { readonly start: false; readonly retryAt: number }

/** After a failed sync: retry at `retryAt`, or dead-letter it. */
export type FailureAnswer =
  | { readonly retryAt: number }
  | { readonly deadLetter: true; readonly attempts: number }

/** A running sync is forgotten after this long without `done` or `failed` (its consumer died). */
const RUN_LEASE_MS = 5 * 60_000
/** A waiting user is forgotten after this long without asking again (its message is gone). */
const WAIT_TTL_MS = 15 * 60_000
/** Spending older than Bridge's longest window (5 minutes) no longer counts. */
const SPENT_TTL_MS = 5 * 60_000

interface Waiting extends WaitingSync {
  readonly askedAt: number
}

export class SyncGate {
  readonly #waiting = new Map<string, Waiting>()
  readonly #running = new Map<string, number>()
  readonly #failures = new Map<string, number>()
  #spent: SpentRequests[] = []
  readonly #retry: { readonly maxAttempts: number; readonly baseDelayMs: number }

  constructor(
    _state: unknown,
    env: { readonly SYNC_MAX_ATTEMPTS?: string; readonly SYNC_BASE_DELAY_MS?: string },
  ) {
    this.#retry = {
      maxAttempts: Number(env.SYNC_MAX_ATTEMPTS ?? 5),
      baseDelayMs: Number(env.SYNC_BASE_DELAY_MS ?? 30_000),
    }
  }

  async fetch(request: Request): Promise<Response> {
    const now = Date.now()
    const body = (await request.json()) as StartRequest
    const route = new URL(request.url).pathname
    if (route === '/start') return Response.json(this.#start(body, now))
    this.#running.delete(body.user)
    if (route === '/done') {
      this.#failures.delete(body.user)
      return Response.json({})
    }
    if (route === '/failed') return Response.json(this.#failed(body.user, now))
    return new Response('not found', { status: 404 })
  }

  #start(asked: StartRequest, now: number): StartAnswer {
    for (const [user, until] of this.#running) if (until <= now) this.#running.delete(user)
    for (const [user, entry] of this.#waiting)
      if (entry.askedAt + WAIT_TTL_MS <= now) this.#waiting.delete(user)
    this.#spent = this.#spent.filter((entry) => entry.at + SPENT_TTL_MS > now)
    const kept = this.#waiting.get(asked.user)
    // A user named by a webhook while a refresh waits keeps the more urgent reason.
    if (!kept || (kept.reason === 'refresh' && asked.reason === 'webhook'))
      this.#waiting.set(asked.user, {
        user: asked.user,
        reason: asked.reason,
        since: asked.since,
        askedAt: now,
      })
    else this.#waiting.set(asked.user, { ...kept, askedAt: now })
    const plan = planSyncs({
      now,
      waiting: [...this.#waiting.values()].map(({ user, reason, since }) => ({ user, reason, since })),
      running: [...this.#running.keys()],
      spent: this.#spent,
    })
    if (plan._tag === 'Left') throw new Error(plan.left.message)
    const mine = plan.right.start.find((sync) => sync.user === asked.user)
    if (!mine) return { start: false, retryAt: plan.right.wakeAt ?? now + 1_000 }
    this.#waiting.delete(asked.user)
    this.#running.set(asked.user, now + RUN_LEASE_MS)
    this.#spent.push({ user: asked.user, at: now, ...mine.cost })
    return { start: true }
  }

  #failed(user: string, now: number): FailureAnswer {
    const attempts = (this.#failures.get(user) ?? 0) + 1
    const decision = afterFailure({ attempts, now, jitter: Math.random() }, this.#retry)
    if (decision._tag === 'Left') throw new Error(decision.left.message)
    if (!decision.right.retry) {
      this.#failures.delete(user)
      return { deadLetter: true, attempts }
    }
    this.#failures.set(user, attempts)
    return { retryAt: decision.right.retryAt }
  }
}
