/** createContext: the options of a client, checked once, as the Context every call takes. */
import type { RateLimiter } from '../rate-limit/limiter.js'
import { memoryTokenStore, type TokenStore } from './auth/token-store.js'
import { type Clock, MAX_TIMER_MS, realClock } from './clock.js'
import { unknownContextKeys } from './context-keys.js'
import { type InputValidationError, type Issue, inputError, issueList } from './errors.js'
import type { Hooks } from './http/hooks.js'
import type { OfetchInstance } from './http/ofetch-instance.js'
import { Redacted, redact } from './redacted.js'

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

/** What {@link createContext} accepts. */
export interface ContextOptions {
  /** Application client id (Bridge dashboard). */
  readonly clientId: string
  /** Application client secret. Kept inside a {@link Redacted}. */
  readonly clientSecret: string | Redacted
  /** The user that user-level endpoints act for: `{ uuid }` or `{ externalUserId }` (both versions), `{ email, password }` (2021-06-01). */
  readonly user?: UserCredentials
  /** Where user tokens are kept (`get`/`set`/`delete`, async; see `docs/token-stores.md`). Default: a new {@link memoryTokenStore}. */
  readonly tokenStore?: TokenStore
  /** Default `https://api.bridgeapi.io`. Must be https, except on loopback (the sandbox). */
  readonly baseUrl?: string
  /** Per-attempt timeout in ms (at most 2^31−1). Default 30 000. */
  readonly timeoutMs?: number
  /** Largest response body read, in bytes; a bigger one is refused (`ResponseTooLargeError`) unread. Default 32 MiB. */
  readonly maxResponseBytes?: number
  /** Retry policy `{ retries, baseDelayMs, maxDelayMs, maxRetryAfterMs }`, or a number of retries (`0` = none). Default `{ retries: 2, … }`. */
  readonly retry?: number | Partial<RetryPolicy>
  /** Renew user tokens automatically (default true). `false` is manual mode: no token, no call. */
  readonly autoRenew?: boolean
  /** Renew a token this many ms before its `expires_at`. Default 60 000. */
  readonly renewBeforeMs?: number
  /** Default `Accept-Language` (e.g. `fr`, `en`). */
  readonly language?: string
  /** `onRequest` / `onResponse`, called for every exchange (secret headers shown as `[redacted]`). */
  readonly hooks?: Hooks
  /** A `fetch` to use instead of the global one (tests, proxies, instrumentation). */
  readonly fetch?: typeof globalThis.fetch
  /**
   * An ofetch instance to send with, e.g. Nuxt/Nitro's `$fetch`: its interceptors run on every
   * request. The SDK still sets the base URL, never follows redirects, and does its own retries.
   * The instance's default `headers`, `query` and `params` (your app's own credentials) are not sent.
   * Its interceptors see the real credentials (client secret, tokens, passwords): trust them.
   */
  readonly $fetch?: OfetchInstance
  /**
   * The clock of every call: token expiry, `Retry-After` dates, waits before retries, and the rate
   * limiter's and sync's time. Tests pass a virtual one. Default: `Date.now` and timers.
   */
  readonly clock?: Clock
  /** @deprecated Use `clock`. Clock in ms since the epoch, overriding the clock's `now`. */
  readonly now?: () => number
  /** @deprecated Use `clock`. Waits `ms` before a retry (`false` if `signal` aborts first), overriding the clock's `sleep`. */
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
  readonly $fetch?: OfetchInstance
  /** The one clock of the context's calls, its limiter (unless given its own) and sync. */
  readonly clock: Clock
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

/** Hosts where plain http is allowed: the sandbox and other local servers. */
const LOOPBACK = /^(localhost|\[::1\]|127\.\d+\.\d+\.\d+)$/

const parseUrl = (text: string): URL | undefined => {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

/** Why a base URL is unfit, or `undefined`. */
const baseUrlProblem = (url: URL | undefined): string | undefined =>
  !url
    ? 'is not a valid URL'
    : url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))
      ? 'must use https (plain http is only allowed on loopback)'
      : url.username || url.password || url.search || url.hash
        ? 'must not carry credentials, a query or a fragment'
        : undefined

