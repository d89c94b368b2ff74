/**
 * `bridgeapi/scheduling`: the pure policy that decides which users to sync next within Bridge's
 * application budget (webhook-named users first, background refreshes in what is left, one sync per
 * user) and what follows a failed sync (backoff, then dead-letter). Queue engines (BullMQ, Cloudflare
 * Queues, …) deliver what it decides. See docs/many-users.md.
 * @module
 */

export {
  afterFailure,
  DEFAULT_SYNC_RETRY,
  type RetryDecision,
  type RetryPolicyOptions,
  type SyncFailure,
} from './after-failure.js'
export { DEFAULT_SYNC_COST } from './budget.js'
export { planSyncs } from './plan-syncs.js'
export type {
  ScheduledSync,
  SchedulingOptions,
  SchedulingPlan,
  SchedulingState,
  SpentRequests,
  SyncCost,
  SyncReason,
  WaitingSync,
} from './types.js'
