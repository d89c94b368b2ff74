import { toMs } from './clock.js'
import { CONNECT_SCENARIOS, ConnectError, type ConnectResult, type ConnectScenario } from './connect.js'
import { checkFaultRule, type FaultRule } from './faults.js'
import { type HistoryChanges, HistoryError } from './history.js'
import { createRouter } from './router.js'
import type { Sandbox, SeedUserOptions } from './sandbox.js'

/**
 * The sandbox's own HTTP API under `/_sandbox/...`, so tests and tools in any runtime or process can
 * drive it: complete Connect sessions, move the clock, inject faults, seed users, read recorded
 * requests. It needs no credentials, is never recorded and never faulted. Bodies are JSON with the
 * same (camelCase) fields as the JavaScript API.
 */

interface AdminContext {
  readonly sandbox: Sandbox
  readonly url: URL
  readonly params: Readonly<Record<string, string>>
  readonly body: Record<string, unknown>
}

type AdminHandler = (ctx: AdminContext) => Response

const reply = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

const problem = (status: number, message: string): Response => reply(status, { error: message })

const html = (status: number, body: string): Response =>
  new Response(`<!doctype html><meta charset="utf-8"><title>Bridge sandbox</title>${body}`, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  })

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const clockState = (sandbox: Sandbox) => ({
  now: new Date(sandbox.clock.now()).toISOString(),
  ms: sandbox.clock.now(),
  frozen: sandbox.clock.frozen,
})

const complete = (ctx: AdminContext, scenario: unknown, transactions: unknown): ConnectResult | Response => {
  if (scenario !== undefined && !CONNECT_SCENARIOS.includes(scenario as ConnectScenario))
    return problem(400, `scenario must be one of ${CONNECT_SCENARIOS.join(', ')}`)
  if (transactions !== undefined && !(Number.isInteger(transactions) && (transactions as number) >= 0))
    return problem(400, 'transactions must be an integer ≥ 0')
  try {
    return ctx.sandbox.completeConnectSession(ctx.params.id as string, {
      ...(scenario === undefined ? {} : { scenario: scenario as ConnectScenario }),
      ...(transactions === undefined ? {} : { transactions: transactions as number }),
    })
  } catch (error) {
    if (error instanceof ConnectError) return problem(error.reason === 'not_found' ? 404 : 409, error.message)
    throw error
  }
}

const router = createRouter<AdminHandler>()

router.add('GET', '/_sandbox', ({ sandbox }) =>
  reply(200, { ok: true, seed: sandbox.seed, clock: clockState(sandbox), users: sandbox.state.users.size }),
)

router.add('POST', '/_sandbox/connect-sessions/:id/complete', (ctx) => {
  const result = complete(ctx, ctx.body.scenario, ctx.body.transactions)
  return result instanceof Response ? result : reply(200, result)
})

// The URL a Connect session hands out: opening it completes the session like a user would, then
// redirects to the session's callback_url when it has one.
router.add('GET', '/_sandbox/connect/session/:id', (ctx) => {
  const transactions = ctx.url.searchParams.get('transactions')
  const result = complete(
    ctx,
    ctx.url.searchParams.get('scenario') ?? undefined,
    transactions === null ? undefined : Number(transactions),
  )
  if (result instanceof Response) return result
  if (result.callbackUrl)
    return new Response(null, { status: 302, headers: { location: result.callbackUrl } })
  const summary =
    result.itemId === undefined
      ? 'Connection abandoned.'
      : `Item ${result.itemId} connected (status ${result.status}).`
  return html(200, `<p>${escapeHtml(summary)}</p>`)
})

router.add('GET', '/_sandbox/connect/user/:id', () =>
  html(200, '<p>User management session: nothing to do in the sandbox.</p>'),
)

// Payment pages: opening a payment link pays it (a payment request is created, its outcome set by
// the lines' labels), then redirects to the link's callback_url when it has one.
router.add('GET', '/_sandbox/pay/link/:token', ({ sandbox, params }) => {
  const payments = sandbox.state.payments
  const link = [...payments.links.values()].find((l) => l.token === params.token)
  if (!link) return html(404, '<p>Unknown payment link.</p>')
  const request = payments.payLink(link)
  if (!request) return html(410, `<p>This payment link is ${escapeHtml(payments.linkStatus(link))}.</p>`)
  if (link.callbackUrl) {
    const target = new URL(link.callbackUrl)
    target.searchParams.set('payment_link_id', link.id)
    target.searchParams.set('payment_request_id', request.id)
    target.searchParams.set('status', 'success')
    return new Response(null, { status: 302, headers: { location: target.toString() } })
  }
  return html(200, `<p>Payment request ${escapeHtml(request.id)} initiated.</p>`)
})

router.add('GET', '/_sandbox/pay/payment/:id/initiate', ({ sandbox, params }) => {
  const request = sandbox.state.payments.requests.get(params.id as string)
  if (!request) return html(404, '<p>Unknown payment request.</p>')
  if (request.callbackUrl)
    return new Response(null, { status: 302, headers: { location: request.callbackUrl } })
  return html(200, `<p>Payment request ${escapeHtml(request.id)} initiated.</p>`)
})

