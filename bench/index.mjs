// `npm run bench`: what the SDK costs over a raw fetch, per call, per item and per page, against the
// sandbox on loopback. Prints a table and writes .bench-results/results.json.
//
// Usage: node --expose-gc bench/index.mjs [--dist <dir>] [--out <file>] [--only <sections>]
//   --dist  the build to measure (default dist/, as users get it; e.g. a build of another commit)
//   --only  comma-separated: per-call, validation, pagination, prefetch, rate-limit, auth, sync-cursor, fan-out
//           (default: all)
//
// The sandbox runs in a child process (bench/server.mjs): in the same process it would share the
// event loop and the heap with the SDK, so its own work (building 500-transaction pages) would be
// counted as SDK time and its 100,000 seeded transactions as SDK memory. Pagination memory is measured
// in one fresh process per run (bench/paginate.mjs). Absolute times are noisy on shared machines:
// compare the ratios, which are measured side by side (interleaved) in one run.
import { execFile, fork } from 'node:child_process'
import { subscribe } from 'node:diagnostics_channel'
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus } from 'node:os'
import { dirname, resolve } from 'node:path'
import { parseArgs, promisify } from 'node:util'
import { simulateFanOut } from './fan-out.mjs'
import { admin, importBuild, ROOT, rawClient, sleep, spin, summary, time, timeSync } from './lib.mjs'
import { measureSyncCursors } from './sync-cursor.mjs'

const SECTIONS = [
  'per-call',
  'validation',
  'pagination',
  'prefetch',
  'rate-limit',
  'auth',
  'sync-cursor',
  'fan-out',
]
const { values: args } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    out: { type: 'string', default: '.bench-results/results.json' },
    only: { type: 'string', default: SECTIONS.join(',') },
  },
})
const sections = new Set(args.only.split(','))
for (const name of sections) if (!SECTIONS.includes(name)) throw new Error(`--only: unknown section ${name}`)
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc (npm run bench does)')

const sdk = await importBuild(args.dist, 'index.js')
const sandboxModule = await importBuild(args.dist, 'sandbox/index.js')
const { sandboxContext } = sandboxModule
const v = await import('valibot')
const {
  createContext,
  createRateLimiter,
  getAccount,
  listTransactions,
  renewAuth,
  setUserToken,
  Transaction,
} = sdk

const server = fork(resolve(ROOT, 'bench/server.mjs'), [args.dist])
const { url, users } = await new Promise((done, fail) => {
  server.once('message', done)
  server.once('exit', (code) => fail(new Error(`the sandbox process exited (${code})`)))
})
const sandbox = admin(url)
const TOKEN_PATH = '/v3/aggregation/authorization/token'
const LIST_PATH = '/v3/aggregation/transactions'

