// Helpers shared by the benchmark scripts: loading the build under test, statistics, the sandbox's
// admin API, memory sampling.
import { resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

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

/**
 * Keeps the peaks of heap and RSS, sampled on each `sample()` call (once per page: sampling costs
 * tens of µs, so no timer). Starts and ends with a full GC. Needs --expose-gc.
 */
export const memorySampler = () => {
  globalThis.gc()
  globalThis.gc()
  const base = process.memoryUsage()
  let peakHeap = base.heapUsed
  let peakRss = base.rss
  const sample = () => {
    const { heapUsed, rss } = process.memoryUsage()
    if (heapUsed > peakHeap) peakHeap = heapUsed
    if (rss > peakRss) peakRss = rss
  }
  return {
    sample,
    stop: () => {
      sample()
      globalThis.gc()
      globalThis.gc()
      const after = process.memoryUsage()
      const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10
      return {
        baseHeapMb: mb(base.heapUsed),
        baseRssMb: mb(base.rss),
        peakHeapDeltaMb: mb(peakHeap - base.heapUsed),
        peakRssDeltaMb: mb(peakRss - base.rss),
        retainedHeapDeltaMb: mb(after.heapUsed - base.heapUsed),
      }
    },
  }
}
