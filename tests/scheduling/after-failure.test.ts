import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { afterFailure, DEFAULT_SYNC_RETRY, type RetryDecision } from '../../src/scheduling/index.js'

const decide = (...args: Parameters<typeof afterFailure>): RetryDecision => {
  const result = afterFailure(...args)
  if (result._tag === 'Left') throw new Error(JSON.stringify(result.left))
  return result.right
}

describe('afterFailure', () => {
  it('doubles the delay from 30 s up to 1 h, then dead-letters after the 5th attempt', () => {
    const delays = [1, 2, 3, 4].map((attempts) => decide({ attempts, now: 1_000 }))
    expect(delays).toEqual([
      { retry: true, delayMs: 30_000, retryAt: 31_000 },
      { retry: true, delayMs: 60_000, retryAt: 61_000 },
      { retry: true, delayMs: 120_000, retryAt: 121_000 },
      { retry: true, delayMs: 240_000, retryAt: 241_000 },
    ])
    expect(decide({ attempts: DEFAULT_SYNC_RETRY.maxAttempts, now: 1_000 })).toEqual({
      retry: false,
      deadLetter: true,
      attempts: 5,
    })
  })

  it('keeps every delay within half and all of the capped backoff, and never shorter than Retry-After', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
        (attempts, jitter, retryAfterMs) => {
          const options = { maxAttempts: 1_000, baseDelayMs: 1_000, maxDelayMs: 600_000 }
          const next = decide({ attempts, now: 0, jitter, retryAfterMs }, options)
          expect(next.retry).toBe(true)
          if (!next.retry) return
          const backoff = Math.min(600_000, 1_000 * 2 ** (attempts - 1))
          expect(next.delayMs).toBeGreaterThanOrEqual(Math.max(Math.floor(backoff / 2), retryAfterMs ?? 0))
          expect(next.delayMs).toBeLessThanOrEqual(Math.max(backoff, retryAfterMs ?? 0))
          expect(next.retryAt).toBe(next.delayMs)
        },
      ),
    )
  })

  it('refuses bad input by path', () => {
    const bad = afterFailure({ attempts: 0, now: 1, jitter: 2 }, { maxAttempts: 0 })
    expect(bad._tag === 'Left' && bad.left.issues.map((issue) => issue.path)).toEqual([
      'attempts',
      'jitter',
      'options.maxAttempts',
    ])
  })
})
