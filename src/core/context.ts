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
  /** Per-attempt timeout in ms. Default 30 000. */
  readonly timeoutMs?: number
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
  /** Clock in ms since the epoch, for token expiry. Default `Date.now`. */
  readonly now?: () => number
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
  readonly retry: RetryPolicy
  readonly autoRenew: boolean
  readonly renewBeforeMs: number
  readonly language?: string
  readonly hooks: Hooks
  readonly fetch?: typeof globalThis.fetch
  readonly now: () => number
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

const normaliseUser = (user: UserCredentials, issues: Issue[]): ContextUser | undefined => {
  const nonEmpty = (value: unknown, path: string): value is string => {
    if (typeof value === 'string' && value.length > 0) return true
    issues.push({ path, message: `${path} must be a non-empty string` })
    return false
  }
  if ('uuid' in user) return nonEmpty(user.uuid, 'user.uuid') ? { kind: 'uuid', uuid: user.uuid } : undefined
  if ('externalUserId' in user) {
    return nonEmpty(user.externalUserId, 'user.externalUserId')
      ? { kind: 'external', externalUserId: user.externalUserId }
      : undefined
  }
  if ('email' in user) {
    const password = user.password instanceof Redacted ? user.password.reveal() : user.password
    if (nonEmpty(user.email, 'user.email') && nonEmpty(password, 'user.password')) {
      return { kind: 'email', email: user.email, password: redact(password) }
    }
    return undefined
  }
  issues.push({
    path: 'user',
    message: 'user must have a uuid, an externalUserId, or an email and a password',
  })
  return undefined
}

const positive = (value: number | undefined, fallback: number, path: string, issues: Issue[]): number => {
  if (value === undefined) return fallback
  if (!Number.isFinite(value) || value < 0)
    issues.push({ path, message: `${path} must be a finite number ≥ 0` })
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
  if (typeof options.clientId !== 'string' || options.clientId.trim() === '') {
    issues.push({ path: 'clientId', message: 'clientId must be a non-empty string' })
  }
  const secret =
    options.clientSecret instanceof Redacted ? options.clientSecret.reveal() : options.clientSecret
  if (typeof secret !== 'string' || secret.trim() === '') {
    issues.push({ path: 'clientSecret', message: 'clientSecret must be a non-empty string' })
  }
  const baseUrl = checkBaseUrl(options.baseUrl ?? 'https://api.bridgeapi.io', issues)
  const user = options.user === undefined ? undefined : normaliseUser(options.user, issues)
  const timeoutMs = positive(options.timeoutMs, 30_000, 'timeoutMs', issues)
  const renewBeforeMs = positive(options.renewBeforeMs, 60_000, 'renewBeforeMs', issues)
  const retry = normaliseRetry(options.retry, issues)
  const context: Context = {
    clientId: options.clientId,
    clientSecret: redact(typeof secret === 'string' ? secret : ''),
    ...(user ? { user } : {}),
    tokenStore: options.tokenStore ?? memoryTokenStore(),
    baseUrl,
    timeoutMs,
    retry,
    autoRenew: options.autoRenew ?? true,
    renewBeforeMs,
    ...(options.language ? { language: options.language } : {}),
    hooks: options.hooks ?? {},
    ...(options.fetch ? { fetch: options.fetch } : {}),
    now: options.now ?? Date.now,
    ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
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
