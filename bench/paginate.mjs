// Iterates a whole list in a fresh process, so that its heap and RSS are measured alone.
// Usage: node --expose-gc bench/paginate.mjs <dist> <url> <externalUserId> <sdk|prefetch|raw> [live]
// Prints one JSON line: items, ms, items/s and memory (see lib.mjs memorySampler). With `live`, a
// full GC runs every 10 pages and the heap left after it (the live heap) is recorded instead of
// timing: it shows what iteration keeps alive, without V8's lazily collected garbage.
import { heapUsed, importBuild, mb, memorySampler, rawClient } from './lib.mjs'

const [dist, url, externalUserId, mode, live] = process.argv.slice(2)
const sdk = await importBuild(dist, 'index.js')
const sandbox = await importBuild(dist, 'sandbox/index.js')
const ctx = sdk.createContext(sandbox.sandboxContext(url, { user: { externalUserId } }))
const raw = await rawClient(sdk, sandbox, url, externalUserId)

const items = async function* () {
  if (mode === 'raw') {
    for await (const page of raw.pages('/v3/aggregation/transactions?limit=500')) yield* page.resources
    return
  }
  for await (const tx of sdk.listTransactions(ctx, { limit: 500 }, { prefetch: mode === 'prefetch' })) {
    if (tx._tag === 'Left') throw new Error(tx.left.message)
    yield tx.right
  }
}

// Warm-up: one page through the same code, so that the run measures steady state, not JIT start-up.
const warmUp = items()
await warmUp.next()
await warmUp.return()

const memory = memorySampler()
const liveHeapMb = []
const start = performance.now()
let count = 0
let total = 0
for await (const tx of items()) {
  count += 1
  total += tx.amount // the consumer reads each item
  if (count % 500 === 0) memory.sample()
  if (live && count % 5000 === 0) {
    globalThis.gc()
    liveHeapMb.push(mb(heapUsed()))
  }
}
const ms = performance.now() - start
const result = {
  mode,
  items: count,
  checksum: Math.round(total),
  ...(live
    ? { maxLiveHeapMb: Math.max(...liveHeapMb), liveHeapMb }
    : { ms, itemsPerSecond: Math.round((count / ms) * 1000) }),
  ...memory.stop(),
}
process.stdout.write(`${JSON.stringify(result)}\n`)
