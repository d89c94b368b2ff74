import { createFetch } from 'ofetch'
import * as v from 'valibot'
import type { ApiVersion } from './api-version.js'
import type { Context } from './context.js'
import * as E from './either.js'
import {
  type ApiError,
  type BridgeError,
  type BridgeErrorBody,
  type Issue,
  type ResponseValidationError,
  toIssues,
} from './errors.js'
import { encodeQuery, type Query } from './query.js'
import { throttled } from './rate-limiter.js'
import { REDACTED, redactIn } from './redacted.js'

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
  /** `token` for a token request, which Bridge limits apart (see `createRateLimiter`). */
  readonly rateScope?: 'token'
}

type Outcome =
  | {
      readonly kind: 'response'
      readonly raw: RawResponse
      readonly requestId?: string
      readonly retryAfter?: number
    }
  | { readonly kind: 'failure'; readonly error: BridgeError; readonly reachedServer: boolean }

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

/** Parses `Retry-After` (seconds or HTTP date) into seconds. */
const parseRetryAfter = (value: string | null, now: number): number | undefined => {
  if (value === null || value.trim() === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds
  const date = Date.parse(value)
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

const sleep = (ms: number, signal: AbortSignal | undefined): Promise<boolean> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve(false)
    const onAbort = () => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
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
    const response = await $fetch.raw<string, 'text'>(url, {
      method: spec.method,
      headers,
      ...(hasBody ? { body: JSON.stringify(spec.body) } : {}),
      responseType: 'text',
      retry: false,
      ignoreResponseError: true,
      signal: controller.signal,
    })
    const responseHeaders = headersToRecord(response.headers)
    const requestId = REQUEST_ID_HEADERS.map((name) => responseHeaders[name]).find((value) => !!value)
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now())
    report(response.status, requestId)
    return {
      kind: 'response',
      raw: { status: response.status, url, headers: responseHeaders, body: response._data ?? '' },
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
    // The runtime's message may quote what it was given (undici: `"…" is an invalid header value`).
    const secrets = [
      ctx.clientSecret.reveal(),
      spec.accessToken,
      ctx.user?.kind === 'email' ? ctx.user.password.reveal() : undefined,
    ]
    return {
      kind: 'failure',
      // A refused connection never reached Bridge; anything else might have.
      reachedServer: code !== 'ECONNREFUSED',
      error: {
        _tag: 'NetworkError',
        ...info,
        message: `Network failure${detail ? `: ${redactIn(detail, secrets)}` : ''}`,
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
    if (outcome.error._tag === 'AbortError') return undefined
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
    // Every attempt reaches Bridge, so each one waits for the rate limiter (when there is one).
    const limited = await throttled(ctx, spec, options, () => attempt(ctx, spec, options, retry + 1))
    if (E.isLeft(limited)) return { kind: 'failure', error: limited.left, reachedServer: false }
    const outcome = limited.right
    const delay = retryDelay(ctx, outcome, idempotent, retry)
    if (delay === undefined) return outcome
    if (!(await sleep(delay, options.signal)))
      return { kind: 'failure', error: abortError(), reachedServer: false }
  }
}

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
  const outcome = await send(ctx, spec, options)
  if (outcome.kind === 'failure') return E.left(outcome.error)
  options.onRawResponse?.(outcome.raw)
  if (outcome.raw.status >= 400 || outcome.raw.status < 200) {
    return E.left(toApiError(outcome, spec.method, spec.path + encodeQuery(spec.query)))
  }
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
  let json: unknown
  try {
    json = JSON.parse(raw.body)
  } catch {
    return E.left(
      validationError(
        raw.status,
        method,
        path,
        [{ path: '', message: 'the body is not valid JSON' }],
        raw.body
          .slice(0, MAX_RAW_ERROR_TEXT)
          .replace(/("(?:access_token|password)"\s*:\s*")[^"]*/gi, `$1${REDACTED}`),
      ),
    )
  }
  const result = v.safeParse(schema, json)
  return result.success
    ? E.right(result.output as Out)
    : E.left(validationError(raw.status, method, path, toIssues(result.issues), hideSecrets(json)))
}

const SECRET_FIELD = /^(access_token|password|current_password|new_password|client_secret)$/i

/** A copy of a JSON value with secret fields (e.g. a token response's `access_token`) redacted. */
const hideSecrets = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(hideSecrets)
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SECRET_FIELD.test(key) ? REDACTED : hideSecrets(item)]),
  )
}
