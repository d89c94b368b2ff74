// createSandbox: wires the store, clock, faults, request log and API versions into one fetch handler.
import { handleAdmin } from './admin.js'
import { createClock } from './clock.js'
import { completeConnectSession } from './connect.js'
import { crossSiteReason } from './cross-site.js'
import {
  applyDrift,
  ConnectionReset,
  createFaults,
  faultCode,
  faultStatusText,
  htmlResponse,
} from './faults.js'
import { type AccountKind, generateItem, TRANSACTIONAL_ACCOUNTS } from './generate.js'
import { applyHistoryChanges } from './history.js'
import type { ApiModule, RouteContext, UserRouteContext } from './http.js'
import { DEFAULT_MAX_BODY_BYTES, parseJson, parseOrThrow, readBodyText, SeedUserSchema } from './input.js'
import { createRng } from './random.js'
import { createRateLimitCounter } from './rate-limits.js'
import { createRequestLog, DEFAULT_MAX_RECORDED_BODY_BYTES, type RecordedRequest } from './request-log.js'
import { createRouter } from './router.js'
import { createSchedule } from './schedule.js'
import { SandboxState } from './store.js'
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, type Sandbox, type SandboxOptions } from './types.js'
import { v2Api } from './v2/index.js'
import { v3Api } from './v3/index.js'
import { createWebhookEvents } from './webhooks/events.js'

/** Two hours, Bridge's token lifetime. */
const TWO_HOURS = 2 * 60 * 60 * 1000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Creates a sandbox. Nothing listens: call `sandbox.fetch(request)`, hand `sandbox.fetch` to the
 * SDK as its `fetch`, serve it with `Deno.serve(sandbox.fetch)` / `Bun.serve({ fetch })` / a
 * Worker, or use `startSandbox` (Node) for a real port.
 *
 * @param options - seed, credentials, clock, token lifetime, users to create.
 * @returns the sandbox.
 * @example
 * ```ts
 * import { createSandbox } from 'bridgeapi/sandbox'
 * const sandbox = createSandbox({ seed: 42, users: [{ externalUserId: 'demo', transactions: 1000 }] })
 * const response = await sandbox.fetch('http://sandbox.local/v3/providers/574', {
 *   headers: { 'Bridge-Version': '2025-01-15', 'Client-Id': 'sandbox-client-id', 'Client-Secret': 'sandbox-client-secret' },
 * })
 * ```
 */
