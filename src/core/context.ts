import type { $Fetch } from 'ofetch'
import type { InputValidationError, Issue } from './errors.js'
import type { RateLimiter } from './rate-limiter.js'
import { Redacted, redact } from './redacted.js'
import { memoryTokenStore, type TokenStore } from './token-store.js'

/** A 2025-01-15 user, by Bridge uuid. */
export interface UuidUser {
  readonly uuid: string
}
/** A 2025-01-15 (or 2021-06-01 external-id) user, by your own id. */
export interface ExternalUser {
  readonly externalUserId: string
}
/** A legacy 2021-06-01 user, by e-mail and password. */
export interface EmailPasswordUser {
  readonly email: string
  readonly password: string | Redacted
}

/** Whose data user-level endpoints read. */
export type UserCredentials = UuidUser | ExternalUser | EmailPasswordUser

/** How failed requests are retried. `retry: 0` (or `{ retries: 0 }`) turns retrying off. */
export interface RetryPolicy {
  /** Extra attempts after the first one. Default 2. */
  readonly retries: number
  /** First backoff delay in ms, doubled each attempt, with full jitter. Default 300. */
  readonly baseDelayMs: number
  /** Ceiling for one backoff delay in ms. Default 10 000. */
  readonly maxDelayMs: number
  /** A `Retry-After` longer than this (ms) is not waited for: the 429/503 is returned. Default 60 000. */
  readonly maxRetryAfterMs: number
}

/** What an `onRequest` hook sees. Secret headers are replaced by `[redacted]`. */
export interface RequestEvent {
  readonly operation: string
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number
}

/** What an `onResponse` hook sees; `status` is absent when the request failed at the network level. */
export interface ResponseEvent {
  readonly operation: string
  readonly method: string
  readonly url: string
  readonly attempt: number
  readonly status?: number
  readonly durationMs: number
  readonly requestId?: string
  /** Tag of the network-level failure, when there was no response. */
  readonly failure?: 'NetworkError' | 'TimeoutError' | 'AbortError'
}

/** Observability hooks. They must not throw; if they do, the error is ignored. */
export interface Hooks {
  readonly onRequest?: (event: RequestEvent) => void
  readonly onResponse?: (event: ResponseEvent) => void
}

/** What {@link createContext} accepts. */
export interface ContextOptions {
  /** Application client id (Bridge dashboard). */
  readonly clientId: string
  /** Application client secret. Kept inside a {@link Redacted}. */
  readonly clientSecret: string | Redacted
  /** The user that user-level endpoints act for. */
  readonly user?: UserCredentials
  /** Where user tokens are kept. Default: a new {@link memoryTokenStore}. */
  readonly tokenStore?: TokenStore
  /** Default `https://api.bridgeapi.io`. Must be https, except on loopback (the sandbox). */
  readonly baseUrl?: string
  /** Per-attempt timeout in ms (at most 2^31−1). Default 30 000. */
  readonly timeoutMs?: number
  /** Largest response body read, in bytes; a bigger one is refused (`ResponseTooLargeError`) unread. Default 32 MiB. */
  readonly maxResponseBytes?: number
  /** Retry policy, or a number of retries. Default `{ retries: 2, … }`. */
  readonly retry?: number | Partial<RetryPolicy>
  /** Renew user tokens automatically (default true). `false` is manual mode: no token, no call. */
  readonly autoRenew?: boolean
  /** Renew a token this many ms before its `expires_at`. Default 60 000. */
  readonly renewBeforeMs?: number
  /** Default `Accept-Language` (e.g. `fr`, `en`). */
  readonly language?: string
  readonly hooks?: Hooks
  /** A `fetch` to use instead of the global one (tests, proxies, instrumentation). */
  readonly fetch?: typeof globalThis.fetch
  /**
   * An ofetch instance to send with, e.g. Nuxt/Nitro's `$fetch`: its interceptors run on every
   * request. The SDK still sets the base URL, never follows redirects, and does its own retries.
   */
  readonly $fetch?: $Fetch
  /** Clock in ms since the epoch, for token expiry and `Retry-After` dates. Default `Date.now`. */
  readonly now?: () => number
  /**
   * Waits `ms` before a retry; resolves `false` if `signal` aborts first. For tests, to retry without
   * real waits (with `now`, it is the engine's clock). Default: a timer.
   */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<boolean>
  /** Opt-in: schedules requests within Bridge's rate limits (see `createRateLimiter`). Default: none. */
  readonly rateLimiter?: RateLimiter
}

