// The types of the scheduling policy: the state it reads and the plan it returns.
import type { RateLimits } from '../rate-limit/store.js'

/** Requests a sync sends (or is expected to send): all of them, and how many of those are token requests. */
export interface SyncCost {
  /** Every request, token requests included (they count against the user and application limits too). */
  readonly requests: number
  /** Token requests among `requests`: Bridge limits them apart, per user. */
  readonly tokenRequests: number
}

/**
 * Requests sent, or reserved for a sync that started, at an instant: what the budget remembers.
 * An engine records the expected cost when a sync starts, and may replace it with the real count
 * when the sync ends.
 */
export interface SpentRequests extends SyncCost {
  /** The user the requests were for. */
  readonly user: string
  /** When they were sent or reserved, in ms since the epoch. */
  readonly at: number
}

/** Why a user waits for a sync: a webhook named it (goes first), or its background refresh is due. */
export type SyncReason = 'webhook' | 'refresh'

/** A user waiting for a sync. */
export interface WaitingSync {
  /** The user's identity, the same for every engine instance (e.g. Bridge's user uuid). */
  readonly user: string
  readonly reason: SyncReason
  /** When the webhook named the user, or when the refresh fell due (ms since the epoch): older goes first. */
  readonly since: number
  /** Not before this instant (ms since the epoch): a retry's backoff, from `afterFailure`. */
  readonly notBefore?: number
}

/** What the policy decides from: the time, who waits, who syncs, and what was spent. */
export interface SchedulingState {
  /** The current time, in ms since the epoch (the policy never reads a clock). */
  readonly now: number
  /**
   * Users waiting for a sync. A user listed twice counts once: with its most urgent reason, the
   * oldest `since` of that reason, and the latest `notBefore` (a user in backoff stays in backoff).
   */
  readonly waiting: readonly WaitingSync[]
  /** Users whose sync is running: none of them is started again. */
  readonly running: readonly string[]
  /** Requests sent or reserved in the last windows (older entries are ignored). */
  readonly spent: readonly SpentRequests[]
}

/** How {@link planSyncs} counts. */
export interface SchedulingOptions {
  /** Limits to keep to, each overriding Bridge's (e.g. a raised application limit). */
  readonly limits?: Partial<RateLimits>
  /** Requests one sync is expected to send. Default `DEFAULT_SYNC_COST`. */
  readonly cost?: SyncCost
  /** Most syncs to start in this plan (e.g. free workers). Default: no cap. */
  readonly maxStarts?: number
}

/** A sync to start now. */
export interface ScheduledSync {
  readonly user: string
  readonly reason: SyncReason
  /** When it was named or fell due: `now - since` is how long it waited. */
  readonly since: number
  /** Requests reserved for it: record them in `spent` as sent at `now`. */
  readonly cost: SyncCost
}

/** What {@link planSyncs} decides. */
export interface SchedulingPlan {
  /** Syncs to start now, in order: webhook-named first (oldest first), then background refreshes (oldest first). */
  readonly start: readonly ScheduledSync[]
  /**
   * When to plan again if nothing else happens (a backoff ends, the budget frees); `undefined` when
   * nothing waiting can start by time alone. Plan again as well when a sync ends or a user is named.
   */
  readonly wakeAt: number | undefined
}
