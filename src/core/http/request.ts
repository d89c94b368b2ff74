/** The send step of the pipeline: retries, typed HTTP errors, and decoding of bodies. */
import * as v from 'valibot'
import { clockGuard, MAX_TIMER_MS, waitOn } from '../clock.js'
import { type Context, LANGUAGE_TAG, userIdentity } from '../context.js'
import * as E from '../either.js'
import {
  type ApiError,
  abortError,
  type BridgeError,
  type BridgeErrorBody,
  type InputValidationError,
  type Issue,
  inputError,
  type RedirectError,
  type ResponseValidationError,
  toIssues,
} from '../errors.js'
import { redactDeep, secretFieldsOf } from '../redacted.js'
import { unknownKeys } from '../unknown-keys.js'
import { extraIssue } from './extra.js'
import { encodeQuery } from './query.js'
import { attempt } from './transport.js'
import type { CallOptions, Outcome, RawResponse, RequestSpec } from './types.js'

export type { CallOptions, RawResponse, RequestSpec } from './types.js'

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504])
/** Statuses that prove the server did not act, so even a POST may be sent again. */
const NOT_ACTED_STATUSES = new Set([408, 429])
const MAX_RAW_ERROR_TEXT = 2000

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
 * Sends a request with the context's retry policy and returns the final outcome: the last response
 * (any status), or a network-level error. Our loop, not ofetch's `retry`: ofetch waits with a plain
 * `setTimeout` (no abort, no injected clock), retries an abort when `timeout` is set, and cannot tell
 * a refused connection (a POST may be resent) from a reset one (it may not).
 */
const send = async (
  ctx: Context,
  spec: RequestSpec,
  options: CallOptions,
  secrets: readonly (string | undefined)[],
): Promise<Outcome> => {
  const idempotent = spec.idempotent ?? spec.method !== 'POST'
  const limiter = ctx.rateLimiter
  // Who the request counts for: the application, and its user for user and token requests.
  const limited = {
    clientId: ctx.clientId,
    ...(ctx.user && (spec.accessToken !== undefined || spec.rateScope === 'token')
      ? { user: userIdentity(ctx.user) }
      : {}),
    ...(spec.rateScope === 'token' ? { token: true } : {}),
  }
  const limits = {
    timeoutMs: options.timeoutMs ?? ctx.timeoutMs,
    clock: ctx.clock,
    ...(options.signal ? { signal: options.signal } : {}),
  }
  for (let retry = 0; ; retry++) {
    if (options.signal?.aborted) return { kind: 'failure', error: abortError(), reachedServer: false }
    // Every attempt reaches Bridge, so each one waits for the rate limiter (when there is one).
    const run = () => attempt(ctx, spec, options, retry + 1, secrets)
    const outcome = limiter ? await limiter.throttle(limited, limits, run) : E.right(await run())
    if (E.isLeft(outcome)) return { kind: 'failure', error: outcome.left, reachedServer: false }
    const delay = retryDelay(ctx, outcome.right, idempotent, retry)
    if (delay === undefined) return outcome.right
    // A failing clock `sleep` ends the retries with the last outcome: nothing may throw.
    const waited = await waitOn(ctx.clock, delay, options.signal)
    if (waited === undefined) return outcome.right
    if (!waited) return { kind: 'failure', error: abortError(), reachedServer: false }
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

/** A successful response with the secrets of the request behind it, which whatever is built from it must not show. */
export interface Received {
  readonly raw: RawResponse
  readonly secrets: readonly (string | undefined)[]
}

/**
 * Anything built from a successful response (an error quoting its body), redacted of the secrets of
 * the request behind that response, whatever the server echoed.
 */
export const redactedFor = <T>(received: Received, value: T): T => redactDeep(value, received.secrets)

/** A successful response as the SDK may hand it out (a list page's `response`), redacted (see {@link redactedFor}). */
export const redactedResponse = (received: Received): RawResponse => redactedFor(received, received.raw)

/** The result of a request before the body is validated: the response, or an error. */
export type Sent = E.Either<BridgeError, Received>

const isSignal = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as AbortSignal).aborted === 'boolean' &&
  typeof (value as AbortSignal).addEventListener === 'function'

/** The keys of {@link CallOptions}: any other is refused by name. */
export const CALL_OPTION_KEYS = ['signal', 'language', 'timeoutMs', 'onRawResponse', 'extra'] as const

/** What is wrong with per-call options (they bypass the context's checks), if anything. */
const callOptionIssue = ({
  timeoutMs,
  language,
  signal,
  onRawResponse,
  extra,
}: CallOptions): Issue | undefined => {
  if (timeoutMs !== undefined && !(timeoutMs >= 0 && timeoutMs <= MAX_TIMER_MS))
    return { path: 'timeoutMs', message: `timeoutMs must be a number from 0 to ${MAX_TIMER_MS}` }
  // Sent as a header: a CR/LF or control character would be refused by the runtime, or worse.
  if (language !== undefined && !(typeof language === 'string' && LANGUAGE_TAG.test(language)))
    return { path: 'language', message: 'language must be a language tag such as fr or en-GB' }
  if (signal !== undefined && !isSignal(signal))
    return { path: 'signal', message: 'signal must be an AbortSignal' }
  if (onRawResponse !== undefined && typeof onRawResponse !== 'function')
    return { path: 'onRawResponse', message: 'onRawResponse must be a function' }
  return extra === undefined ? undefined : extraIssue(extra)
}

/**
 * The `InputValidationError` for unfit per-call options, or `undefined`. Checked before anything is
 * sent, token requests included: a call with bad options must not reach Bridge at all. With `known`,
 * the option keys the call accepts, any other key is refused by name.
 */
export const callOptionsError = (
  operation: string,
  options: CallOptions,
  known?: readonly string[],
): InputValidationError | undefined => {
  const issue = (known && unknownKeys(options, known)[0]) || callOptionIssue(options)
  return issue
    ? inputError(operation, `Invalid call options for ${operation}: ${issue.message}`, [issue])
    : undefined
}

/** A new call's id, for the hooks to tie its attempts and token requests together. */
export const newCorrelationId = (): string => globalThis.crypto.randomUUID()

/**
 * The send step of the pipeline (see `exchange` in pipeline.ts), for input already checked: headers,
 * retries, timeout, abort, hooks, and mapping of HTTP error statuses to typed errors. The response
 * carries its request's secrets for what is built from it. Never rejects.
 */
export const sendRequest = async (
  ctx: Context,
  spec: RequestSpec,
  options: CallOptions = {},
): Promise<Sent> => {
  const secrets = knownSecrets(ctx, spec)
  const request = spec.correlationId ? spec : { ...spec, correlationId: newCorrelationId() }
  const sent = await clockGuard(spec.operation, async () =>
    E.right(await send(ctx, request, options, secrets)),
  )
  if (E.isLeft(sent)) return sent
  const outcome = sent.right
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
  return E.right({ raw: outcome.raw, secrets })
}

/**
 * Parses and validates a 2xx body with a schema. A `null` schema means "no body expected":
 * whatever came back is ignored and the result is `undefined`.
 */
export const decodeBody = <S extends v.GenericSchema | null>(
  { raw, secrets }: Received,
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