/** Normalised user credentials, with the password hidden. */
export type ContextUser =
  | { readonly kind: 'uuid'; readonly uuid: string }
  | { readonly kind: 'external'; readonly externalUserId: string }
  | { readonly kind: 'email'; readonly email: string; readonly password: Redacted }

/**
 * Everything an endpoint function needs: credentials, transport settings, hooks. Plain data,
 * built by {@link createContext} without any I/O. Safe to log: secrets are {@link Redacted}.
 */
export interface Context {
  readonly clientId: string
  readonly clientSecret: Redacted
  readonly user?: ContextUser
  readonly tokenStore: TokenStore
  readonly baseUrl: string
  readonly timeoutMs: number
  readonly maxResponseBytes: number
  readonly retry: RetryPolicy
  readonly autoRenew: boolean
  readonly renewBeforeMs: number
  readonly language?: string
  readonly hooks: Hooks
  readonly fetch?: typeof globalThis.fetch
  readonly $fetch?: $Fetch
  readonly now: () => number
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<boolean>
  readonly rateLimiter?: RateLimiter
  /** Set when the options were invalid: every call then returns this error and sends nothing. */
  readonly invalid?: InputValidationError
}

/** The default retry policy. */
export const DEFAULT_RETRY: RetryPolicy = {
  retries: 2,
  baseDelayMs: 300,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

const isLoopback = (hostname: string): boolean =>
  LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname)

const checkBaseUrl = (baseUrl: string, issues: Issue[]): string => {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    issues.push({ path: 'baseUrl', message: 'baseUrl is not a valid URL' })
    return baseUrl
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    issues.push({
      path: 'baseUrl',
      message: 'baseUrl must use https (plain http is only allowed on loopback)',
    })
  }
  if (url.username || url.password || url.search || url.hash) {
    issues.push({ path: 'baseUrl', message: 'baseUrl must not carry credentials, a query or a fragment' })
  }
  return url.origin + url.pathname.replace(/\/+$/, '')
}

/** Longest id, e-mail or client id accepted: they go into headers, bodies and token-store keys. */
const MAX_ID_LENGTH = 256
/** Control characters (CR, LF, NUL…) would corrupt a header or a store key. */
const CONTROL_CHARACTERS = /\p{Cc}/u
/** What a header value can carry here: printable ASCII and tabs (runtimes refuse CR, LF, NUL, emoji). */
export const HEADER_SAFE = /^[\t\x20-\x7e]*$/
/** A language tag as `Accept-Language` takes it, e.g. `fr`, `en-GB`, `zh-Hant-TW` (BCP 47 shape). */
export const LANGUAGE_TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8}){0,7}$/
const EMAIL = /^[^\s@]+@[^\s@]+$/

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

/** Records that the option at `path` is unfit; the message starts with the path. */
const fail = (issues: Issue[], path: string, problem: string): false => {
  issues.push({ path, message: `${path} ${problem}` })
  return false
}

/** Checks an identifier that ends up in a header, a body or a store key. */
const checkId = (
  value: unknown,
  path: string,
  issues: Issue[],
  shape?: RegExp,
  shapeProblem = '',
): value is string =>
  typeof value !== 'string' || value.trim() === ''
    ? fail(issues, path, 'must be a non-empty string')
    : value.length > MAX_ID_LENGTH
      ? fail(issues, path, `must be at most ${MAX_ID_LENGTH} characters`)
      : CONTROL_CHARACTERS.test(value)
        ? fail(issues, path, 'must not contain control characters (CR, LF…)')
        : !shape || shape.test(value) || fail(issues, path, shapeProblem)