const contextFor = (externalUserId) => createContext(sandboxContext(url, { user: { externalUserId } }))
const must = (either) => {
  if (either._tag === 'Left') throw new Error(`${either.left._tag}: ${either.left.message}`)
  return either.right
}
const check = (ok, message) => {
  if (!ok) throw new Error(`check failed: ${message}`)
}
const round = (x, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits

const rawFor = (externalUserId) => rawClient(sdk, sandboxModule, url, externalUserId)

const results = {}
const rows = []
/** A measurement, with its target when it has one (a missed target is reported, not fatal). */
const row = (section, metric, value, target = '', ok = undefined) =>
  rows.push({ section, metric, value: String(value), target, ok })
/** A correctness check (exactly once, one token request…): a failure makes the run fail. */
const verify = (section, metric, value, expected, ok) =>
  rows.push({ section, metric, value: String(value), target: expected, ok, correctness: true })

// 1. Per-call overhead: SDK vs raw fetch + JSON.parse of the same response, interleaved (the order
// flips every pair, so both sides see the same machine load).
if (sections.has('per-call')) {
  const ctx = contextFor('calls')
  const raw = await rawFor('calls')
  const accountId = users.calls.accountIds[0]
  const accountPath = `/v3/aggregation/accounts/${accountId}`
  const pagePath = `${LIST_PATH}?limit=500`
  const sdkAccount = (context) => async () =>
    check(must(await getAccount(context, { accountId })()).id === accountId, 'account id')
  const sdkPage = (context) => async () => {
    for await (const page of listTransactions(context, { limit: 500 }).pages()) {
      check(must(page).items.length === 500, '500 items')
      break
    }
  }
  const rawAccount = (get) => async () => check((await get(accountPath)).id === accountId, 'account id')
  const rawPage = (get) => async () => check((await get(pagePath)).resources.length === 500, '500 items')

  // The same exchanges without the socket and the server: a fetch answering from memory with the
  // bodies the sandbox sent. What is left is the client's own CPU time.
  const recorded = {}
  for (const path of [accountPath, pagePath]) {
    const response = await fetch(url + path, { headers: raw.headers })
    recorded[path] = { body: await response.text(), headers: Object.fromEntries(response.headers) }
  }
  const answer = (path) => {
    const { body, headers: responseHeaders } = recorded[path]
    return new Response(body, { status: 200, headers: responseHeaders })
  }
  const inMemoryFetch = async (input) => {
    const { pathname, search } = new URL(String(input))
    return answer(pathname + search)
  }
  const inMemory = createContext({
    ...sandboxContext(url, { user: { externalUserId: 'calls' } }),
    fetch: inMemoryFetch,
    tokenStore: ctx.tokenStore, // the token ctx already holds: no token request
  })
  const fromMemory = async (path) => JSON.parse(await answer(path).text())

  // Connections Node's fetch opens (both sides use it): a server that does not keep connections alive
  // adds a TCP handshake to every request, on both sides, which dilutes the ratio.
  let connections = 0
  subscribe('undici:client:connected', () => {
    connections += 1
  })
  const cases = [
    ['getAccount', 1000, sdkAccount(ctx), rawAccount(raw.get), true],
    ['listTransactions, page of 500', 300, sdkPage(ctx), rawPage(raw.get), true],
    ['getAccount, in memory', 5000, sdkAccount(inMemory), rawAccount(fromMemory), false],
    ['listTransactions, page of 500, in memory', 500, sdkPage(inMemory), rawPage(fromMemory), false],
  ]
  results.perCall = {}
  for (const [name, iterations, sdkCall, rawCall, socket] of cases) {
    const times = { sdk: [], raw: [] }
    const warmup = Math.round(iterations / 5)
    for (let i = 0; i < warmup + iterations; i++) {
      if (i === warmup) connections = 0
      const pair = i % 2 === 0 ? [sdkCall, rawCall] : [rawCall, sdkCall]
      const first = await time(pair[0])
      const second = await time(pair[1])
      if (i >= warmup) {
        times.sdk.push(i % 2 === 0 ? first : second)
        times.raw.push(i % 2 === 0 ? second : first)
      }
    }
    const s = summary(times.sdk)
    const r = summary(times.raw)
    const ratio = s.median / r.median
    const pairedRatio = summary(times.sdk.map((ms, i) => ms / times.raw[i])).median
    const overheadUs = (s.median - r.median) * 1000
    results.perCall[name] = {
      iterations,
      sdkMs: s,
      rawMs: r,
      ratio,
      pairedRatio,
      overheadUs,
      ...(socket ? { connectionsPerRequest: connections / (2 * iterations) } : {}),
    }
    const section = socket ? 'per call, loopback' : 'per call, in memory (client CPU only)'
    const ms = (x) => (socket ? round(x, 2) : round(x, 3))
    row(
      section,
      `${name}: median / p95, SDK vs raw (ms)`,
      `${ms(s.median)} / ${ms(s.p95)} vs ${ms(r.median)} / ${ms(r.p95)}`,
    )
    if (socket) row(section, `${name}: new connections per request`, round(connections / (2 * iterations)))
    const target = socket && name.startsWith('listTransactions')
    row(
      section,
      `${name}: SDK/raw (paired), overhead`,
      `${round(ratio)}× (${round(pairedRatio)}×), +${Math.round(overheadUs)} µs`,
      target ? '≤ 1.15' : '',
      target ? ratio <= 1.15 : undefined,
    )
  }
}

// 2. Validation: valibot parsing of transactions vs JSON.parse alone, in process, no network.
if (sections.has('validation')) {
  const raw = await rawFor('list-10k')
  const resources = []
  let first
  for await (const page of raw.pages(`${LIST_PATH}?limit=500`)) {
    first ??= page
    resources.push(...page.resources)
  }
  check(resources.length === 10_000, '10,000 transactions')
  const Page = v.looseObject({ resources: v.array(Transaction) })
  results.validation = {}
  for (const [n, text, runs] of [
    [500, JSON.stringify(first), 300],
    [10_000, JSON.stringify({ resources }), 30],
  ]) {
    check(v.safeParse(Page, JSON.parse(text)).success, 'transactions pass the schema')
    const parse = summary(timeSync(() => JSON.parse(text), runs, runs / 5)).median
    const both = summary(timeSync(() => v.safeParse(Page, JSON.parse(text)), runs, runs / 5)).median
    const perItem = { jsonParseUs: (parse / n) * 1000, valibotUs: ((both - parse) / n) * 1000 }
    results.validation[n] = { ...perItem, jsonParseMs: parse, parseAndValidateMs: both }
    row(
      'validation',
      `${n} transactions: JSON.parse / valibot (µs per item)`,
      `${round(perItem.jsonParseUs)} / ${round(perItem.valibotUs)} (valibot = ${round(perItem.valibotUs / perItem.jsonParseUs, 1)}× JSON.parse)`,
    )
  }
}

if (results.perCall && results.validation) {
  const page = results.perCall['listTransactions, page of 500, in memory']
  const valibotUs = results.validation[500].valibotUs * 500
  results.validationShareOfPageOverhead = valibotUs / page.overheadUs
  row(
    'validation',
    'valibot on 500 transactions vs the SDK CPU overhead of one page',
    `${Math.round(valibotUs)} µs of +${Math.round(page.overheadUs)} µs`,
  )
}

// 3. Pagination: 10,000 and 100,000 transactions in pages of 500, each run in a fresh process.
if (sections.has('pagination')) {
  const run = async (user, mode, live = false) => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--expose-gc',
      resolve(ROOT, 'bench/paginate.mjs'),
      args.dist,
      url,
      user,
      mode,
      ...(live ? ['live'] : []),
    ])
    return JSON.parse(stdout)
  }
  const sizes = [
    ['list-10k', 10_000],
    ['list-100k', 100_000],
  ]
  const runs = {}
  const keep = (key, r) => {
    runs[key] = [...(runs[key] ?? []), r]
  }
  // Five passes interleaving sizes and modes (medians), then one pass measuring the live heap.
  for (let pass = 0; pass < 5; pass++) {
    for (const [user, total] of sizes) {
      for (const mode of ['raw', 'sdk']) {
        const r = await run(user, mode)
        check(r.items === total, `${total} items iterated`)
        keep(`${total}:${mode}`, r)
      }
    }
  }
  for (const [user, total] of sizes) {
    for (const mode of ['raw', 'sdk']) {
      const r = await run(user, mode, true)
      check(r.items === total, `${total} items iterated`)
      keep(`${total}:${mode}:live`, r)
    }
  }
  const med = (key, field) => summary(runs[key].map((r) => r[field])).median
  const p = {}
  for (const [, total] of sizes) {
    for (const mode of ['raw', 'sdk']) {
      const key = `${total}:${mode}`
      p[key] = {
        itemsPerSecond: med(key, 'itemsPerSecond'),
        peakHeapDeltaMb: med(key, 'peakHeapDeltaMb'),
        peakRssDeltaMb: med(key, 'peakRssDeltaMb'),
        retainedHeapDeltaMb: med(key, 'retainedHeapDeltaMb'),
        maxLiveHeapDeltaMb: round(
          runs[`${key}:live`][0].maxLiveHeapMb - runs[`${key}:live`][0].baseHeapMb,
          1,
        ),
      }
    }
    const s = p[`${total}:sdk`]
    const r = p[`${total}:raw`]
    const label = `${total.toLocaleString('en')} items`
    row(
      'pagination',
      `${label}: items/s SDK (raw), SDK/raw time`,
      `${s.itemsPerSecond.toLocaleString('en')} (${r.itemsPerSecond.toLocaleString('en')}), ${round(r.itemsPerSecond / s.itemsPerSecond)}×`,
    )
    row(
      'pagination',
      `${label}: peak heap / peak RSS / live heap, MB over start`,
      `SDK +${s.peakHeapDeltaMb} / +${s.peakRssDeltaMb} / +${s.maxLiveHeapDeltaMb} (raw +${r.peakHeapDeltaMb} / +${r.peakRssDeltaMb} / +${r.maxLiveHeapDeltaMb})`,
    )
  }
  const growth = p['100000:sdk'].maxLiveHeapDeltaMb - p['10000:sdk'].maxLiveHeapDeltaMb
  results.pagination = { ...p, liveHeapGrowth10kTo100kMb: growth, runs }
  row(
    'pagination',
    'live heap, 100,000 vs 10,000 items (SDK)',
    `${growth >= 0 ? '+' : ''}${round(growth, 1)} MB`,
    'flat (< 2 MB)',
    growth < 2,
  )
}

