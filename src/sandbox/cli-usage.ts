/** The `bridgeapi-sandbox --help` text, its admin API list read from the admin router (so it cannot drift). */
import { adminApiRoutes } from './admin.js'
import { RETRY_DELAYS_MS } from './webhooks/delivery.js'
import { WEBHOOK_EVENT_TYPES } from './webhooks/payloads.js'

const minutes = RETRY_DELAYS_MS.map((ms) => (ms < 3_600_000 ? `${ms / 60_000} min` : `${ms / 3_600_000} h`))

const OPTIONS = `Usage: bridgeapi-sandbox [options]
       bridgeapi-sandbox trigger <event> [--url <sandbox url>] [--content <json>]

  --port <n>             port to listen on (default 3000; 0 = any free port)
  --host <addr>          interface (default 127.0.0.1)
  --seed <s>             seed of the generated data (default 0)
  --user <id[:n]>        create a user with this external id and n transactions (default 200); repeatable
  --client-id <id>       accepted Client-Id (default sandbox-client-id)
  --client-secret <s>    accepted Client-Secret (default sandbox-client-secret)
  --base-url <url>       public origin when reached through another name (container, proxy); the
                         admin API answers only this origin (default http://<host>:<port>)
  --webhook-url <url>    send Bridge's webhooks, signed, to this URL; repeatable
  --webhook-secret <s>   signing secret (default: a random one, printed at start)
  --webhook-version <v>  payloads of 2025-01-15 (default) or 2021-06-01
  --help                 show this help

Webhooks: one line per delivery attempt. A failed attempt (non-2xx, redirect, network error,
10 s timeout) is retried after ${minutes.join(', ')} on the sandbox clock (the sandbox's choice:
Bridge does not publish its schedule).

trigger <event>: sends one event from a running sandbox (default --url http://127.0.0.1:3000), with
sample content from its data and --content fields over it. Events: ${WEBHOOK_EVENT_TYPES.join(', ')}.`

/** The CLI's help: its options, then every admin API route, one path a line with its methods. */
export const cliUsage = (): string => {
  const methods = new Map<string, string[]>()
  for (const { method, path } of adminApiRoutes()) methods.set(path, [...(methods.get(path) ?? []), method])
  const routes = [...methods].map(([path, verbs]) => `  ${verbs.join('|').padEnd(18)} ${path}`)
  return `${OPTIONS}

Admin API (no credentials; POSTs need Content-Type: application/json; requests from other origins,
such as web pages, are refused):
${routes.join('\n')}`
}
