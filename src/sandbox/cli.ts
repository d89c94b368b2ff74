#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { cliUsage } from './cli-usage.js'
import { startSandbox } from './node.js'

/** `bridgeapi-sandbox`: runs the Bridge sandbox on a port until interrupted. */

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
    console.log(cliUsage())
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