// 4. Prefetch: 50 ms latency per page, a consumer that works about as long per page.
if (sections.has('prefetch')) {
  const PAGES = 10
  const LATENCY = 50
  const ctx = contextFor('prefetch')
  must(await renewAuth(ctx)())
  await sandbox.addFault({ type: 'latency', ms: LATENCY, path: LIST_PATH })
  const consumers = {
    // Reads the items only: shows what prefetch does when the network is the bottleneck.
    'no work': () => {},
    // Awaits per page (e.g. writing the page to a database).
    'async work (await 50 ms per page)': async (n) => {
      if (n % 500 === 0) await sleep(LATENCY)
    },
    // Blocks the event loop for 50 ms per page (e.g. mapping and hashing the page). Once per page
    // rather than 100 µs per item: on a loaded machine each tiny spin overshoots by a time slice.
    'CPU work (50 ms per page)': (n) => {
      if (n % 500 === 0) spin(LATENCY)
    },
  }
  const iterate = async (prefetch, consume) => {
    const seen = new Set()
    let n = 0
    for await (const tx of listTransactions(ctx, { limit: 500 }, { prefetch })) {
      seen.add(must(tx).id)
      n += 1
      await consume(n)
    }
    return { n, unique: seen.size }
  }
  results.prefetch = { pages: PAGES, latencyMs: LATENCY, consumers: {} }
  for (const [name, consume] of Object.entries(consumers)) {
    const times = { off: [], on: [] }
    for (let pass = 0; pass < 3; pass++) {
      for (const prefetch of pass % 2 === 0 ? [false, true] : [true, false]) {
        await sandbox.clearRequests()
        let counted
        const ms = await time(async () => {
          counted = await iterate(prefetch, consume)
        })
        const requests = (await sandbox.requests()).filter((r) => r.path === LIST_PATH)
        const cursors = new Set(requests.map((r) => r.query.after ?? ''))
        check(counted.n === PAGES * 500 && counted.unique === counted.n, 'every item exactly once')
        check(requests.length === PAGES && cursors.size === PAGES, 'every page requested exactly once')
        times[prefetch ? 'on' : 'off'].push(ms)
      }
    }
    const off = summary(times.off).median
    const on = summary(times.on).median
    // The target is for a consumer that works about as long as the network takes.
    const worker = name !== 'no work'
    // Without overlap a page costs latency + work; with it, max(latency, work) after the first.
    const ideal = worker ? { sum: PAGES * 2 * LATENCY, max: LATENCY + PAGES * LATENCY } : undefined
    results.prefetch.consumers[name] = {
      offMs: off,
      onMs: on,
      speedUp: off / on,
      ...(ideal ? { ideal } : {}),
    }
    row(
      'prefetch',
      `${name}: ${PAGES} pages off / on (ms)`,
      `${Math.round(off)} / ${Math.round(on)}${ideal ? ` (sum ${ideal.sum}, max ${ideal.max})` : ''}`,
    )
    row(
      'prefetch',
      `${name}: speed-up`,
      `${round(off / on)}×`,
      worker ? '≥ 1.3×' : '',
      worker ? off / on >= 1.3 : undefined,
    )
  }
  verify(
    'prefetch',
    'every item once, every page requested once (all runs above)',
    `${Object.keys(consumers).length * 6} runs`,
    'exactly once',
    true,
  )
  // `break` after 3 pages: nothing is requested beyond the page already in flight.
  for (const prefetch of [false, true]) {
    await sandbox.clearRequests()
    let pages = 0
    for await (const page of listTransactions(ctx, { limit: 500 }, { prefetch }).pages()) {
      must(page)
      pages += 1
      if (pages === 3) break
    }
    await sleep(LATENCY * 4) // let a request in flight arrive
    const sent = (await sandbox.requests()).filter((r) => r.path === LIST_PATH).length
    const expected = prefetch ? 4 : 3
    results.prefetch[`breakAfter3Pages:${prefetch ? 'on' : 'off'}`] = { requests: sent, expected }
    verify(
      'prefetch',
      `break after 3 pages, prefetch ${prefetch ? 'on' : 'off'}: page requests`,
      sent,
      String(expected),
      sent === expected,
    )
  }
  await sandbox.clearFaults()
}

