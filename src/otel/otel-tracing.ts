// otelTracing: one OpenTelemetry span per SDK call, built from the context hooks.
import type { Hooks, RequestEvent, ResponseEvent } from '../core/http/hooks.js'
import type { RateLimiter } from '../rate-limit/limiter.js'
import { SPAN_KIND_CLIENT, SPAN_STATUS_ERROR, type SpanLike, type TracerLike } from './tracer.js'

/** Options of {@link otelTracing}. */
export interface OtelTracingOptions {
  /**
   * How long a span stays open after an answer the SDK may retry (429, 5xx, no answer), waiting for
   * the next attempt. Then it ends, stamped with the time of the last answer. Above the contexts'
   * longest retry wait (`retry.maxRetryAfterMs`, default 60 000). Default 65 000.
   */
  readonly retryGraceMs?: number
}

/** What {@link otelTracing} gives: the hooks, a rate-limiter wrapper, and a way to end open spans. */
export interface OtelTracing {
  /** The context's `hooks`: one span per call, its attempts grouped. */
  readonly hooks: Hooks
  /** Wraps the context's rate limiter, so each span has the time its attempts waited for a slot. */
  readonly traceRateLimiter: (limiter: RateLimiter) => RateLimiter
  /** Ends every span still waiting for a retry now (e.g. in a Worker's `ctx.waitUntil` before the exporter flushes). */
  readonly flush: () => void
}

/** A call's span while its attempts go on. */
interface OpenCall {
  readonly span: SpanLike
  readonly group: string
  attempts: number
  rateLimitWaitMs: number
  /** Why the last attempt failed (a network failure, or an HTTP error status), if it did. */
  failure?: string | undefined
  /** Set between an answer that may be retried and the next attempt (or the grace period's end). */
  pending?: { readonly endedAt: Date; readonly timer: ReturnType<typeof setTimeout> }
}

/** The API version of a request, from its path. */
const apiVersionOf = (url: string): string | undefined => {
  const path = new URL(url).pathname
  if (path.startsWith('/v3/')) return '2025-01-15'
  if (path.startsWith('/v2/')) return '2021-06-01'
  return undefined
}

/** Whether the SDK may send another attempt after this answer (its retry policy decides the rest). */
const mayRetry = (event: ResponseEvent): boolean =>
  event.failure !== undefined
    ? event.failure !== 'AbortError'
    : event.status === undefined || event.status === 429 || event.status >= 500

/** The correlation id of an event, where the SDK sets one (the same for every attempt of a call). */
const correlationOf = (event: RequestEvent | ResponseEvent): string | undefined => {
  const id = (event as { correlationId?: unknown }).correlationId
  return typeof id === 'string' ? id : undefined
}

/**
 * Attempts of one call: by correlation id when the events carry one, otherwise (best effort) by
 * operation, method and URL, which concurrent identical calls share.
 */
const groupOf = (event: RequestEvent | ResponseEvent): string =>
  correlationOf(event) ?? `${event.operation} ${event.method} ${event.url}`

/**
 * OpenTelemetry tracing over the context's hooks: one span per SDK call (`bridge <operation>`, kind
 * client), with the operation, the API version, the method and path (no query), the final status,
 * the number of attempts, the time waited for rate-limit slots, Bridge's request id and the
 * correlation id. Never a header, a body or a query: nothing secret reaches the exporter. Takes the
 * app's own `Tracer`; the SDK has no dependency on OpenTelemetry. Spans are children of the active
 * context.
 *
 * @param tracer - the app's tracer (`trace.getTracer('my-app')` from `@opentelemetry/api`).
 * @param options - `retryGraceMs`.
 * @returns the hooks to give `createContext`, `traceRateLimiter` for its rate limiter, and `flush`.
 * @example
 * ```ts
 * import { trace } from '@opentelemetry/api'
 * import { createContext, createRateLimiter } from 'bridgeapi'
 * import { otelTracing } from 'bridgeapi/otel'
 *
 * const tracing = otelTracing(trace.getTracer('my-app'))
 * const ctx = createContext({
 *   clientId: 'client-id',
 *   clientSecret: 'client-secret',
 *   user: { externalUserId: 'customer-42' },
 *   hooks: tracing.hooks,
 *   rateLimiter: tracing.traceRateLimiter(createRateLimiter()),
 * })
 * ```
 */
