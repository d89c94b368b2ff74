#!/usr/bin/env node
// The `bridgeapi-sandbox` command: starts a sandbox on a port, or triggers a webhook on a running one.
import { parseArgs } from 'node:util'
import { cliUsage } from './cli-usage.js'
import { startSandbox } from './node.js'
import type { WebhookAttempt, WebhookDelivery } from './webhooks/delivery.js'
import { WEBHOOK_EVENT_TYPES } from './webhooks/payloads.js'

/** One line per attempt: when (sandbox clock), event, URL, outcome. */
const attemptLine = (delivery: WebhookDelivery, attempt: WebhookAttempt): string => {
  const outcome = attempt.error ?? `HTTP ${attempt.status}`
  const next =
    delivery.nextAttemptAt === undefined ? '' : `; retry at ${new Date(delivery.nextAttemptAt).toISOString()}`
  return `webhook ${delivery.id} ${delivery.type} -> ${delivery.url} attempt ${attempt.number}: ${outcome} (${attempt.durationMs} ms, ${delivery.state}${next})`
}

/** `trigger <event>`: asks a running sandbox's admin API to send one event. */
const trigger = async (args: string[]): Promise<void> => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { url: { type: 'string', default: 'http://127.0.0.1:3000' }, content: { type: 'string' } },
  })
  const type = positionals[0]
  if (type === undefined) throw new Error(`trigger needs an event type: ${WEBHOOK_EVENT_TYPES.join(', ')}`)
  const content = values.content === undefined ? undefined : (JSON.parse(values.content) as unknown)
  const response = await fetch(new URL('/_sandbox/webhooks/trigger', values.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type, ...(content === undefined ? {} : { content }) }),
  })
  const body = (await response.json()) as { error?: string; deliveries?: WebhookDelivery[] }
  if (!response.ok) throw new Error(`trigger ${type}: ${body.error ?? `HTTP ${response.status}`}`)
  const deliveries = body.deliveries ?? []
  if (deliveries.length === 0) console.log(`${type}: the sandbox has no --webhook-url, nothing sent`)
  for (const delivery of deliveries) console.log(`${type}: delivery ${delivery.id} to ${delivery.url}`)
}

const serve = async (args: string[]): Promise<void> => {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '3000' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: '0' },
      user: { type: 'string', multiple: true, default: [] },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'base-url': { type: 'string' },
      'webhook-url': { type: 'string', multiple: true, default: [] },
      'webhook-secret': { type: 'string' },
      'webhook-version': { type: 'string', default: '2025-01-15' },
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
  const version = values['webhook-version']
  if (version !== '2025-01-15' && version !== '2021-06-01')
    throw new Error(`--webhook-version must be 2025-01-15 or 2021-06-01, got ${version}`)
  const seed = /^-?\d+$/.test(values.seed) ? Number(values.seed) : values.seed
  const server = await startSandbox({
    port,
    host: values.host,
    seed,
    users,
    ...(values['client-id'] ? { clientId: values['client-id'] } : {}),
    ...(values['client-secret'] ? { clientSecret: values['client-secret'] } : {}),
    ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}),
    webhooks: {
      urls: values['webhook-url'],
      version,
      ...(values['webhook-secret'] ? { secret: values['webhook-secret'] } : {}),
      onAttempt: (delivery, attempt) => console.log(attemptLine(delivery, attempt)),
    },
  })
  console.log(`Bridge sandbox listening on ${server.url} (seed ${String(seed)})`)
  console.log(`  Client-Id: ${server.sandbox.clientId}   Client-Secret: ${server.sandbox.clientSecret}`)
  for (const user of users) console.log(`  user ${user.externalUserId}: ${user.transactions} transactions`)
  const webhooks = server.sandbox.webhooks
  for (const url of webhooks.urls) console.log(`  webhooks (${webhooks.version}) -> ${url}`)
  // The developer configures their receiver with it; a generated one exists nowhere else.
  if (webhooks.urls.length > 0 && !values['webhook-secret'])
    console.log(`  webhook secret (generated): ${webhooks.secret.reveal()}`)
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

const [command, ...rest] = process.argv.slice(2)
;(command === 'trigger' ? trigger(rest) : serve(process.argv.slice(2))).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
