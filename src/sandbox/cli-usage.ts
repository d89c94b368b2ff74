/** The `bridgeapi-sandbox --help` text, its admin API list read from the admin router (so it cannot drift). */
import { adminApiRoutes } from './admin.js'

const OPTIONS = `Usage: bridgeapi-sandbox [options]

  --port <n>             port to listen on (default 3000; 0 = any free port)
  --host <addr>          interface (default 127.0.0.1)
  --seed <s>             seed of the generated data (default 0)
  --user <id[:n]>        create a user with this external id and n transactions (default 200); repeatable
  --client-id <id>       accepted Client-Id (default sandbox-client-id)
  --client-secret <s>    accepted Client-Secret (default sandbox-client-secret)
  --base-url <url>       public origin when reached through another name (container, proxy); the
                         admin API answers only this origin (default http://<host>:<port>)
  --help                 show this help`

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
