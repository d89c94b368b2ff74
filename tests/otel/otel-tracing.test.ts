/** OpenTelemetry tracing over the hooks, read back through OpenTelemetry's in-memory exporter. */
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createContext, createRateLimiter, getAccount } from '../../src/index.js'
import { otelTracing } from '../../src/otel/index.js'
import { type RunningSandbox, sandboxContext, startSandbox } from '../../src/sandbox/index.js'

/** The sandbox over HTTP, with a request id header added as Bridge's front end does (echoing the bearer token, which the SDK redacts). */
let issued = 0
const bearers: string[] = []
const withRequestId: typeof fetch = async (input, init) => {
  const response = await fetch(input, init)
  const headers = new Headers(response.headers)
  const bearer = new Headers(init?.headers).get('authorization') ?? ''
  if (bearer) bearers.push(bearer.replace('Bearer ', ''))
  headers.set('x-request-id', `req-${++issued}${bearer.replace('Bearer ', ':')}`)
  return new Response(response.body, { status: response.status, headers })
}

describe('otelTracing', () => {
  let server: RunningSandbox
  beforeAll(async () => {
    server = await startSandbox({ seed: 25 })
  })
  afterAll(() => server.close())

  const traced = (retryGraceMs?: number) => {
    const exporter = new InMemorySpanExporter()
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })
    const tracing = otelTracing(
      provider.getTracer('test'),
      retryGraceMs === undefined ? {} : { retryGraceMs },
    )
    const spans = () =>
      exporter.getFinishedSpans().map((span) => ({
        name: span.name,
        kind: span.kind,
        status: span.status.code,
        attributes: { ...span.attributes },
      }))
    return { tracing, spans, exporter }
  }

  it('one span per call: operation, version, status, attempts, rate-limit wait, request id; retries grouped', async () => {
    const user = server.sandbox.seedUser({ accounts: 1, transactions: 1 })
    const accountId = user.accountIds[0] as number
    const { tracing, spans } = traced()
    const ctx = createContext(
      sandboxContext(server, {
        user: { uuid: user.uuid },
        hooks: tracing.hooks,
        // Two requests per 300 ms for the user: the token request and the first read, then the second read waits.
        rateLimiter: tracing.traceRateLimiter(
          createRateLimiter({ limits: { user: { limit: 2, windowMs: 300 } } }),
        ),
        retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1 },
        fetch: withRequestId,
      }),
    )
    server.sandbox.faults.add({ path: '/v3/aggregation/accounts/:id', status: 503, type: 'status', times: 1 })
    expect((await getAccount(ctx, { accountId })())._tag).toBe('Right')
    expect((await getAccount(ctx, { accountId })())._tag).toBe('Right')
    // Ends any span still waiting for a retry: none may be left (the 503's span went on with its retry).
    tracing.flush()
    const read = (wait: unknown, attempts: number) => ({
      name: 'bridge getAccount',
      kind: 2,
      status: 0,
      attributes: {
        'bridge.operation': 'getAccount',
        'bridge.api_version': '2025-01-15',
        'http.request.method': 'GET',
        'url.path': `/v3/aggregation/accounts/${accountId}`,
        'http.response.status_code': 200,
        'bridge.request_id': expect.any(String),
        'bridge.attempts': attempts,
        'bridge.rate_limit.wait_ms': wait,
      },
    })
    expect(spans()).toEqual([
      {
        name: 'bridge authenticate',
        kind: 2,
        status: 0,
        attributes: {
          'bridge.operation': 'authenticate',
          'bridge.api_version': '2025-01-15',
          'http.request.method': 'POST',
          'url.path': '/v3/aggregation/authorization/token',
          'http.response.status_code': 201,
          'bridge.request_id': expect.any(String),
          'bridge.attempts': 1,
          'bridge.rate_limit.wait_ms': expect.any(Number),
        },
      },
      // The 503 then the 200: one span, two attempts; the retry waited for the user's window.
      read(
        expect.toSatisfy((ms: number) => ms >= 100),
        2,
      ),
      read(expect.any(Number), 1),
    ])
  })

  it('shows no secret: no header, body or query; a failed call is an error span', async () => {
    const user = server.sandbox.seedUser({ accounts: 1, transactions: 1 })
    const { tracing, spans } = traced(10)
    const ctx = createContext(
      sandboxContext(server, {
        user: { uuid: user.uuid },
        hooks: tracing.hooks,
        retry: 0,
        fetch: withRequestId,
      }),
    )
    server.sandbox.faults.add({ path: '/v3/aggregation/accounts/:id', status: 500, type: 'status', times: 1 })
    expect((await getAccount(ctx, { accountId: 1 })())._tag).toBe('Left')
    // A 500 may be retried: the span waits `retryGraceMs` for the next attempt, or `flush`.
    tracing.flush()
    const all = spans()
    expect(all.map((span) => [span.name, span.status, span.attributes['http.response.status_code']])).toEqual(
      [
        ['bridge authenticate', 0, 201],
        ['bridge getAccount', 2, 500],
      ],
    )
    const text = JSON.stringify(all)
    expect(bearers.length).toBeGreaterThan(0)
    for (const bearer of bearers) expect(text).not.toContain(bearer)
    expect(text).not.toContain(server.sandbox.clientSecret)
    expect(text).not.toContain(user.uuid)
  })
})