const normaliseUser = (user: unknown, issues: Issue[]): ContextUser | undefined => {
  if (!isObject(user)) return undefined
  if ('uuid' in user)
    return checkId(user.uuid, 'user.uuid', issues) ? { kind: 'uuid', uuid: user.uuid } : undefined
  if ('externalUserId' in user) {
    return checkId(user.externalUserId, 'user.externalUserId', issues)
      ? { kind: 'external', externalUserId: user.externalUserId }
      : undefined
  }
  if (!('email' in user)) return undefined
  const password = user.password instanceof Redacted ? user.password.reveal() : user.password
  const email = checkId(user.email, 'user.email', issues, EMAIL, 'must be an e-mail address')
  if (typeof password !== 'string' || password === '')
    return void fail(issues, 'user.password', 'must be a non-empty string')
  return email ? { kind: 'email', email: user.email as string, password: redact(password) } : undefined
}

/** Options the engine calls or reads as objects: refused when given with the wrong type. */
const checkTypes = (options: Record<string, unknown>, issues: Issue[]): void => {
  const hooks = options.hooks
  if (hooks !== undefined && !isObject(hooks)) fail(issues, 'hooks', 'must be an object')
  const functions = {
    fetch: options.fetch,
    now: options.now,
    'hooks.onRequest': isObject(hooks) ? hooks.onRequest : undefined,
    'hooks.onResponse': isObject(hooks) ? hooks.onResponse : undefined,
  }
  for (const [path, value] of Object.entries(functions))
    if (value !== undefined && typeof value !== 'function') fail(issues, path, 'must be a function')
  const store = options.tokenStore
  if (
    store !== undefined &&
    !(isObject(store) && ['get', 'set', 'delete'].every((m) => typeof store[m] === 'function'))
  )
    fail(issues, 'tokenStore', 'must have get, set and delete methods')
  if (options.autoRenew !== undefined && typeof options.autoRenew !== 'boolean')
    fail(issues, 'autoRenew', 'must be a boolean')
  if (
    options.language !== undefined &&
    !(typeof options.language === 'string' && LANGUAGE_TAG.test(options.language))
  )
    fail(issues, 'language', 'must be a language tag such as fr or en-GB')
}

/** The longest delay timers take: a longer one fires after 1 ms in browsers, Node, Deno and Workers. */
export const MAX_TIMER_MS = 2 ** 31 - 1

const positive = (
  value: number | undefined,
  fallback: number,
  path: string,
  issues: Issue[],
  max = MAX_TIMER_MS,
): number => {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !(value >= 0 && value <= max))
    issues.push({ path, message: `${path} must be a number from 0 to ${max}` })
  return value
}

const normaliseRetry = (retry: ContextOptions['retry'], issues: Issue[]): RetryPolicy => {
  const partial = typeof retry === 'number' ? { retries: retry } : (retry ?? {})
  const policy = { ...DEFAULT_RETRY, ...partial }
  if (!Number.isInteger(policy.retries) || policy.retries < 0) {
    issues.push({ path: 'retry.retries', message: 'retry.retries must be an integer ≥ 0' })
  }
  positive(policy.baseDelayMs, 0, 'retry.baseDelayMs', issues)
  positive(policy.maxDelayMs, 0, 'retry.maxDelayMs', issues)
  positive(policy.maxRetryAfterMs, 0, 'retry.maxRetryAfterMs', issues)
  return policy
}

/**
 * Builds the {@link Context} every endpoint function takes. Does no I/O. Invalid options do not
 * throw: the returned context carries an `InputValidationError` in `invalid`, and every call made
 * with it returns that error without sending anything.
 *
 * @param options - credentials, user, token store and transport settings.
 * @returns the context.
 * @example
 * ```ts
 * import { createContext } from 'bridgeapi'
 * const ctx = createContext({
 *   clientId: process.env.BRIDGE_CLIENT_ID!,
 *   clientSecret: process.env.BRIDGE_CLIENT_SECRET!,
 *   user: { externalUserId: 'customer-42' },
 * })
 * if (ctx.invalid) console.error(ctx.invalid.message)
 * ```
 */
