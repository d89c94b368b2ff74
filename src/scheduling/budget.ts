// What each Bridge limit has left at an instant, from the requests already spent.
import type { RateLimit } from '../rate-limit/store.js'
import type { SyncCost } from './types.js'

/**
 * Requests one sync is expected to send by default: a token request and a page of transactions,
 * plus one more page of room.
 */
export const DEFAULT_SYNC_COST: SyncCost = { requests: 3, tokenRequests: 1 }

/** The spending in one sliding window: how much it holds and when it can take `amount` more. */
export interface WindowUse {
  /** Requests in the window ending at `now`. */
  readonly used: number
  /** Whether `amount` more fits now. */
  fits(amount: number): boolean
  /** Earliest instant at which `amount` more fits, when old spending leaves the window; `undefined` if never. */
  fitsAt(amount: number): number | undefined
  /** Counts `amount` more at `now`. */
  add(amount: number): void
}

/**
 * A sliding window over `entries` (each an instant and an amount) at `now`: entries older than
 * `windowMs` have left it. Matches how the sandbox and the SDK's rate limiter count.
 */
export const windowUse = (
  limit: RateLimit,
  now: number,
  entries: readonly { readonly at: number; readonly amount: number }[],
): WindowUse => {
  const inside = entries.filter((entry) => entry.at > now - limit.windowMs && entry.amount > 0)
  inside.sort((a, b) => a.at - b.at)
  let used = inside.reduce((sum, entry) => sum + entry.amount, 0)
  return {
    get used() {
      return used
    },
    fits: (amount) => used + amount <= limit.limit,
    fitsAt: (amount) => {
      if (amount > limit.limit) return undefined
      let left = used
      if (left + amount <= limit.limit) return now
      for (const entry of inside) {
        left -= entry.amount
        if (left + amount <= limit.limit) return entry.at + limit.windowMs
      }
      // Only spending added at `now` remains: it leaves a full window later.
      return now + limit.windowMs
    },
    add: (amount) => {
      used += amount
      inside.push({ at: now, amount })
    },
  }
}
