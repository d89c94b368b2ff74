// The sandbox's own HTTP API under `/_sandbox/...` (controls for tests and tools) and the pages it hands out.
import * as v from 'valibot'
import { toMs } from './clock.js'
import { CompleteSchema, ConnectError, type ConnectResult } from './connect.js'
import { crossSiteReason } from './cross-site.js'
import { FaultRuleSchema } from './faults.js'
import { type HistoryChanges, HistoryError } from './history.js'
import {
  ClockAdvanceSchema,
  ClockSetSchema,
  describeIssues,
  issueList,
  parseJson,
  readBodyText,
  SeedUserSchema,
  WebhookTriggerSchema,
} from './input.js'
import { pageRoute } from './pages/index.js'
import { createRouter } from './router.js'
import type { SandboxState } from './store.js'
import type { Sandbox } from './types.js'
import { WebhookTriggerError } from './webhooks/events.js'

/**
 * The sandbox's own HTTP API under `/_sandbox/...`, so tests and tools in any runtime or process can
 * drive it: complete Connect sessions, move the clock, inject faults, seed users, read recorded
 * requests. It needs no credentials, is never recorded and never faulted. Bodies are JSON with the
 * same (camelCase) fields as the JavaScript API.
 *
 * It runs on developers' machines, where any web page can send requests to 127.0.0.1, so it only
 * answers its own origin (see {@link refusal}); every body is JSON, capped, and checked with valibot.
 */

/** The sandbox, and its state for the pages that act on it (paying a link). */
export interface AdminTarget {
  readonly sandbox: Sandbox
  readonly state: SandboxState
}

interface AdminContext extends AdminTarget {
  readonly url: URL
  readonly params: Readonly<Record<string, string>>
  readonly body: unknown
}

/** A route for programs (tests, tools); the pages a browser opens are in `pages/`. */
interface AdminRoute {
  readonly handle: (ctx: AdminContext) => Response
}

const reply = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

const problem = (status: number, message: string): Response => reply(status, { error: message })

/** Parses admin input; a 400 naming each issue's path when it does not fit. */
const parse = <T>(schema: v.GenericSchema<unknown, T>, input: unknown): T | Response => {
  const result = v.safeParse(schema, input)
  if (result.success) return result.output
  return reply(400, { error: describeIssues(result.issues), issues: issueList(result.issues) })
}

const clockState = (sandbox: Sandbox) => ({
  now: new Date(sandbox.clock.now()).toISOString(),
  ms: sandbox.clock.now(),
  frozen: sandbox.clock.frozen,
})

const complete = (ctx: AdminContext, input: unknown): ConnectResult | Response => {
  const options = parse(CompleteSchema, input)
  return options instanceof Response
    ? options
    : ctx.sandbox.completeConnectSession(ctx.params.id as string, options)
}

/** The answer to a control the sandbox refused (it threw), by the error's reason; other errors go on. */
const refusedControl = (error: unknown): Response => {
  // A RangeError: an instant past year 9999, which the clock refuses.
  if (error instanceof RangeError) return problem(400, error.message)
  if (error instanceof ConnectError) return problem(error.reason === 'not_found' ? 404 : 409, error.message)
  if (error instanceof WebhookTriggerError) return problem(400, error.message)
  if (error instanceof HistoryError)
    return problem({ invalid: 400, not_found: 404, conflict: 409 }[error.reason], error.message)
  throw error
}

const router = createRouter<AdminRoute>()
const api = (method: string, pattern: string, handle: AdminRoute['handle']): void =>
  router.add(method, pattern, { handle })

api('GET', '/_sandbox', ({ sandbox }) =>
  reply(200, { ok: true, seed: sandbox.seed, clock: clockState(sandbox), users: sandbox.users().length }),
)

api('POST', '/_sandbox/connect-sessions/:id/complete', (ctx) => {
  const result = complete(ctx, ctx.body)
  return result instanceof Response ? result : reply(200, result)
})

api('GET', '/_sandbox/clock', ({ sandbox }) => reply(200, clockState(sandbox)))

api('POST', '/_sandbox/clock/advance', ({ sandbox, body }) => {
  const input = parse(ClockAdvanceSchema, body)
  if (input instanceof Response) return input
  sandbox.clock.advance(input.ms)
  return reply(200, clockState(sandbox))
})

api('POST', '/_sandbox/clock/set', ({ sandbox, body }) => {
  const input = parse(ClockSetSchema, body)
  if (input instanceof Response) return input
  sandbox.clock.set(toMs(input.now))
  return reply(200, clockState(sandbox))
})

api('GET', '/_sandbox/faults', ({ sandbox }) => reply(200, { faults: sandbox.faults.list() }))

api('POST', '/_sandbox/faults', ({ sandbox, body }) => {
  const rule = parse(FaultRuleSchema, body)
  return rule instanceof Response ? rule : reply(201, { id: sandbox.faults.add(rule) })
})

api('DELETE', '/_sandbox/faults', ({ sandbox }) => {
  sandbox.faults.clear()
  return new Response(null, { status: 204 })
})

api('DELETE', '/_sandbox/faults/:id', ({ sandbox, params }) =>
  sandbox.faults.remove(params.id as string)
    ? new Response(null, { status: 204 })
    : problem(404, 'no such fault'),
)

