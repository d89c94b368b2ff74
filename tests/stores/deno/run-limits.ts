/**
 * Runs inside Deno against real Deno KV (an SQLite file in the directory given as the first argument):
 * three stores ("instances") ask at once for the slots of one window. They share one handle (SQLite
 * refuses concurrent writers on one file), but their decisions interleave at every await, so only the
 * atomic version check keeps them exact. Prints what they got as JSON. Started by deno-kv-rate-limit.test.ts.
 */
import { type DenoKvRateLimitLike, denoKvRateLimitStore } from '../../../src/stores/index.js'

declare const Deno: { args: string[]; openKv(path: string): Promise<DenoKvRateLimitLike & { close(): void }> }

const [dir] = Deno.args
const path = `${dir}/limits.sqlite3`
const kv = await Deno.openKv(path)
const stores = [1, 2, 3].map(() => denoKvRateLimitStore(kv, { prefix: ['limits'] }))
const window = { key: 'app', limit: 60, windowMs: 60_000 }
const now = 1_772_442_000_000

const answers = await Promise.all(
  Array.from({ length: 150 }, (_, i) =>
    stores[i % 3]!.acquire([window], { id: `r${i}`, now, leaseMs: 30_000 }),
  ),
)
await stores[0]!.release([window], 'r0', now)
const afterRelease = await stores[1]!.acquire([window], { id: 'late', now: now + 60_000, leaseMs: 30_000 })
const full = await stores[2]!.acquire([window], { id: 'later', now: now + 60_000, leaseMs: 30_000 })
kv.close()

console.log(
  JSON.stringify({
    granted: answers.filter((answer) => answer.granted).length,
    retryAts: [...new Set(answers.flatMap((answer) => (answer.granted ? [] : [answer.retryAt - now])))],
    afterRelease,
    full: full.granted ? full : { granted: false, retryAt: full.retryAt - now },
  }),
)