// 5. Rate limiter: a full sync of 100,000 transactions (200 pages: 3 minutes of Bridge's limits) with and
// without it. Its clock is virtual: its sleeps move the sandbox clock instead of waiting, so the ratio
// is the limiter's own cost per request, not the waiting. (syncTransactions when the build has it;
// otherwise the same pages through listTransactions.)
if (sections.has('rate-limit')) {
  const rateLimits = (message) =>
    new Promise((done) => {
      server.once('message', done)
      server.send(message)
    })
  const syncing = typeof sdk.syncTransactions === 'function'
  const what = syncing ? 'syncTransactions' : 'listTransactions pages'
  const drain = async (ctx) => {
    let n = 0
    if (syncing) {
      for await (const batch of sdk.syncTransactions(ctx, { limit: 500 })) {
        const { upserted, deleted } = must(batch)
        n += upserted.length + deleted.length
      }
    } else {
      for await (const page of listTransactions(ctx, { limit: 500 }).pages()) n += must(page).items.length
    }
    return n
  }
  const runOnce = async (limited) => {
    let offset = 0
    const rateLimiter = createRateLimiter({
      now: () => Date.now() + offset,
      sleep: async (ms) => {
        offset += ms
        await sandbox.advanceClock(ms)
      },
    })
    const ctx = createContext(
      sandboxContext(url, { user: { externalUserId: 'list-100k' }, ...(limited ? { rateLimiter } : {}) }),
    )
    await rateLimits('reset')
    let n = 0
    const ms = await time(async () => {
      n = await drain(ctx)
    })
    check(n === 100_000, `${what}: 100,000 transactions`)
    return {
      itemsPerSecond: Math.round((n / ms) * 1000),
      virtualMs: offset,
      report: await rateLimits('report'),
    }
  }
  const runs = { off: [], on: [] }
  for (let pass = 0; pass < 3; pass++) {
    for (const limited of pass % 2 === 0 ? [false, true] : [true, false]) {
      runs[limited ? 'on' : 'off'].push(await runOnce(limited))
    }
  }
  const off = summary(runs.off.map((r) => r.itemsPerSecond)).median
  const on = summary(runs.on.map((r) => r.itemsPerSecond)).median
  results.rateLimit = { what, offItemsPerSecond: off, onItemsPerSecond: on, runs }
  row(
    'rate-limit',
    `${what}, 100,000 transactions: items/s without / with the limiter, without/with`,
    `${off.toLocaleString('en')} / ${on.toLocaleString('en')}, ${round(off / on)}×`,
  )
  row(
    'rate-limit',
    'sandbox time the limiter waited per sync (virtual)',
    `${Math.round(summary(runs.on.map((r) => r.virtualMs)).median / 1000)} s`,
  )
  const over = runs.on.map((r) => r.report.overLimit)
  const overWithout = runs.off.map((r) => r.report.overLimit)
  verify(
    'rate-limit',
    'requests over a limit, with the limiter (sandbox count)',
    over.join(', '),
    '0',
    over.every((n) => n === 0),
  )
  row('rate-limit', 'requests over a limit, without it (sandbox count)', overWithout.join(', '))
}