export const otelTracing = (tracer: TracerLike, options: OtelTracingOptions = {}): OtelTracing => {
  const graceMs = options.retryGraceMs ?? 65_000
  const open = new Map<string, OpenCall[]>()
  // Set by the rate limiter wrapper just before it runs an attempt, which calls onRequest at once.
  let waitOfNextAttempt = 0

  const close = (call: OpenCall, endedAt?: Date) => {
    if (call.pending) clearTimeout(call.pending.timer)
    const calls = open.get(call.group)?.filter((other) => other !== call) ?? []
    if (calls.length > 0) open.set(call.group, calls)
    else open.delete(call.group)
    call.span.setAttribute('bridge.attempts', call.attempts)
    call.span.setAttribute('bridge.rate_limit.wait_ms', call.rateLimitWaitMs)
    // Set once, at the end: OpenTelemetry keeps an error status even if a retry then succeeds.
    if (call.failure) call.span.setStatus({ code: SPAN_STATUS_ERROR, message: call.failure })
    call.span.end(endedAt)
  }

  const onRequest = (event: RequestEvent) => {
    const wait = waitOfNextAttempt
    waitOfNextAttempt = 0
    const group = groupOf(event)
    // A retry continues the call whose last answer may be retried; a first attempt starts a span.
    const retried = event.attempt > 1 ? open.get(group)?.find((call) => call.pending) : undefined
    if (retried?.pending) {
      clearTimeout(retried.pending.timer)
      retried.pending = undefined
      retried.attempts = event.attempt
      retried.rateLimitWaitMs += wait
      return
    }
    const correlationId = correlationOf(event)
    const version = apiVersionOf(event.url)
    const span = tracer.startSpan(`bridge ${event.operation}`, {
      kind: SPAN_KIND_CLIENT,
      startTime: new Date(Date.now() - wait),
      attributes: {
        'bridge.operation': event.operation,
        'http.request.method': event.method,
        'url.path': new URL(event.url).pathname,
        ...(version ? { 'bridge.api_version': version } : {}),
        ...(correlationId ? { 'bridge.correlation_id': correlationId } : {}),
      },
    })
    const call: OpenCall = { span, group, attempts: event.attempt, rateLimitWaitMs: wait }
    open.set(group, [...(open.get(group) ?? []), call])
  }

  const onResponse = (event: ResponseEvent) => {
    const call = open.get(groupOf(event))?.find((candidate) => !candidate.pending)
    if (!call) return
    if (event.status !== undefined) call.span.setAttribute('http.response.status_code', event.status)
    if (event.requestId) call.span.setAttribute('bridge.request_id', event.requestId)
    if (event.failure) call.span.setAttribute('error.type', event.failure)
    call.failure =
      event.failure ??
      (event.status !== undefined && event.status >= 400 ? `HTTP ${event.status}` : undefined)
    if (!mayRetry(event)) return close(call)
    const endedAt = new Date()
    const timer = setTimeout(() => close(call, endedAt), graceMs)
    // A pending timer must not keep a Node process alive.
    ;(timer as { unref?: () => void }).unref?.()
    call.pending = { endedAt, timer }
  }

  const traceRateLimiter = (limiter: RateLimiter): RateLimiter => ({
    limits: limiter.limits,
    acquire: (request, acquireOptions) => limiter.acquire(request, acquireOptions),
    throttle: (request, throttleOptions, attempt) => {
      const asked = Date.now()
      return limiter.throttle(request, throttleOptions, () => {
        waitOfNextAttempt = Date.now() - asked
        return attempt()
      })
    },
  })

  const flush = () => {
    for (const calls of [...open.values()])
      for (const call of calls) if (call.pending) close(call, call.pending.endedAt)
  }

  return { hooks: { onRequest, onResponse }, traceRateLimiter, flush }
}