// A Bridge Transfer's redirect_url: the transfer (or bulk transfer) exists since it was sent, so the
// page only confirms it; its status follows its labels.
router.add('GET', '/_sandbox/pay/transfer/:id', ({ sandbox, params }) => {
  const id = params.id as string
  const { state } = sandbox
  const known = [...state.users.keys()].some(
    (uuid) => state.transfer(uuid, id) ?? state.bulkTransfer(uuid, id),
  )
  return known
    ? html(200, `<p>Transfer ${escapeHtml(id)} confirmed.</p>`)
    : html(404, '<p>Unknown transfer.</p>')
})

router.add('GET', '/_sandbox/pay/consent/:id/terms', () =>
  html(200, '<p>Payment consent terms accepted.</p>'),
)

router.add('GET', '/_sandbox/clock', ({ sandbox }) => reply(200, clockState(sandbox)))

router.add('POST', '/_sandbox/clock/advance', ({ sandbox, body }) => {
  if (typeof body.ms !== 'number' || !Number.isFinite(body.ms) || body.ms < 0)
    return problem(400, 'ms must be a number ≥ 0')
  sandbox.clock.advance(body.ms)
  return reply(200, clockState(sandbox))
})

router.add('POST', '/_sandbox/clock/set', ({ sandbox, body }) => {
  const now = body.now
  if (typeof now !== 'number' && typeof now !== 'string')
    return problem(400, 'now must be ms or an ISO 8601 string')
  try {
    sandbox.clock.set(toMs(now))
  } catch (error) {
    return problem(400, (error as Error).message)
  }
  return reply(200, clockState(sandbox))
})

router.add('GET', '/_sandbox/faults', ({ sandbox }) => reply(200, { faults: sandbox.faults.list() }))

router.add('POST', '/_sandbox/faults', ({ sandbox, body }) => {
  const issue = checkFaultRule(body)
  if (issue) return problem(400, issue)
  return reply(201, { id: sandbox.faults.add(body as unknown as FaultRule) })
})

router.add('DELETE', '/_sandbox/faults', ({ sandbox }) => {
  sandbox.faults.clear()
  return new Response(null, { status: 204 })
})

router.add('DELETE', '/_sandbox/faults/:id', ({ sandbox, params }) =>
  sandbox.faults.remove(params.id as string)
    ? new Response(null, { status: 204 })
    : problem(404, 'no such fault'),
)

router.add('POST', '/_sandbox/users/seed', ({ sandbox, body }) => {
  const { externalUserId, transactions, accounts, providerId, historyDays } = body
  if (externalUserId !== undefined && typeof externalUserId !== 'string')
    return problem(400, 'externalUserId must be a string')
  for (const [name, value] of Object.entries({ transactions, providerId, historyDays }))
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0))
      return problem(400, `${name} must be an integer ≥ 0`)
  if (
    accounts !== undefined &&
    !(Number.isInteger(accounts) && (accounts as number) >= 1) &&
    !Array.isArray(accounts)
  )
    return problem(400, 'accounts must be an integer ≥ 1 or a list of account kinds')
  return reply(201, sandbox.seedUser(body as SeedUserOptions))
})

// Scenario control for sync tests: update, delete or late-insert a user's transactions at one instant.
// The body is validated (valibot) by applyHistoryChanges, for JavaScript callers too.
router.add('POST', '/_sandbox/users/:uuid/history', ({ sandbox, params, body }) => {
  try {
    return reply(200, sandbox.changeHistory(params.uuid as string, body as unknown as HistoryChanges))
  } catch (error) {
    if (!(error instanceof HistoryError)) throw error
    return problem({ invalid: 400, not_found: 404, conflict: 409 }[error.reason], error.message)
  }
})

router.add('GET', '/_sandbox/requests', ({ sandbox }) => reply(200, { requests: sandbox.requests }))

router.add('DELETE', '/_sandbox/requests', ({ sandbox }) => {
  sandbox.clearRequests()
  return new Response(null, { status: 204 })
})

/** Serves one `/_sandbox/...` request. */
export const handleAdmin = async (sandbox: Sandbox, request: Request, url: URL): Promise<Response> => {
  const match = router.match(request.method, url.pathname)
  if (match === 'not-found') return problem(404, `No sandbox admin route ${request.method} ${url.pathname}`)
  let body: Record<string, unknown> = {}
  const text = request.method === 'GET' ? '' : await request.text()
  if (text !== '') {
    try {
      const parsed: unknown = JSON.parse(text)
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        return problem(400, 'the body must be a JSON object')
      body = parsed as Record<string, unknown>
    } catch {
      return problem(400, 'the body is not valid JSON')
    }
  }
  return match.handler({ sandbox, url, params: match.params, body })
}
