import { createFetch } from 'ofetch'
import * as v from 'valibot'
import type { ApiVersion } from './api-version.js'
import { type Context, MAX_TIMER_MS } from './context.js'
import * as E from './either.js'
import {
  type ApiError,
  type BridgeError,
  type BridgeErrorBody,
  type Issue,
  type RedirectError,
  type ResponseTooLargeError,
  type ResponseValidationError,
  toIssues,
} from './errors.js'
import { encodeQuery, type Query } from './query.js'
import { REDACTED, redactDeep, redactIn, secretFieldsOf } from './redacted.js'

/** The HTTP response behind a result, for callers who need headers or the exact body. */
export interface RawResponse {
  readonly status: number
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  /** The body as text, exactly as received. */
  readonly body: string
}

/** Per-call options accepted by every endpoint function. */
export interface CallOptions {
  /** Cancels the call (and its retries). Gives an `AbortError`. */
  readonly signal?: AbortSignal
  /** `Accept-Language` for this call, overriding the context's. */
  readonly language?: string
  /** Per-attempt timeout for this call, overriding the context's. */
  readonly timeoutMs?: number
  /** Receives the raw response of the final attempt. Used by `withResponse`. */
  readonly onRawResponse?: (response: RawResponse) => void
}

/** One HTTP exchange an endpoint asks for. */
export interface RequestSpec {
  readonly operation: string
  readonly api: ApiVersion
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** Path with its values already encoded (see `path`). */
  readonly path: string
  readonly query?: Query
  readonly body?: unknown
  /** Bearer token to send, for user-level endpoints. */
  readonly accessToken?: string
  /** Safe to send again after the server may have acted on it. Default: every method but POST. */
  readonly idempotent?: boolean
}

type Outcome =
  | {
      readonly kind: 'response'
      readonly raw: RawResponse
      readonly requestId?: string
      readonly retryAfter?: number
    }
  | {
      readonly kind: 'failure'
      readonly error: BridgeError
      readonly reachedServer: boolean
      /** The same request would fail the same way: never retried. */
      readonly permanent?: boolean
    }

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504])
/** Statuses that prove the server did not act, so even a POST may be sent again. */
const NOT_ACTED_STATUSES = new Set([408, 429])
const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-bridge-request-id', 'cf-ray']
const MAX_RAW_ERROR_TEXT = 2000

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
const parseRetryAfter = (value: string | null, now: number): number | undefined => {
  const text = value?.trim() ?? ''
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text)
  // An HTTP date has a weekday and a month name; `Date.parse('-5')` would be year -5.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000))
}

/** Normalises Bridge's error body, whichever version's shape it has. */
export const parseErrorBody = (text: string): BridgeErrorBody => {
  try {
    const json: unknown = JSON.parse(text)
    if (json && typeof json === 'object') {
      const record = json as Record<string, unknown>
      if (Array.isArray(record.errors)) {
        const errors = record.errors
          .filter((item): item is Record<string, unknown> => !!item && typeof item === 'object')
          .map((item) => ({
            code: typeof item.code === 'string' ? item.code : 'unknown',
            ...(typeof item.message === 'string' ? { message: item.message } : {}),
            ...(typeof item.property === 'string' ? { property: item.property } : {}),
          }))
        return { format: '2025-01-15', errors }
      }
      if (typeof record.type === 'string') {
        return {
          format: '2021-06-01',
          type: record.type,
          ...(typeof record.message === 'string' ? { message: record.message } : {}),
          ...(typeof record.documentation_url === 'string' || record.documentation_url === null
            ? { documentation_url: record.documentation_url as string | null }
            : {}),
        }
      }
    }
  } catch {
    // not JSON: kept as text below
  }
  return { format: 'raw', text: text.slice(0, MAX_RAW_ERROR_TEXT) }
}