export const createSandbox = (options: SandboxOptions = {}): Sandbox => {
  const seed = options.seed ?? 0
  const clientId = options.clientId ?? SANDBOX_CLIENT_ID
  const clientSecret = options.clientSecret ?? SANDBOX_CLIENT_SECRET
  const schedule = createSchedule(createClock(options.now, options.frozenClock ?? options.now !== undefined))
  const clock = schedule.clock
  const state = new SandboxState(clock, createRng(seed, 'ids'), options.tokenLifetimeMs ?? TWO_HOURS)
  const webhooks = createWebhookEvents(state, schedule, options.webhooks)
  const dataRng = createRng(seed, 'data')
  const routeRng = createRng(seed, 'routes')
  const faults = createFaults(createRng(seed, 'faults'))
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const baseOrigin = options.baseUrl === undefined ? undefined : new URL(options.baseUrl).origin
  const rateLimits = createRateLimitCounter(state, clock, options.enforceRateLimits ?? false)
  const log = createRequestLog({
    maxEntries: options.maxRecordedRequests ?? 10_000,
    maxBodyBytes: options.maxRecordedBodyBytes ?? DEFAULT_MAX_RECORDED_BODY_BYTES,
    clientSecret,
  })
  const apis = options.apis ?? [v3Api, v2Api]
  const routers = apis.map((api) => {
    const router = createRouter<(typeof api.routes)[number]>()
    for (const route of api.routes) router.add(route.method, route.pattern, route)
    return { api, router }
  })

  const hasClientCredentials = (request: Request): boolean =>
    request.headers.get('client-id') === clientId && request.headers.get('client-secret') === clientSecret

  /** The API version whose errors a path gets (2025-01-15 outside every prefix). */
  const apiFor = (url: URL): ApiModule =>
    routers.find(({ api }) => url.pathname.startsWith(`${api.prefix}/`))?.api ?? v3Api

  /** Bridge's checks, in order: version, client credentials, route, body, bearer token. */
  const dispatch = async (request: Request, url: URL, bodyText: string): Promise<Response> => {
    const path = url.pathname
    const found = routers.find(({ api }) => path === api.prefix || path.startsWith(`${api.prefix}/`))
    if (!found) return v3Api.error(404, 'not_found', "The requested resource doesn't exist")
    const { api, router } = found
    const error = api.error
    if (request.headers.get('bridge-version') !== api.bridgeVersion) return api.failures.version(error)
    if (!hasClientCredentials(request)) return api.failures.clientCredentials(error)
    const refused = rateLimits.observe(request, path, bodyText, error)
    if (refused) return refused
    const match = router.match(request.method, path)
    if (match === 'not-found') return error(404, 'not_found', "The requested resource doesn't exist")
    let body: unknown
    if (bodyText !== '') {
      if (!(request.headers.get('content-type') ?? '').toLowerCase().includes('application/json'))
        return error(415, 'unsupported_media_type', 'Content-Type must be application/json')
      const parsed = parseJson(bodyText)
      if (!parsed.ok) return error(422, 'invalid_request', 'The request body is not valid JSON')
      body = parsed.value
    }
    const language = request.headers.get('accept-language')?.slice(0, 2).toLowerCase()
    const ctx: RouteContext = {
      request,
      url,
      origin: baseOrigin ?? url.origin,
      params: match.params,
      query: url.searchParams,
      body,
      ...(language ? { language } : {}),
      state,
      clock,
      rng: routeRng,
      api,
      error,
    }
    const route = match.handler
    if (route.auth === 'client') return route.handler(ctx)
    const authorization = request.headers.get('authorization') ?? ''
    const bearer = /^Bearer (\S+)$/i.exec(authorization)
    if (!bearer) return api.failures.missingToken(error)
    const resolved = state.resolveToken(bearer[1] as string)
    if (resolved === undefined || resolved === 'expired') return api.failures.invalidToken(error)
    const userCtx: UserRouteContext = { ...ctx, user: resolved.user, token: resolved.token }
    return route.handler(userCtx)
  }

  /** The exchange after faults: the response to send, or a connection reset. */
  const exchange = async (request: Request, url: URL, entry: RecordedRequest, bodyText: string) => {
    const firing = faults.fire(request.method, url.pathname)
    if (firing.latencyMs > 0) await sleep(firing.latencyMs)
    const fault = firing.fault
    if (fault) entry.fault = fault.type
    const api = apiFor(url)
    const statusResponse = (status: number, retryAfter?: number | string) => {
      const response = api.error(status, faultCode(status), faultStatusText(status))
      if (retryAfter !== undefined) response.headers.set('retry-after', String(retryAfter))
      return response
    }
    const before = fault && !('afterHandler' in fault && fault.afterHandler)
    if (before && fault.type === 'status') return statusResponse(fault.status, fault.retryAfter)
    if (before && fault.type === 'reset') throw new ConnectionReset()
    if (fault?.type === 'html') return htmlResponse(fault.status ?? 502)
    let response: Response
    try {
      response = await dispatch(request, url, bodyText)
    } catch (cause) {
      response = api.error(500, 'server_error', cause instanceof Error ? cause.message : 'Internal error')
    }
    if (!fault) return response
    switch (fault.type) {
      case 'status':
        return statusResponse(fault.status, fault.retryAfter)
      case 'reset':
        throw new ConnectionReset()
      case 'truncated-json': {
        const text = await response.text()
        return new Response(text.slice(0, Math.floor(text.length / 2)), {
          status: response.status,
          headers: response.headers,
        })
      }
      case 'invalid-json':
        return new Response('{"resources": [{"id": 1,, }', { status: 200, headers: response.headers })
      case 'drift': {
        const text = await response.text()
        const parsed = parseJson(text)
        const body = parsed.ok ? JSON.stringify(applyDrift(parsed.value, fault)) : text
        return new Response(body, { status: response.status, headers: response.headers })
      }
      default:
        return response
    }
  }

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url)
    if (url.pathname === '/_sandbox' || url.pathname.startsWith('/_sandbox/'))
      return handleAdmin({ sandbox, state }, request, url, baseOrigin ?? url.origin, maxBodyBytes)
    // Bridge's API is never called from a browser: a web page's request (any page can reach the
    // sandbox on 127.0.0.1) is refused unread and unrecorded.
    const crossSite = crossSiteReason(request, baseOrigin ?? url.origin)
    if (crossSite) return apiFor(url).error(403, 'forbidden', `Sandbox API: ${crossSite}`)
    const bodyText =
      request.method === 'GET' || request.method === 'HEAD' ? '' : await readBodyText(request, maxBodyBytes)
    if (bodyText === undefined)
      return apiFor(url).error(413, 'payload_too_large', `The request body is over ${maxBodyBytes} bytes`)
    const entry = log.record({
      request,
      url,
      bodyText,
      authenticated: hasClientCredentials(request),
      at: clock.now(),
    })
    const response = await exchange(request, url, entry, bodyText)
    entry.status = response.status
    // No source names the header Bridge sends its request ids in (see REQUEST_ID_HEADERS in the
    // SDK's transport): `X-Request-Id`, the first the SDK reads, is the sandbox's own choice.
    response.headers.set('x-request-id', globalThis.crypto.randomUUID())
    return response
  }

  const sandbox: Sandbox = {
    async fetch(input, init, ctx) {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init)
      try {
        return await handle(request)
      } finally {
        // A Worker ends with the response unless told to wait for the deliveries it started.
        ctx?.waitUntil(webhooks.idle())
      }
    },
    clock,
    faults,
    requests: log.entries,
    clearRequests: log.clear,
    seed,
    clientId,
    clientSecret,
    users: () => state.listUsers(),
    findUser: (by, value) => (by === 'uuid' ? state.user(value) : state.findUserBy(by, value)),
    items: (userUuid) => state.items(userUuid),
    accounts: (userUuid, itemId) => state.accounts(userUuid, itemId),
    // A copy: the state reuses its sorted view until the user's data changes.
    transactions: (userUuid, order = 'updated', accountId) => [
      ...state.transactions(userUuid, order, accountId),
    ],
    stocks: (userUuid) => state.stocks(userUuid),
    session: (sessionId) => state.session(sessionId),
    paymentLinks: () => state.payments.links.list(),
    beneficiaries: () => [...state.payments.beneficiaries],
    tokens: () => state.listTokens(),
    issueToken: (userUuid) => state.issueToken(userUuid),
    revokeTokens: (userUuid) => state.revokeTokens(userUuid),
    seedUser: (input = {}) => {
      const seedOptions = parseOrThrow(SeedUserSchema, input, 'seedUser options')
      const externalUserId = seedOptions.externalUserId
      const user =
        (externalUserId === undefined ? undefined : state.findUserBy('externalUserId', externalUserId)) ??
        state.createUser(externalUserId === undefined ? {} : { externalUserId })
      const wanted = seedOptions.accounts ?? 3
      const kinds =
        typeof wanted === 'number'
          ? Array.from(
              { length: wanted },
              (_, i) => TRANSACTIONAL_ACCOUNTS[i % TRANSACTIONAL_ACCOUNTS.length] as AccountKind,
            )
          : wanted
      const { item, accounts } = generateItem(state, dataRng, {
        userUuid: user.uuid,
        providerId: seedOptions.providerId ?? 574,
        accounts: kinds,
        transactions: seedOptions.transactions ?? 200,
        ...(seedOptions.historyDays === undefined ? {} : { historyDays: seedOptions.historyDays }),
      })
      return {
        uuid: user.uuid,
        ...(user.externalUserId === undefined ? {} : { externalUserId: user.externalUserId }),
        itemId: item.id,
        accountIds: accounts.map((a) => a.id),
      }
    },
    completeConnectSession: (sessionId, completeOptions) => {
      const session = state.session(sessionId)
      const result = completeConnectSession(state, dataRng, sessionId, completeOptions)
      if (session) webhooks.connectCompleted(session, result)
      return result
    },
    changeHistory: (userUuid, changes) => {
      const result = applyHistoryChanges(state, userUuid, changes)
      webhooks.historyChanged(userUuid, changes, result)
      return result
    },
    rateLimitReport: rateLimits.report,
    resetRateLimits: rateLimits.reset,
    webhooks,
    close: () => {
      webhooks.close()
      schedule.close()
    },
  }
  for (const user of options.users ?? []) sandbox.seedUser(user)
  return sandbox
}