// 6. Auth: 1,000 concurrent calls with an expired token share one renewal. Last: it moves the clock.
if (sections.has('auth')) {
  const CALLS = 1000
  const ctx = contextFor('auth')
  const accountId = users.auth.accountIds[0]
  const burst = async () => {
    await sandbox.clearRequests()
    const ms = await time(() =>
      Promise.all(Array.from({ length: CALLS }, async () => must(await getAccount(ctx, { accountId })()))),
    )
    const recorded = await sandbox.requests()
    return {
      ms,
      tokenRequests: recorded.filter((r) => r.path === TOKEN_PATH).length,
      calls: recorded.filter((r) => r.path !== TOKEN_PATH).length,
    }
  }
  must(await renewAuth(ctx)())
  await burst() // warm-up: sockets and code paths
  const fresh = await burst()
  // The SDK knows the token expired (expires_at in the past): one renewal before the calls.
  must(await setUserToken(ctx, { accessToken: 'expired-token', expiresAt: '2020-01-01T00:00:00Z' })())
  const expired = await burst()
  // Bridge rejects a token the SDK thinks valid (sandbox clock 3 h ahead): 1,000 × 401, one renewal.
  await sandbox.advanceClock(3 * 60 * 60 * 1000)
  const rejected = await burst()
  results.auth = { calls: CALLS, fresh, expired, rejected }
  row('auth', `${CALLS} concurrent calls, fresh token: drain (ms)`, Math.round(fresh.ms))
  for (const [name, r, calls] of [
    ['expired token (known to the SDK)', expired, CALLS],
    ['token rejected by Bridge (401)', rejected, 2 * CALLS],
  ]) {
    verify(
      'auth',
      `${CALLS} concurrent calls, ${name}: token requests`,
      r.tokenRequests,
      '1',
      r.tokenRequests === 1 && r.calls === calls,
    )
    row('auth', `  … drain (ms), requests to the endpoint`, `${Math.round(r.ms)}, ${r.calls}`)
  }
}