/** Longest id, e-mail or client id accepted: they go into headers, bodies and token-store keys. */
const MAX_ID_LENGTH = 256
/** Control characters (CR, LF, NUL…) would corrupt a header or a store key. */
const CONTROL_CHARACTERS = /\p{Cc}/u
/** What a header value can carry here: printable ASCII and tabs (runtimes refuse CR, LF, NUL, emoji). */
export const HEADER_SAFE = /^[\t\x20-\x7e]*$/
/** A language tag as `Accept-Language` takes it, e.g. `fr`, `en-GB`, `zh-Hant-TW` (BCP 47 shape). */
export const LANGUAGE_TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8}){0,7}$/
const EMAIL = /^[^\s@]+@[^\s@]+$/
const NOT_ASCII = 'must be printable ASCII (it is sent in a header)'
const NOT_FILLED = 'must be a non-empty string'

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

/** Why an identifier (it ends up in a header, a body or a store key) is unfit, or `undefined`. */
const idProblem = (value: unknown, shape = /^/, shapeProblem?: string): string | undefined =>
  typeof value !== 'string' || value.trim() === ''
    ? NOT_FILLED
    : value.length > MAX_ID_LENGTH
      ? `must be at most ${MAX_ID_LENGTH} characters`
      : CONTROL_CHARACTERS.test(value)
        ? 'must not contain control characters (CR, LF…)'
        : shape.test(value)
          ? undefined
          : shapeProblem

export { MAX_TIMER_MS }

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
  /** Records `problem` (if any) for the option at `path`; `true` when there is none. */
  const note = (path: string, problem: string | false | undefined): boolean => {
    if (problem) issues.push({ path, message: `${path} ${problem}` })
    return !problem
  }
  /** A number option from 0 to `max`, or its default. */
  const bounded = (value: unknown, fallback: number, path: string, max = MAX_TIMER_MS): number => {
    note(
      path,
      value !== undefined &&
        !(typeof value === 'number' && value >= 0 && value <= max) &&
        `must be a number from 0 to ${max}`,
    )
    return typeof value === 'number' ? value : fallback
  }
  // JavaScript callers may pass nothing, `null` or a number: that is an invalid context, not a TypeError.
  if (!isObject(options))
    issues.push({
      path: '',
      message: 'createContext takes an options object ({ clientId, clientSecret, … })',
    })
  const given: Partial<ContextOptions> = isObject(options) ? options : {}
  issues.push(...unknownContextKeys(given, Object.keys(DEFAULT_RETRY)))
  note('clientId', idProblem(given.clientId, HEADER_SAFE, NOT_ASCII))
  const secret = given.clientSecret instanceof Redacted ? given.clientSecret.reveal() : given.clientSecret
  note(
    'clientSecret',
    typeof secret !== 'string' || secret.trim() === '' ? NOT_FILLED : !HEADER_SAFE.test(secret) && NOT_ASCII,
  )
  const hooks: unknown = given.hooks
  note('hooks', hooks !== undefined && !isObject(hooks) && 'must be an object')
  const clock: unknown = given.clock
  note(
    'clock',
    clock !== undefined &&
      !(isObject(clock) && typeof clock.now === 'function' && typeof clock.sleep === 'function') &&
      'must have now and sleep methods',
  )
  const callables = {
    fetch: given.fetch,
    now: given.now,
    sleep: given.sleep,
    'hooks.onRequest': isObject(hooks) ? hooks.onRequest : undefined,
    'hooks.onResponse': isObject(hooks) ? hooks.onResponse : undefined,
  }
  for (const [path, value] of Object.entries(callables))
    note(path, value !== undefined && typeof value !== 'function' && 'must be a function')
  const store: unknown = given.tokenStore
  note(
    'tokenStore',
    store !== undefined &&
      !(isObject(store) && ['get', 'set', 'delete'].every((method) => typeof store[method] === 'function')) &&
      'must have get, set and delete methods',
  )
  note(
    'autoRenew',
    given.autoRenew !== undefined && typeof given.autoRenew !== 'boolean' && 'must be a boolean',
  )
  note(
    'language',
    given.language !== undefined &&
      !(typeof given.language === 'string' && LANGUAGE_TAG.test(given.language)) &&
      'must be a language tag such as fr or en-GB',
  )
  const url = parseUrl(given.baseUrl ?? 'https://api.bridgeapi.io')
  note('baseUrl', baseUrlProblem(url))
  const user = given.user === undefined ? undefined : userOf(given.user, note)
  if (given.user !== undefined && !user && !issues.some((issue) => issue.path.startsWith('user')))
    note('user', 'must have a uuid, an externalUserId, or an email and a password')
  const partialRetry = typeof given.retry === 'number' ? { retries: given.retry } : given.retry
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...partialRetry }
  note('retry.retries', !(Number.isInteger(retry.retries) && retry.retries >= 0) && 'must be an integer ≥ 0')
  for (const name of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const)
    bounded(retry[name], 0, `retry.${name}`)
  const timeoutMs = bounded(given.timeoutMs, 30_000, 'timeoutMs')
  const maxResponseBytes = bounded(
    given.maxResponseBytes,
    32 * 1024 * 1024,
    'maxResponseBytes',
    Number.MAX_SAFE_INTEGER,
  )
  const renewBeforeMs = bounded(given.renewBeforeMs, 60_000, 'renewBeforeMs', Number.MAX_SAFE_INTEGER)
  const custom = given.$fetch as Partial<OfetchInstance> | undefined
  note(
    '$fetch',
    custom !== undefined &&
      !(typeof custom?.raw === 'function' && typeof custom.create === 'function') &&
      'must be an ofetch instance (with raw and create)',
  )
  note(
    'rateLimiter',
    given.rateLimiter !== undefined &&
      typeof given.rateLimiter?.throttle !== 'function' &&
      'must come from createRateLimiter',
  )
  const valid = issues.length === 0
  // An invalid context keeps none of the given values, only harmless defaults: it must never crash a
  // call, and nothing refused may reach a header or a store key.
  const context: Context = {
    clientId: valid ? (given.clientId as string) : '',
    clientSecret: redact(valid ? (secret as string) : ''),
    user,
    tokenStore: (valid && given.tokenStore) || memoryTokenStore(),
    baseUrl: url ? url.origin + url.pathname.replace(/\/+$/, '') : '',
    timeoutMs,
    maxResponseBytes,
    retry,
    autoRenew: given.autoRenew ?? true,
    renewBeforeMs,
    hooks: (valid && given.hooks) || {},
    clock: valid ? clockOf(given) : realClock,
    ...(valid && {
      language: given.language,
      fetch: given.fetch,
      $fetch: given.$fetch,
      rateLimiter: given.rateLimiter,
    }),
  }
  // Options not given stay absent, not `undefined`: a context prints and compares as what was given.
  for (const key of Object.keys(context) as (keyof Context)[])
    if (context[key] === undefined) delete context[key]
  if (valid) return context
  return {
    ...context,
    invalid: inputError('createContext', `Invalid context options: ${issueList(issues)}`, issues),
  }
}

