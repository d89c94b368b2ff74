// Helpers shared by the benchmark scripts: loading the build under test, statistics, the sandbox's
// admin API, memory sampling.
import { resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { getHeapStatistics } from 'node:v8'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** Imports a module of the build under test (`dist/` by default), as users get it. */
export const importBuild = (dist, module) => import(pathToFileURL(resolve(ROOT, dist, module)).href)

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms))

/** Busy-waits `ms` milliseconds: CPU-bound work that keeps the event loop blocked. */
export const spin = (ms) => {
  const end = performance.now() + ms
  while (performance.now() < end) {
    // burning CPU on purpose
  }
}

/** The q-quantile (0..1) of numbers, nearest-rank. */
export const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}

export const summary = (values) => ({
  n: values.length,
  median: quantile(values, 0.5),
  p95: quantile(values, 0.95),
})

/** Times one async run, in ms. */
export const time = async (run) => {
  const start = performance.now()
  await run()
  return performance.now() - start
}

/** Times a synchronous function `runs` times (after `warmup` runs), in ms per run. */
export const timeSync = (fn, runs, warmup) => {
  for (let i = 0; i < warmup; i++) fn()
  const times = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    fn()
    times.push(performance.now() - start)
  }
  return times
}

/**
 * What a user without the SDK would write: `fetch` with the same headers the SDK sends, and
 * `JSON.parse` of the text. `sandbox` is the build's `bridgeapi/sandbox` (for its credentials);
 * `sdk` its `bridgeapi`, used once to get the user's token.
 */
export const rawClient = async (sdk, sandbox, url, externalUserId) => {
  const ctx = sdk.createContext(sandbox.sandboxContext(url, { user: { externalUserId } }))
  const token = await sdk.renewAuth(ctx)()
  if (token._tag === 'Left') throw new Error(token.left.message)
  const headers = {
    accept: 'application/json',
    'bridge-version': '2025-01-15',
    'client-id': sandbox.SANDBOX_CLIENT_ID,
    'client-secret': sandbox.SANDBOX_CLIENT_SECRET,
    authorization: `Bearer ${token.right.accessToken.reveal()}`,
  }
  const get = async (path) => JSON.parse(await (await fetch(url + path, { headers })).text())
  return {
    headers,
    get,
    /** Every page of a list, following `next_uri` (absent, `null` or `"null"` on the last page). */
    async *pages(path) {
      for (let next = path; next; ) {
        const page = await get(next)
        yield page
        const uri = page.pagination?.next_uri
        next = uri && uri !== 'null' ? uri : undefined
      }
    },
  }
}

/** Calls the sandbox's `/_sandbox/...` admin API of a sandbox in another process. */
export const admin = (url) => {
  const call = async (method, path, body) => {
    const response = await fetch(`${url}/_sandbox${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    })
    if (!response.ok) throw new Error(`sandbox admin ${method} ${path}: HTTP ${response.status}`)
    return response.status === 204 ? undefined : response.json()
  }
  return {
    addFault: (rule) => call('POST', '/faults', rule),
    clearFaults: () => call('DELETE', '/faults'),
    advanceClock: (ms) => call('POST', '/clock/advance', { ms }),
    requests: async () => (await call('GET', '/requests')).requests,
    clearRequests: () => call('DELETE', '/requests'),
  }
}

/** Bytes to MB, one decimal. */
export const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10

/** Heap in use, in bytes: `process.memoryUsage().heapUsed` without the cost of reading RSS too. */
export const heapUsed = () => getHeapStatistics().used_heap_size

/**
 * Keeps the peaks of heap and RSS, sampled on each `sample()` call (once per page, no timer: a
 * timer only fires between pages anyway). Starts and ends with a full GC. Needs --expose-gc.
 */
export const memorySampler = () => {
  globalThis.gc()
  globalThis.gc()
  const base = { heapUsed: heapUsed(), rss: process.memoryUsage.rss() }
  let peakHeap = base.heapUsed
  let peakRss = base.rss
  const sample = () => {
    peakHeap = Math.max(peakHeap, heapUsed())
    peakRss = Math.max(peakRss, process.memoryUsage.rss())
  }
  return {
    sample,
    stop: () => {
      sample()
      globalThis.gc()
      globalThis.gc()
      return {
        baseHeapMb: mb(base.heapUsed),
        baseRssMb: mb(base.rss),
        peakHeapDeltaMb: mb(peakHeap - base.heapUsed),
        peakRssDeltaMb: mb(peakRss - base.rss),
        retainedHeapDeltaMb: mb(heapUsed() - base.heapUsed),
      }
    },
  }
}
