#!/usr/bin/env node
// The `bridgeapi-sandbox` command: starts a sandbox on a port from command-line flags.
import { parseArgs } from 'node:util'
import { startSandbox } from './node.js'

/** `bridgeapi-sandbox`: runs the Bridge sandbox on a port until interrupted. */

const usage = `Usage: bridgeapi-sandbox [options]

  --port <n>             port to listen on (default 3000; 0 = any free port)
  --host <addr>          interface (default 127.0.0.1)
  --seed <s>             seed of the generated data (default 0)
  --user <id[:n]>        create a user with this external id and n transactions (default 200); repeatable
  --client-id <id>       accepted Client-Id (default sandbox-client-id)
  --client-secret <s>    accepted Client-Secret (default sandbox-client-secret)
  --base-url <url>       public origin when reached through another name (container, proxy); the
                         admin API answers only this origin (default http://<host>:<port>)
  --help                 show this help

Admin API: GET /_sandbox, POST /_sandbox/connect-sessions/{id}/complete, POST /_sandbox/clock/advance,
POST|GET|DELETE /_sandbox/faults, POST /_sandbox/users/seed, GET|DELETE /_sandbox/requests.
Admin POSTs need Content-Type: application/json; requests from other origins (web pages) are refused.`

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '3000' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: '0' },
      user: { type: 'string', multiple: true, default: [] },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'base-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log(usage)
    return
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`)
  const users = values.user.map((spec) => {
    const [externalUserId, count] = spec.split(':')
    const transactions = count === undefined ? 200 : Number(count)
    if (!externalUserId || !Number.isInteger(transactions) || transactions < 0)
      throw new Error(`--user must be id or id:count, got ${spec}`)
    return { externalUserId, transactions }
  })
  const seed = /^-?\d+$/.test(values.seed) ? Number(values.seed) : values.seed
  const server = await startSandbox({
    port,
    host: values.host,
    seed,
    users,
    ...(values['client-id'] ? { clientId: values['client-id'] } : {}),
    ...(values['client-secret'] ? { clientSecret: values['client-secret'] } : {}),
    ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}),
  })
  console.log(`Bridge sandbox listening on ${server.url} (seed ${String(seed)})`)
  console.log(`  Client-Id: ${server.sandbox.clientId}   Client-Secret: ${server.sandbox.clientSecret}`)
  for (const user of users) console.log(`  user ${user.externalUserId}: ${user.transactions} transactions`)
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