api('POST', '/_sandbox/users/seed', ({ sandbox, body }) => {
  const options = parse(SeedUserSchema, body)
  return options instanceof Response ? options : reply(201, sandbox.seedUser(options))
})

// Scenario control for sync tests: update, delete or late-insert a user's transactions at one instant.
// The body is validated (valibot) by applyHistoryChanges, for JavaScript callers too.
api('POST', '/_sandbox/users/:uuid/history', ({ sandbox, params, body }) =>
  reply(200, sandbox.changeHistory(params.uuid as string, body as unknown as HistoryChanges)),
)

api('GET', '/_sandbox/requests', ({ sandbox }) => reply(200, { requests: sandbox.requests }))

api('DELETE', '/_sandbox/requests', ({ sandbox }) => {
  sandbox.clearRequests()
  return new Response(null, { status: 204 })
})

// Webhooks: the delivery log, redelivery and trigger. The URLs and secret come only from the options
// or the CLI: no route changes them, so a web page cannot point the sandbox at another server.
api('GET', '/_sandbox/webhooks/deliveries', ({ sandbox }) =>
  reply(200, { deliveries: sandbox.webhooks.deliveries() }),
)

api('POST', '/_sandbox/webhooks/deliveries/:id/redeliver', ({ sandbox, params }) => {
  const delivery = sandbox.webhooks.redeliver(params.id as string)
  return delivery ? reply(201, { delivery }) : problem(404, 'no such webhook delivery')
})

api('POST', '/_sandbox/webhooks/trigger', ({ sandbox, body }) => {
  const input = parse(WebhookTriggerSchema, body)
  if (input instanceof Response) return input
  return reply(201, { deliveries: sandbox.webhooks.trigger(input.type, input.content) })
})

/** The admin API's routes for programs (not the pages it hands out), with `{param}` placeholders. */
export const adminApiRoutes = (): readonly { readonly method: string; readonly path: string }[] =>
  router.routes().map(({ method, pattern }) => ({ method, path: pattern.replace(/:(\w+)/g, '{$1}') }))

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]']
/** Names a client on this machine uses for a sandbox listening on every interface or on loopback. */
const LOCAL_HOSTS = [...LOOPBACK_HOSTS, '0.0.0.0', '[::]']

/**
 * Why a request may not use the admin API, or `undefined` when it may. A program (no `Origin`, no
 * `Sec-Fetch-*`) and the sandbox's own pages may; other web pages may not: their `fetch`/form
 * requests carry an `Origin` or `Sec-Fetch-Site: cross-site`/`same-site` (another port on
 * 127.0.0.1 is same-site). Pages the sandbox hands out (Connect URLs) may be opened by navigation
 * from anywhere, as Bridge's are. The `Host` check defeats DNS rebinding (a site whose name
 * resolves to 127.0.0.1 is same-origin to the browser, but not to this check).
 */
const refusal = (request: Request, origin: string, navigation: boolean): string | undefined => {
  const own = new URL(origin)
  const host = request.headers.get('host')
  const hosts = LOCAL_HOSTS.includes(own.hostname)
    ? [own.host, ...LOOPBACK_HOSTS.map((name) => (own.port ? `${name}:${own.port}` : name))]
    : [own.host]
  if (host !== null && !hosts.includes(host.toLowerCase())) return `Host ${host} is not this sandbox`
  return crossSiteReason(request, own.origin, navigation)
}

/** Whether a `Content-Type` is JSON (`application/json`, with or without parameters). */
const isJson = (contentType: string | null): boolean =>
  contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json'

/**
 * Serves one `/_sandbox/...` request.
 *
 * @param origin - the sandbox's own origin (its listening address or configured base URL).
 * @param maxBodyBytes - body size cap (413 above).
 */
export const handleAdmin = async (
  target: AdminTarget,
  request: Request,
  url: URL,
  origin: string,
  maxBodyBytes: number,
): Promise<Response> => {
  const page = pageRoute(request.method, url.pathname)
  if (page) {
    // A page may be opened by navigation from any site; its forms post only from its own origin.
    const refused = refusal(request, origin, request.method === 'GET')
    return refused ? problem(403, `Sandbox page: ${refused}`) : page(target, request, url, origin)
  }
  const match = router.match(request.method, url.pathname)
  if (match === 'not-found') return problem(404, `No sandbox admin route ${request.method} ${url.pathname}`)
  const refused = refusal(request, origin, false)
  if (refused) return problem(403, `Sandbox admin API: ${refused}`)
  let body: unknown = {}
  if (request.method === 'POST') {
    // A web page can POST text/plain to any origin without a preflight; JSON it cannot.
    if (!isJson(request.headers.get('content-type')))
      return problem(415, 'Sandbox admin API: Content-Type must be application/json')
    const text = await readBodyText(request, maxBodyBytes)
    if (text === undefined) return problem(413, `Sandbox admin API: the body is over ${maxBodyBytes} bytes`)
    const parsed = text === '' ? { ok: true, value: body } : parseJson(text)
    if (!parsed.ok) return problem(400, 'the body is not valid JSON')
    body = parsed.value
  }
  try {
    return match.handler.handle({ ...target, url, params: match.params, body })
  } catch (error) {
    return refusedControl(error)
  }
}
