/** One attempt of a request through ofetch, reported to the hooks. */
import { type $Fetch, createFetch, type FetchOptions } from 'ofetch'
import { ClockFailure, nowOf } from '../clock.js'
import type { Context } from '../context.js'
import { abortError, type BridgeError } from '../errors.js'
import { REDACTED, redactIn } from '../redacted.js'
import type { ResponseEvent } from './hooks.js'
import { encodeQuery } from './query.js'
import type { CallOptions, Outcome, RequestSpec } from './types.js'

/**
 * What every exchange asks of ofetch. Its status errors, retries and body parsing are off: the engine
 * maps statuses to typed errors, retries with its own policy (see `send`) and reads bodies with a cap.
 */
const TRANSPORT_DEFAULTS = {
  retry: false,
  ignoreResponseError: true,
  responseType: 'stream',
  // Never follow: a redirect would carry the credentials (and a POST body) to another host.
  redirect: 'manual',
} as const satisfies FetchOptions<'stream'>

/** Overrides, on a user's `$fetch`, the defaults an app sets for its own backend. */
const NO_APP_DEFAULTS = { headers: undefined, query: undefined, params: undefined } as const

/** The ofetch instance of each context, made on first use (a Context is plain data: keyed by identity). */
const transports = new WeakMap<Context, $Fetch>()

/** The context's ofetch instance: its own `$fetch` (whose interceptors then run) or a new one. */
const transportOf = (ctx: Context): $Fetch => {
  let transport = transports.get(ctx)
  if (!transport) {
    const defaults = { ...TRANSPORT_DEFAULTS, baseURL: ctx.baseUrl }
    // `create` keeps the user's defaults and interceptors and adds ours. Its default headers, query and
    // params are the app's (its own `Authorization`, `Cookie`, `api_key`…): they must not reach Bridge.
    transport = ctx.$fetch
      ? // The context's type is structural (see OfetchInstance); the instance is ofetch's.
        (ctx.$fetch.create(
          { ...defaults, ...NO_APP_DEFAULTS },
          ctx.fetch ? { fetch: ctx.fetch } : {},
        ) as $Fetch)
      : createFetch({
          // Looked up on each call, so a global fetch replaced later (tests, instrumentation) is used.
          fetch: ctx.fetch ?? ((input, init) => globalThis.fetch(input, init)),
          defaults,
        })
    transports.set(ctx, transport)
  }
  return transport
}

/**
 * Where a response's request id may be, first found wins. No source names the header Bridge uses
 *: these are the usual names; the sandbox sends `X-Request-Id`.
 */
const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-bridge-request-id', 'cf-ray']

/**
 * Failures of `fetch` before any connection that the same request would meet again (undici's
 * `bad port` and invalid header values, browsers' invalid values): not network failures.
 */
const PERMANENT_FAILURE =
  /bad port|invalid header|header value|ByteString|ISO-8859-1|invalid value|invalid url/i

const headersToRecord = (headers: Headers): Record<string, string> => {
  const record: Record<string, string> = {}
  headers.forEach((value, key) => {
    record[key] = value
  })
  return record
}

/**
 * Parses `Retry-After` (seconds or HTTP date) into seconds. Anything else, a negative number
 * included, is treated as absent (normal backoff), never as "retry now".
 */
const parseRetryAfter = (value: string | null, now: () => number): number | undefined => {
  const text = value?.trim() ?? ''
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text)
  // An HTTP date has a weekday and a month name; `Date.parse('-5')` would be year -5.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now()) / 1000))
}

/** Reads the body as text, refusing (and cancelling) it past `maxBytes`: `undefined` then. */
const readCapped = async (response: Response, maxBytes: number): Promise<string | undefined> => {
  const body = response.body
  if (Number(response.headers.get('content-length')) > maxBytes) {
    await body?.cancel().catch(() => undefined)
    return undefined
  }
  if (!body) return ''
  const reader = body.getReader()
  // Bytes first, decoded once at the end: no text is built for a body that is then refused.
  const chunks: Uint8Array[] = []
  for (let size = 0; ; ) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined)
      return undefined
    }
    chunks.push(value)
  }
  const decoder = new TextDecoder()
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode()
}

/** Calls a user hook; a failing hook must not break the call. */
const callHook = <T>(hook: ((event: T) => void) | undefined, event: T): void => {
  try {
    hook?.(event)
  } catch {
    // ignored, as documented on `Hooks`
  }
}

/** The innermost error of a `cause` chain (ofetch and undici wrap the socket error), with its code. */
const rootCause = (error: unknown): { detail: string; code?: string } => {
  let current = error
  while (current instanceof Error && current.cause instanceof Error) current = current.cause
  const code = (current as { code?: unknown } | undefined)?.code
  return {
    detail: current instanceof Error ? current.message : String(current),
    ...(typeof code === 'string' ? { code } : {}),
  }
}

const hasBody = (spec: RequestSpec): boolean => spec.body !== undefined && spec.method !== 'GET'

/** The headers of a request: versions, credentials, language, and the JSON type of a body. */
const requestHeaders = (ctx: Context, spec: RequestSpec, options: CallOptions): Record<string, string> => {
  const language = options.language ?? ctx.language
  return {
    accept: 'application/json',
    'bridge-version': spec.api.bridgeVersion,
    'client-id': ctx.clientId,
    'client-secret': ctx.clientSecret.reveal(),
    ...(spec.accessToken ? { authorization: `Bearer ${spec.accessToken}` } : {}),
    ...(language ? { 'accept-language': language } : {}),
    ...(hasBody(spec) ? { 'content-type': 'application/json' } : {}),
  }
}