/** The context's clock: the `clock` option, with the deprecated `now` and `sleep` options over it. */
const clockOf = ({ clock = realClock, now, sleep }: Partial<ContextOptions>): Clock =>
  now || sleep
    ? {
        now: now ?? (() => clock.now()),
        sleep: sleep ?? ((ms, signal) => clock.sleep(ms, signal)),
      }
    : clock

/**
 * How the context names its user, the same for every API version and instance: the token store's
 * keys and the rate limiter's windows are built on it (a password is never part of it).
 */
export const userIdentity = (user: ContextUser): string =>
  user.kind === 'uuid'
    ? `uuid:${user.uuid}`
    : user.kind === 'external'
      ? `external:${user.externalUserId}`
      : `email:${user.email}`

/** The context user of a `user` option, or `undefined` after noting why it is unfit. */
const userOf = (
  user: unknown,
  note: (path: string, problem: string | false | undefined) => boolean,
): ContextUser | undefined => {
  if (!isObject(user)) return undefined
  if ('uuid' in user)
    return note('user.uuid', idProblem(user.uuid)) ? { kind: 'uuid', uuid: user.uuid as string } : undefined
  if ('externalUserId' in user) {
    const externalUserId = user.externalUserId as string
    return note('user.externalUserId', idProblem(externalUserId))
      ? { kind: 'external', externalUserId }
      : undefined
  }
  if (!('email' in user)) return undefined
  const password = user.password instanceof Redacted ? user.password.reveal() : user.password
  const email = note('user.email', idProblem(user.email, EMAIL, 'must be an e-mail address'))
  if (!note('user.password', (typeof password !== 'string' || password === '') && NOT_FILLED))
    return undefined
  return email
    ? { kind: 'email', email: user.email as string, password: redact(password as string) }
    : undefined
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
  return inputError(operation, `Invalid context for ${operation}: ${message}`, [{ path: 'ctx', message }])
}
