// The sandbox under load, in its own process: the benchmark process then measures only the SDK
// (CPU, heap, RSS), and the server gets the other core. Usage: node bench/server.mjs <dist>
import { importBuild } from './lib.mjs'

const { startSandbox } = await importBuild(process.argv[2] ?? 'dist', 'sandbox/index.js')
const server = await startSandbox({ port: 0, seed: 'bench' })
const users = {}
for (const [externalUserId, transactions] of [
  ['calls', 1_000],
  ['auth', 10],
  ['prefetch', 5_000],
  ['list-10k', 10_000],
  ['list-100k', 100_000],
]) {
  users[externalUserId] = server.sandbox.seedUser({ externalUserId, transactions, accounts: 3 })
}
process.send({ url: server.url, users })
// The rate-limit count lives in this process: `reset` starts it afresh, `report` sends it.
process.on('message', (message) => {
  if (message === 'reset') server.sandbox.resetRateLimits()
  process.send(server.sandbox.rateLimitReport())
})
process.on('disconnect', () => {
  server.close().then(() => process.exit(0))
})