const toApiError = (
  outcome: Extract<Outcome, { kind: 'response' }>,
  method: string,
  path: string,
): ApiError => {
  const body = parseErrorBody(outcome.raw.body)
  const first = body.format === '2025-01-15' ? body.errors[0] : undefined
  const code =
    body.format === '2025-01-15' ? first?.code : body.format === '2021-06-01' ? body.type : undefined
  const detail =
    body.format === '2025-01-15' ? first?.message : body.format === '2021-06-01' ? body.message : undefined
  return {
    _tag: 'ApiError',
    status: outcome.raw.status,
    method,
    path,
    message: detail ?? code ?? `Bridge answered HTTP ${outcome.raw.status}`,
    ...(code ? { code } : {}),
    ...(outcome.requestId ? { requestId: outcome.requestId } : {}),
    ...(outcome.retryAfter !== undefined ? { retryAfter: outcome.retryAfter } : {}),
    body,
  }
}

const redirectError = (raw: RawResponse, method: string, path: string): RedirectError => {
  const location = raw.headers.location
  return {
    _tag: 'RedirectError',
    status: raw.status,
    method,
    path,
    ...(location ? { location } : {}),
    message: `Bridge answered with a redirect${location ? ` to ${location}` : ''}; redirects are not followed, nothing was sent there`,
  }
}

// Lives in errors.ts so that bridgeapi/webhooks can use it without loading the HTTP engine (ofetch).
export { toIssues }

const validationError = (
  status: number,
  method: string,
  path: string,
  issues: Issue[],
  body: unknown,
): ResponseValidationError => ({
  _tag: 'ResponseValidationError',
  status,
  method,
  path,
  message: `Unexpected response from Bridge: ${issues
    .slice(0, 3)
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join('; ')}`,
  issues,
  body,
})

/**
 * Failures of `fetch` before any connection that the same request would meet again (undici's
 * `bad port` and invalid header values, browsers' invalid values): not network failures.
 */
const PERMANENT_FAILURE =
  /bad port|invalid header|header value|ByteString|ISO-8859-1|invalid value|invalid url/i

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

const sleep = (ms: number, signal: AbortSignal | undefined): Promise<boolean> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve(false)
    const onAbort = () => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort)
        resolve(true)
      },
      Math.min(ms, MAX_TIMER_MS),
    )
    signal?.addEventListener('abort', onAbort, { once: true })
  })