/**
 * A signal that fires on the caller's abort or after `timeoutMs`. Ours, not ofetch's `timeout`:
 * ofetch ignores its timeout whenever a signal is passed, and it cannot tell a timeout from an abort.
 */
const deadline = (timeoutMs: number, callerSignal: AbortSignal | undefined) => {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  const onCallerAbort = () => controller.abort()
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true })
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clear: () => {
      clearTimeout(timer)
      callerSignal?.removeEventListener('abort', onCallerAbort)
    },
  }
}

/** Turns a received response into an outcome: headers, request id, `Retry-After`, capped body. */
const received = async (
  ctx: Context,
  response: Response,
  url: string,
  path: string,
  spec: RequestSpec,
  secrets: readonly (string | undefined)[],
): Promise<Outcome> => {
  const headers = headersToRecord(response.headers)
  const echoed = REQUEST_ID_HEADERS.map((name) => headers[name]).find((value) => !!value)
  // Hooks see it before any error is built: a server may echo anything there.
  const requestId = echoed && redactIn(echoed, secrets)
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'), () => nowOf(ctx.clock))
  const body = await readCapped(response, ctx.maxResponseBytes)
  if (body === undefined) {
    const error: BridgeError = {
      _tag: 'ResponseTooLargeError',
      status: response.status,
      method: spec.method,
      path,
      maxBytes: ctx.maxResponseBytes,
      message: `The response body is larger than maxResponseBytes (${ctx.maxResponseBytes} bytes): not read`,
    }
    return { kind: 'failure', error, reachedServer: true, permanent: true }
  }
  return {
    kind: 'response',
    raw: { status: response.status, url, headers, body },
    ...(requestId ? { requestId } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  }
}

/** Classifies what `fetch` threw: the caller's abort, our timeout, a permanent or a network failure. */
const failed = (
  cause: unknown,
  spec: RequestSpec,
  path: string,
  aborted: boolean,
  timeoutMs: number | undefined,
): Extract<Outcome, { kind: 'failure' }> => {
  const where = { method: spec.method, path }
  if (aborted) return { kind: 'failure', error: abortError(), reachedServer: true }
  if (timeoutMs !== undefined) {
    const message = `No response within ${timeoutMs} ms`
    return {
      kind: 'failure',
      reachedServer: true,
      error: { _tag: 'TimeoutError', ...where, timeoutMs, message },
    }
  }
  const { detail, code } = rootCause(cause)
  const permanent = PERMANENT_FAILURE.test(detail)
  const summary = permanent ? 'The runtime refused to send the request (not retried)' : 'Network failure'
  return {
    kind: 'failure',
    // A refused connection never reached Bridge; anything else might have.
    reachedServer: code !== 'ECONNREFUSED' && !permanent,
    permanent,
    error: { _tag: 'NetworkError', ...where, message: `${summary}${detail ? `: ${detail}` : ''}` },
  }
}

/** Sends one attempt through the context's ofetch instance, reporting it to the hooks. Never rejects. */
export const attempt = async (
  ctx: Context,
  spec: RequestSpec,
  options: CallOptions,
  attemptNumber: number,
  secrets: readonly (string | undefined)[],
): Promise<Outcome> => {
  const path = spec.path + encodeQuery(spec.query)
  const url = ctx.baseUrl + path
  const headers = requestHeaders(ctx, spec, options)
  const event = {
    operation: spec.operation,
    method: spec.method,
    url,
    attempt: attemptNumber,
    correlationId: spec.correlationId ?? '',
  }
  // Our hooks are called here, not as ofetch interceptors: hook options given to ofetch replace an
  // instance's own (a user's `$fetch` would lose its interceptors), and ours carry redacted headers.
  callHook(ctx.hooks.onRequest, {
    ...event,
    headers: {
      ...headers,
      'client-secret': REDACTED,
      ...(spec.accessToken ? { authorization: `Bearer ${REDACTED}` } : {}),
    },
  })
  const timeoutMs = options.timeoutMs ?? ctx.timeoutMs
  const timer = deadline(timeoutMs, options.signal)
  // Real time, not `ctx.now`: a duration is a measurement, and a user's clock must not throw here.
  const started = Date.now()
  const report = (outcome: Outcome) => {
    const response: ResponseEvent = { ...event, durationMs: Date.now() - started }
    callHook(
      ctx.hooks.onResponse,
      outcome.kind === 'response'
        ? {
            ...response,
            status: outcome.raw.status,
            ...(outcome.requestId ? { requestId: outcome.requestId } : {}),
          }
        : outcome.error._tag === 'ResponseTooLargeError'
          ? { ...response, status: outcome.error.status }
          : { ...response, failure: outcome.error._tag as 'NetworkError' | 'TimeoutError' | 'AbortError' },
    )
    return outcome
  }
  try {
    // The query is encoded by us, not by ofetch's `query` (ufo): errors and hooks must show the
    // exact string sent, and ufo's encoding differs (`null` and '' become a bare key).
    const response = await transportOf(ctx).raw(path, {
      method: spec.method,
      headers,
      // ofetch serializes the JSON body.
      ...(hasBody(spec) ? { body: spec.body as Record<string, unknown> } : {}),
      signal: timer.signal,
    })
    return report(await received(ctx, response, url, path, spec, secrets))
  } catch (cause) {
    // The context's clock failed (reading a `Retry-After` date): the pipeline makes it the call's error.
    if (cause instanceof ClockFailure) throw cause
    const aborted = options.signal?.aborted === true
    return report(failed(cause, spec, path, aborted, timer.timedOut() ? timeoutMs : undefined))
  } finally {
    timer.clear()
  }
}