if (sections.has('sync-cursor')) {
  // Sizes in characters of the cursors a caller stores (issue 19: they must stay small).
  const sizes = await measureSyncCursors(sdk)
  results.syncCursor = sizes
  for (const [name, s] of [
    ['100,000-transaction first sync', sizes.firstSync],
    ['2,000 changes at one instant', sizes.burst],
  ])
    verify(
      'sync-cursor',
      `cursor after ${name}: typical, largest (chars)`,
      `${s.typical}, ${s.largest}`,
      '≤ 16384',
      s.largest <= 16_384,
    )
}

if (sections.has('fan-out')) {
  // Many users under the application budget (issue 25), on the sandbox's virtual clock.
  const fanOut = await simulateFanOut(sdk, sandboxModule, await importBuild(args.dist, 'scheduling/index.js'))
  results.fanOut = fanOut
  const seconds = (ms) => `${round(ms / 1_000, 1)} s`
  console.log(
    `fan-out: ${fanOut.users} users; ${fanOut.overLimit} requests over any limit; ` +
      `application budget use while work waited ${round(fanOut.budgetUse * 100, 1)}%; ` +
      `webhook-to-synced p50 ${seconds(fanOut.p50Ms)}, p95 ${seconds(fanOut.p95Ms)} (sandbox time)`,
  )
  verify('fan-out', 'requests over any limit (sandbox count)', fanOut.overLimit, '0', fanOut.overLimit === 0)
  row(
    'fan-out',
    'application budget use while work waited',
    `${round(fanOut.budgetUse * 100, 1)}%`,
    '≥ 95%',
    fanOut.budgetUse >= 0.95,
  )
  row(
    'fan-out',
    'webhook-to-synced p50, p95 (sandbox time)',
    `${seconds(fanOut.p50Ms)}, ${seconds(fanOut.p95Ms)}`,
  )
}

server.disconnect()

// Table and JSON.
const width = (key) => Math.max(...rows.map((r) => r[key].length), key.length)
const widths = { metric: width('metric'), value: width('value'), target: width('target') }
let section = ''
for (const r of rows) {
  if (r.section !== section) {
    section = r.section
    console.log(`\n${section.toUpperCase()}`)
  }
  const verdict = r.ok === undefined ? '' : r.ok ? 'ok' : r.correctness ? 'FAILED' : 'MISSED'
  console.log(
    `  ${r.metric.padEnd(widths.metric)}  ${r.value.padEnd(widths.value)}  ${r.target.padEnd(widths.target)}  ${verdict}`,
  )
}
const out = resolve(ROOT, args.out)
await mkdir(dirname(out), { recursive: true })
await writeFile(
  out,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
      dist: args.dist,
      results,
      table: rows,
    },
    null,
    2,
  )}\n`,
)
console.log(`\nWritten to ${out}`)
// Missed performance targets are reported above; only a failed correctness check fails the run.
process.exitCode = rows.some((r) => r.correctness && !r.ok) ? 1 : 0
