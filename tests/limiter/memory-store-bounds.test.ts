/**
 * The in-memory rate-limit store forgets windows that have expired and keeps at most `maxEntries`;
 * the Deno KV store gives every key it writes an expiry.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { memoryRateLimitStore, type RateLimitWindow } from '../../src/index.js'
import { type DenoKvAtomicLike, type DenoKvKey, denoKvRateLimitStore } from '../../src/stores/index.js'

const MiB = 1024 * 1024
const window = (key: string, limit = 60): RateLimitWindow => ({ key, limit, windowMs: 60_000 })

/** Heap in use after a full garbage collection (the flag is set for this process, the function taken from a fresh context). */
const heapAfterGc = () => {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  gc()
  return process.memoryUsage().heapUsed
}

describe('memoryRateLimitStore bounds', () => {
  it('after 50,000 users whose windows have all expired, it holds next to nothing', async () => {
    const store = memoryRateLimitStore()
    const before = heapAfterGc()
    const start = 1_772_442_000_000
    for (let user = 0; user < 50_000; user++) {
      const windows = [window(`user:${user}`), window(`token:${user}`)]
      await store.acquire(windows, { id: `r${user}`, now: start + user, leaseMs: 30_000 })
    }
    // An hour later every slot has freed; one more decision lets the store notice.
    await store.acquire([window('user:late')], { id: 'late', now: start + 3_600_000, leaseMs: 30_000 })
    const retained = heapAfterGc() - before
    expect(retained).toBeLessThan(2 * MiB)
  })

  it('keeps at most maxEntries windows, forgetting the least recently used first', async () => {
    const store = memoryRateLimitStore({ maxEntries: 2 })
    const now = 1_772_442_000_000
    const one = [window('a', 1)]
    expect(await store.acquire(one, { id: 'a1', now, leaseMs: 0 })).toEqual({ granted: true })
    expect(await store.acquire(one, { id: 'a2', now, leaseMs: 0 })).toEqual({
      granted: false,
      retryAt: now + 60_000,
    })
    await store.acquire([window('b', 1)], { id: 'b1', now, leaseMs: 0 })
    await store.acquire([window('c', 1)], { id: 'c1', now, leaseMs: 0 })
    // `a` was the least recently used of three: it is forgotten, so its limit starts over.
    expect(await store.acquire(one, { id: 'a3', now, leaseMs: 0 })).toEqual({ granted: true })
    // `c` is still held.
    expect(await store.acquire([window('c', 1)], { id: 'c2', now, leaseMs: 0 })).toEqual({
      granted: false,
      retryAt: now + 60_000,
    })
  })
})

describe('denoKvRateLimitStore expiries', () => {
  it('every key it writes (slots and version keys) expires, so no user leaves a key forever', async () => {
    const sets: { key: DenoKvKey; expireIn: number | undefined }[] = []
    const values = new Map<string, unknown>()
    const atomic = (): DenoKvAtomicLike => {
      const writes: (() => void)[] = []
      const operation: DenoKvAtomicLike = {
        check: () => operation,
        set: (key, value, options) => {
          sets.push({ key, expireIn: options?.expireIn })
          writes.push(() => values.set(JSON.stringify(key), value))
          return operation
        },
        commit: async () => {
          for (const write of writes) write()
          return { ok: true }
        },
      }
      return operation
    }
    const store = denoKvRateLimitStore({
      get: async (key) => ({ value: values.get(JSON.stringify(key)) ?? null, versionstamp: null }),
      list: async function* () {},
      atomic,
    })
    const now = 1_772_442_000_000
    await store.acquire([window('app'), window('user:u-1')], { id: 'r1', now, leaseMs: 30_000 })
    await store.release([window('app'), window('user:u-1')], 'r1', now + 1_000)
    expect(sets.map(({ key, expireIn }) => [key.join('/'), expireIn])).toEqual([
      ['app/version', 90_000],
      ['app/slot/r1', 90_000],
      ['user:u-1/version', 90_000],
      ['user:u-1/slot/r1', 90_000],
      ['app/slot/r1', 60_000],
      ['user:u-1/slot/r1', 60_000],
    ])
  })
})