export const createContext = (options: ContextOptions): Context => {
  const issues: Issue[] = []
  // JavaScript callers may pass nothing, `null` or a number: that is an invalid context, not a TypeError.
  if (!isObject(options))
    issues.push({
      path: '',
      message: 'createContext takes an options object ({ clientId, clientSecret, … })',
    })
  const given: Partial<ContextOptions> = isObject(options) ? options : {}
  checkId(given.clientId, 'clientId', issues, HEADER_SAFE, 'must be printable ASCII (it is sent in a header)')
  const secret = given.clientSecret instanceof Redacted ? given.clientSecret.reveal() : given.clientSecret
  if (typeof secret !== 'string' || secret.trim() === '')
    fail(issues, 'clientSecret', 'must be a non-empty string')
  else if (!HEADER_SAFE.test(secret))
    fail(issues, 'clientSecret', 'must be printable ASCII (it is sent in a header)')
  checkTypes(given, issues)
  const baseUrl = checkBaseUrl(given.baseUrl ?? 'https://api.bridgeapi.io', issues)
  const user = given.user === undefined ? undefined : normaliseUser(given.user, issues)
  if (given.user !== undefined && !user && !issues.some((issue) => issue.path.startsWith('user')))
    fail(issues, 'user', 'must have a uuid, an externalUserId, or an email and a password')
  const timeoutMs = positive(given.timeoutMs, 30_000, 'timeoutMs', issues)
  const maxResponseBytes = positive(
    given.maxResponseBytes,
    32 * 1024 * 1024,
    'maxResponseBytes',
    issues,
    Number.MAX_SAFE_INTEGER,
  )
  const renewBeforeMs = positive(
    given.renewBeforeMs,
    60_000,
    'renewBeforeMs',
    issues,
    Number.MAX_SAFE_INTEGER,
  )
  const retry = normaliseRetry(given.retry, issues)
  const custom = given.$fetch as Partial<$Fetch> | undefined
  if (custom !== undefined && !(typeof custom?.raw === 'function' && typeof custom.create === 'function')) {
    issues.push({ path: '$fetch', message: '$fetch must be an ofetch instance (with raw and create)' })
  }
  if (given.sleep !== undefined && typeof given.sleep !== 'function') {
    issues.push({ path: 'sleep', message: 'sleep must be a function' })
  }
  if (given.rateLimiter !== undefined && typeof given.rateLimiter?.acquire !== 'function')
    issues.push({ path: 'rateLimiter', message: 'rateLimiter must come from createRateLimiter' })
  // Values refused above are replaced by harmless ones: an invalid context must never crash a call.
  const valid = issues.length === 0
  const context: Context = {
    clientId: typeof given.clientId === 'string' ? given.clientId : '',
    clientSecret: redact(typeof secret === 'string' ? secret : ''),
    ...(user ? { user } : {}),
    tokenStore: (valid && given.tokenStore) || memoryTokenStore(),
    baseUrl,
    timeoutMs,
    maxResponseBytes,
    retry,
    autoRenew: given.autoRenew ?? true,
    renewBeforeMs,
    ...(valid && given.language ? { language: given.language } : {}),
    hooks: (valid && given.hooks) || {},
    ...(valid && given.fetch ? { fetch: given.fetch } : {}),
    ...(valid && given.$fetch ? { $fetch: given.$fetch } : {}),
    now: (valid && given.now) || Date.now,
    ...(valid && given.sleep ? { sleep: given.sleep } : {}),
    ...(valid && given.rateLimiter ? { rateLimiter: given.rateLimiter } : {}),
  }
  if (issues.length === 0) return context
  return {
    ...context,
    invalid: {
      _tag: 'InputValidationError',
      operation: 'createContext',
      message: `Invalid context options: ${issues.map((issue) => issue.message).join('; ')}`,
      issues,
    },
  }
}

/**
 * Why a call cannot run with `ctx`: the context's own `invalid` error, or an `InputValidationError`
 * when `ctx` is not a context at all (JavaScript callers may pass `undefined`, `null` or the options).
 * `undefined` when the context is usable.
 */
export const unusableContext = (ctx: unknown, operation: string): InputValidationError | undefined => {
  const looksBuilt =
    isObject(ctx) &&
    isObject(ctx.clientSecret) &&
    typeof ctx.clientSecret.reveal === 'function' &&
    isObject(ctx.tokenStore) &&
    isObject(ctx.retry) &&
    isObject(ctx.hooks) &&
    typeof ctx.baseUrl === 'string'
  if (looksBuilt) return (ctx as unknown as Context).invalid
  const message = 'ctx must be a context made by createContext'
  return {
    _tag: 'InputValidationError',
    operation,
    message: `Invalid context for ${operation}: ${message}`,
    issues: [{ path: 'ctx', message }],
  }
}