const callHook = <T>(hook: ((event: T) => void) | undefined, event: T): void => {
  try {
    hook?.(event)
  } catch {
    // a failing hook must not break the call
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

const abortError = (): BridgeError => ({ _tag: 'AbortError', message: 'The call was aborted by the caller' })

/** Sends one attempt. Never rejects. */
const attempt = async (
  ctx: Context,
  spec: RequestSpec,
  options: CallOptions,
  attemptNumber: number,
): Promise<Outcome> => {
  const pathWithQuery = spec.path + encodeQuery(spec.query)
  const url = ctx.baseUrl + pathWithQuery
  const language = options.language ?? ctx.language
  const hasBody = spec.body !== undefined && spec.method !== 'GET'
  const headers: Record<string, string> = {
    accept: 'application/json',
    'bridge-version': spec.api.bridgeVersion,
    'client-id': ctx.clientId,
    'client-secret': ctx.clientSecret.reveal(),
    ...(spec.accessToken ? { authorization: `Bearer ${spec.accessToken}` } : {}),
    ...(language ? { 'accept-language': language } : {}),
    ...(hasBody ? { 'content-type': 'application/json' } : {}),
  }
  callHook(ctx.hooks.onRequest, {
    operation: spec.operation,
    method: spec.method,
    url,
    attempt: attemptNumber,
    headers: {
      ...headers,
      'client-secret': REDACTED,
      ...(spec.accessToken ? { authorization: `Bearer ${REDACTED}` } : {}),
    },
  })

  const timeoutMs = options.timeoutMs ?? ctx.timeoutMs
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  const onCallerAbort = () => controller.abort()
  options.signal?.addEventListener('abort', onCallerAbort, { once: true })
  const started = Date.now()
  const fetchImpl =
    ctx.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init))
  const $fetch = createFetch({ fetch: fetchImpl as typeof globalThis.fetch })
  const report = (
    status?: number,
    requestId?: string,
    failure?: 'NetworkError' | 'TimeoutError' | 'AbortError',
  ) =>
    callHook(ctx.hooks.onResponse, {
      operation: spec.operation,
      method: spec.method,
      url,
      attempt: attemptNumber,
      durationMs: Date.now() - started,
      ...(status !== undefined ? { status } : {}),
      ...(requestId ? { requestId } : {}),
      ...(failure ? { failure } : {}),
    })
  try {
    const response = await $fetch.raw(url, {
      method: spec.method,
      headers,
      ...(hasBody ? { body: JSON.stringify(spec.body) } : {}),
      responseType: 'stream',
      retry: false,
      ignoreResponseError: true,
      // Never follow: a redirect would carry the credentials (and a POST body) to another host.
      redirect: 'manual',
      signal: controller.signal,
    })
    const responseHeaders = headersToRecord(response.headers)
    const echoed = REQUEST_ID_HEADERS.map((name) => responseHeaders[name]).find((value) => !!value)
    // Hooks see it before any error is built: a server may echo anything there.
    const requestId = echoed && redactIn(echoed, knownSecrets(ctx, spec))
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now())
    const body = await readCapped(response, ctx.maxResponseBytes)
    report(response.status, requestId)
    if (body === undefined) {
      const error: ResponseTooLargeError = {
        _tag: 'ResponseTooLargeError',
        status: response.status,
        method: spec.method,
        path: pathWithQuery,
        maxBytes: ctx.maxResponseBytes,
        message: `The response body is larger than maxResponseBytes (${ctx.maxResponseBytes} bytes): not read`,
      }
      return { kind: 'failure', error, reachedServer: true, permanent: true }
    }
    return {
      kind: 'response',
      raw: { status: response.status, url, headers: responseHeaders, body },
      ...(requestId ? { requestId } : {}),
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    }
  } catch (cause) {
    const info = { method: spec.method, path: pathWithQuery }
    if (options.signal?.aborted) {
      report(undefined, undefined, 'AbortError')
      return { kind: 'failure', error: abortError(), reachedServer: true }
    }
    if (timedOut) {
      report(undefined, undefined, 'TimeoutError')
      return {
        kind: 'failure',
        reachedServer: true,
        error: { _tag: 'TimeoutError', ...info, timeoutMs, message: `No response within ${timeoutMs} ms` },
      }
    }
    report(undefined, undefined, 'NetworkError')
    const { detail, code } = rootCause(cause)
    const permanent = PERMANENT_FAILURE.test(detail)
    return {
      kind: 'failure',
      // A refused connection never reached Bridge; anything else might have.
      reachedServer: code !== 'ECONNREFUSED' && !permanent,
      permanent,
      error: {
        _tag: 'NetworkError',
        ...info,
        message: `${permanent ? 'The runtime refused to send the request (not retried)' : 'Network failure'}${detail ? `: ${detail}` : ''}`,
      },
    }
  } finally {
    clearTimeout(timer)
    options.signal?.removeEventListener('abort', onCallerAbort)
  }
}

/** How long to wait before retry number `retry` (0-based), or `undefined` for "do not retry". */
const retryDelay = (
  ctx: Context,
  outcome: Outcome,
  idempotent: boolean,
  retry: number,
): number | undefined => {
  if (retry >= ctx.retry.retries) return undefined
  if (outcome.kind === 'failure') {
    if (outcome.error._tag === 'AbortError' || outcome.permanent) return undefined
    if (!idempotent && outcome.reachedServer) return undefined
  } else {
    const status = outcome.raw.status
    if (!RETRYABLE_STATUSES.has(status)) return undefined
    if (!idempotent && !NOT_ACTED_STATUSES.has(status)) return undefined
    if (outcome.retryAfter !== undefined) {
      const wait = outcome.retryAfter * 1000
      return wait > ctx.retry.maxRetryAfterMs ? undefined : wait
    }
  }
  const ceiling = Math.min(ctx.retry.maxDelayMs, ctx.retry.baseDelayMs * 2 ** retry)
  return Math.random() * ceiling
}

/**
 * Sends a request with the context's retry policy and returns the final outcome:
 * the last response (any status), or a network-level error.
 */
const send = async (ctx: Context, spec: RequestSpec, options: CallOptions): Promise<Outcome> => {
  const idempotent = spec.idempotent ?? spec.method !== 'POST'
  for (let retry = 0; ; retry++) {
    if (options.signal?.aborted) return { kind: 'failure', error: abortError(), reachedServer: false }
    const outcome = await attempt(ctx, spec, options, retry + 1)
    const delay = retryDelay(ctx, outcome, idempotent, retry)
    if (delay === undefined) return outcome
    if (!(await sleep(delay, options.signal)))
      return { kind: 'failure', error: abortError(), reachedServer: false }
  }
}

/**
 * The secrets a request carries (client secret, password, token, credential fields of its body):
 * nothing the SDK returns may show them, whatever the server or the runtime echoes.
 */
const knownSecrets = (ctx: Context, spec: RequestSpec): (string | undefined)[] => [
  ctx.clientSecret.reveal(),
  spec.accessToken,
  ctx.user?.kind === 'email' ? ctx.user.password.reveal() : undefined,
  ...secretFieldsOf(spec.body),
]

/** The secrets of the request behind each successful response, for the errors `decodeBody` builds. */
const secretsOf = new WeakMap<RawResponse, readonly (string | undefined)[]>()

/** The result of a request before the body is validated: the response, or an error. */
export type Sent = E.Either<BridgeError, RawResponse>

/**
 * The one request primitive: headers, retries, timeout, abort, hooks, and mapping of HTTP error
 * statuses to `ApiError`. Never rejects.
 */
export const sendRequest = async (
  ctx: Context,
  spec: RequestSpec,
  options: CallOptions = {},
): Promise<Sent> => {
  if (ctx.invalid) return E.left(ctx.invalid)
  const { timeoutMs } = options
  if (timeoutMs !== undefined && !(timeoutMs >= 0 && timeoutMs <= MAX_TIMER_MS)) {
    const issue = { path: 'timeoutMs', message: `timeoutMs must be a number from 0 to ${MAX_TIMER_MS}` }
    return E.left({
      _tag: 'InputValidationError',
      operation: spec.operation,
      message: `Invalid call options for ${spec.operation}: ${issue.message}`,
      issues: [issue],
    })
  }
  const secrets = knownSecrets(ctx, spec)
  const outcome = await send(ctx, spec, options)
  if (outcome.kind === 'failure') return E.left(redactDeep(outcome.error, secrets))
  // A token response's own token is a credential field, redacted there too.
  if (options.onRawResponse) options.onRawResponse(redactDeep(outcome.raw, secrets))
  const { status } = outcome.raw
  const where = spec.path + encodeQuery(spec.query)
  // Status 0: a browser's opaque answer to `redirect: 'manual'`.
  if (status === 0 || (status >= 300 && status < 400)) {
    return E.left(redactDeep(redirectError(outcome.raw, spec.method, where), secrets))
  }
  if (status >= 400 || status < 200)
    return E.left(redactDeep(toApiError(outcome, spec.method, where), secrets))
  secretsOf.set(outcome.raw, secrets)
  return E.right(outcome.raw)
}

/**
 * Parses and validates a 2xx body with a schema. A `null` schema means "no body expected":
 * whatever came back is ignored and the result is `undefined`.
 */
export const decodeBody = <S extends v.GenericSchema | null>(
  raw: RawResponse,
  schema: S,
  method: string,
  path: string,
): E.Either<ResponseValidationError, S extends v.GenericSchema ? v.InferOutput<S> : undefined> => {
  type Out = S extends v.GenericSchema ? v.InferOutput<S> : undefined
  if (schema === null) return E.right(undefined as Out)
  const secrets = secretsOf.get(raw) ?? []
  let json: unknown
  try {
    json = JSON.parse(raw.body)
  } catch {
    const issues = [{ path: '', message: 'the body is not valid JSON' }]
    const text = raw.body.slice(0, MAX_RAW_ERROR_TEXT)
    return E.left(redactDeep(validationError(raw.status, method, path, issues, text), secrets))
  }
  const result = v.safeParse(schema, json)
  if (result.success) return E.right(result.output as Out)
  const error = validationError(raw.status, method, path, toIssues(result.issues), json)
  // A bare JSON string where an object was due may be the credential itself (a token endpoint).
  return E.left(redactDeep(error, typeof json === 'string' ? [...secrets, json] : secrets))
}
