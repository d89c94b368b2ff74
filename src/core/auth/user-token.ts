/** User tokens: the stored one while fresh, else a renewal (single flight), keyed per user. */
import * as v from 'valibot'
import type { ApiVersion } from '../api-version.js'
import { clockGuard, nowOf } from '../clock.js'
import { type Context, type ContextUser, HEADER_SAFE, unusableContext, userIdentity } from '../context.js'
import * as E from '../either.js'
import {
  type AbortError,
  type ApiError,
  type AuthenticationError,
  abortError,
  type BridgeError,
  type Issue,
  inputError,
  issueList,
} from '../errors.js'
import { decodeBody, sendRequest } from '../http/request.js'
import { REDACTED, Redacted, redactDeep } from '../redacted.js'
import { anyAnswer, callStore, type StoreCheck, storeFailure, untilAborted } from '../store-call.js'
import { type StoredToken, type TokenStore, tokenExpiryMs } from './token-store.js'

/** A user token as the public helpers return it: the token itself is {@link Redacted}. */
export interface TokenInfo {
  readonly accessToken: Redacted
  /** ISO 8601 instant after which Bridge rejects the token. */
  readonly expiresAt: string
}

/** Body of a token response (both versions). */
const TokenResponse = v.object({
  access_token: v.pipe(v.string(), v.minLength(1)),
  expires_at: v.pipe(
    v.string(),
    v.check((value) => !Number.isNaN(Date.parse(value)), 'must be a date-time'),
  ),
})

const authError = (
  reason: AuthenticationError['reason'],
  message: string,
  cause?: BridgeError,
): AuthenticationError => ({
  _tag: 'AuthenticationError',
  reason,
  message,
  ...(cause ? { cause } : {}),
})

/** The user's part of a token key: its identity, and for an e-mail user a keyed hash of the password. */
const userKey = async (ctx: Context, api: ApiVersion, user: ContextUser): Promise<string | undefined> => {
  if (user.kind !== 'email') return userIdentity(user)
  const tag = await api.emailUserTag?.(ctx, user)
  return tag === undefined ? undefined : `${userIdentity(user)}:${tag}`
}

/**
 * @returns the token-store key of the context's user for one API version (application, version, user
 *   and, for e-mail users, a keyed hash of the password), or an error if there is no user.
 */
export const tokenKey = async (
  ctx: Context,
  api: ApiVersion,
): Promise<E.Either<AuthenticationError, string>> => {
  if (!ctx.user)
    return E.left(authError('no_user', 'This endpoint acts for a user: give the context a `user`'))
  // A user this version cannot authenticate (an e-mail user on 2025-01-15) has no key either.
  const request = api.tokenRequest(ctx.user)
  if ('unsupported' in request) return E.left(authError('unsupported_user', request.unsupported))
  const user = await userKey(ctx, api, ctx.user)
  return user === undefined
    ? E.left(authError('token_store', "Web Crypto (crypto.subtle) is needed to key an e-mail user's token"))
    : E.right(`bridgeapi:${api.bridgeVersion}:${ctx.clientId}:${user}`)
}

const isFresh = (ctx: Context, token: StoredToken | undefined): token is StoredToken =>
  !!token && tokenExpiryMs(token.expiresAt) - nowOf(ctx.clock) > ctx.renewBeforeMs

/** Bounds on a token-store call: the caller's abort, and the call's timeout. */
interface StoreLimits {
  readonly signal?: AbortSignal | undefined
  readonly timeoutMs?: number | undefined
}

/**
 * What a store's `get` must answer: a token, or nothing (`undefined`, or `null` as Redis and KV clients
 * say it). A hand-written check: it runs on every call, and spares every bundle a schema library's
 * `nullish` and `transform`.
 */
const storedTokenAnswer: StoreCheck<StoredToken | undefined> = (answer) => {
  if (answer === undefined || answer === null) return { value: undefined }
  if (typeof answer !== 'object') return { invalid: 'answer' }
  const { accessToken, expiresAt } = answer as Record<string, unknown>
  const invalid = [
    ...(typeof accessToken === 'string' && accessToken !== '' ? [] : ['accessToken']),
    ...(typeof expiresAt === 'string' ? [] : ['expiresAt']),
  ]
  // Only the two fields: a store may keep more (its own metadata), which the SDK does not read.
  return invalid.length
    ? { invalid: invalid.join(', ') }
    : { value: { accessToken, expiresAt } as StoredToken }
}

/**
 * Runs a store call, bounded by the caller's abort and the call's timeout (a store that never
 * answers must not hang the call), its answer checked by `check`; `token` is the access token
 * handed to it, which its error may quote.
 */
const storeCall = async <T>(
  ctx: Context,
  call: () => Promise<unknown>,
  check: StoreCheck<T>,
  limits: StoreLimits,
  token?: string,
): Promise<E.Either<AuthenticationError | AbortError, T>> => {
  const outcome = await callStore(call, check, {
    signal: limits.signal,
    timeoutMs: limits.timeoutMs ?? ctx.timeoutMs,
  })
  if (outcome.kind === 'answer') return E.right(outcome.value)
  if (outcome.kind === 'aborted') return E.left(abortError())
  const detail = storeFailure(outcome, (message) => redactDeep(message, [token]))
  return E.left(authError('token_store', `The token store${detail}`))
}

/** Reads the stored token of `key`. */
const readToken = (ctx: Context, key: string, limits: StoreLimits) =>
  storeCall(ctx, () => ctx.tokenStore.get(key), storedTokenAnswer, limits)

/** Stores `token` under `key`. */
const writeToken = (ctx: Context, key: string, token: StoredToken, limits: StoreLimits) =>
  storeCall(ctx, () => ctx.tokenStore.set(key, token), anyAnswer, limits, token.accessToken)

/**
 * The codes Bridge answers a token request with when it knows no such user (2025-01-15: 401
 * `user.authentication.unauthorized`, or `user.not_found`; 2021-06-01: `invalid_credentials`, `not_found`).
 * Bad client credentials have codes of their own and get no advice about the user.
 */
const UNKNOWN_USER_CODES: ReadonlySet<string | undefined> = new Set([
  'user.authentication.unauthorized',
  'user.not_found',
  'invalid_credentials',
  'not_found',
])

/** What to do about a user Bridge does not know, by how the context names it (never the value itself). */
const unknownUserAdvice = (error: ApiError, user: ContextUser): string => {
  if (!UNKNOWN_USER_CODES.has(error.code)) return ''
  if (user.kind === 'external')
    return '. Bridge knows no user with this external_user_id: create it first with createUser({ externalUserId }) (authenticating does not create a user), or check user.externalUserId.'
  if (user.kind === 'uuid')
    return '. Bridge knows no user with this uuid: check user.uuid (a deleted user is gone), or create the user first with createUser.'
  return '. Check user.email and user.password, or create the user first with createUser({ email, password }).'
}

/** Asks Bridge for a new token for the context's user. */
const requestToken = async (
  ctx: Context,
  api: ApiVersion,
  correlationId?: string,
): Promise<E.Either<BridgeError, StoredToken>> => {
  if (!ctx.user)
    return E.left(authError('no_user', 'This endpoint acts for a user: give the context a `user`'))
  const request = api.tokenRequest(ctx.user)
  if ('unsupported' in request) return E.left(authError('unsupported_user', request.unsupported))
  const sent = await sendRequest(ctx, {
    operation: 'authenticate',
    api,
    method: 'POST',
    path: request.path,
    body: request.body,
    // Minting a token twice is harmless, so the token request is safe to retry.
    idempotent: true,
    rateScope: 'token',
    ...(correlationId ? { correlationId } : {}),
  })
  if (E.isLeft(sent)) {
    const error = sent.left
    return error._tag === 'ApiError' && error.status >= 400 && error.status < 500 && error.status !== 429
      ? E.left(
          authError(
            'token_rejected',
            `Bridge refused to authenticate the user: ${error.message}${unknownUserAdvice(error, ctx.user)}`,
            error,
          ),
        )
      : E.left(error)
  }
  const decoded = decodeBody(sent.right, TokenResponse, 'POST', request.path)
  // The body holds the access token: an error about it keeps the issues, never the body.
  if (E.isLeft(decoded)) return E.left({ ...decoded.left, body: REDACTED })
  return E.right({ accessToken: decoded.right.access_token, expiresAt: decoded.right.expires_at })
}

type Flight = Promise<E.Either<BridgeError, StoredToken>>
/** Renewals in progress, per token store and key: concurrent callers share one (single flight). */
const flights = new WeakMap<TokenStore, Map<string, Flight>>()

const singleFlight = (ctx: Context, key: string, run: () => Flight): Flight => {
  let byKey = flights.get(ctx.tokenStore)
  if (!byKey) {
    byKey = new Map()
    flights.set(ctx.tokenStore, byKey)
  }
  const existing = byKey.get(key)
  if (existing) return existing
  const flight = run().finally(() => byKey.delete(key))
  byKey.set(key, flight)
  return flight
}

/**
 * Obtains a fresh token and stores it, unless another caller (or instance sharing the store) has
 * just done so; `rejected` is a token Bridge refused, which must not be reused.
 */
const renew = (
  ctx: Context,
  api: ApiVersion,
  key: string,
  rejected: string | undefined,
  correlationId: string | undefined,
): Flight =>
  singleFlight(ctx, key, async () => {
    // Shared by every caller waiting on it, so bounded by the context's timeout, not one caller's abort.
    const current = await readToken(ctx, key, {})
    if (E.isLeft(current)) return current
    if (isFresh(ctx, current.right) && current.right.accessToken !== rejected) return E.right(current.right)
    // Shared by the callers waiting on it: its token request carries the first caller's id.
    const token = await requestToken(ctx, api, correlationId)
    if (E.isLeft(token)) return token
    const stored = await writeToken(ctx, key, token.right, {})
    return E.isLeft(stored) ? stored : token
  })

/**
 * The access token to send for the context's user: the stored one while it is fresh, otherwise a
 * renewed one (single flight), or an `AuthenticationError` in manual mode.
 */
export const userToken = async (
  ctx: Context,
  api: ApiVersion,
  limits: StoreLimits = {},
  correlationId?: string,
): Promise<E.Either<BridgeError, string>> => {
  const key = await tokenKey(ctx, api)
  if (E.isLeft(key)) return key
  const stored = await readToken(ctx, key.right, limits)
  if (E.isLeft(stored)) return stored
  if (isFresh(ctx, stored.right)) return E.right(stored.right.accessToken)
  if (!ctx.autoRenew) {
    return E.left(
      authError(
        'manual_mode',
        'No valid token for this user and automatic renewal is off: call renewAuth first',
      ),
    )
  }
  // The renewal is shared with other callers: this caller's abort stops its wait, not the renewal.
  const renewed = await untilAborted(renew(ctx, api, key.right, undefined, correlationId), limits.signal)
  if (renewed === undefined) return E.left(abortError())
  return E.isLeft(renewed) ? renewed : E.right(renewed.right.accessToken)
}

/** After Bridge answered 401 to `rejected`: a replacement token (once), or an error in manual mode. */
export const replaceRejectedToken = async (
  ctx: Context,
  api: ApiVersion,
  rejected: string,
  correlationId?: string,
): Promise<E.Either<BridgeError, string>> => {
  const key = await tokenKey(ctx, api)
  if (E.isLeft(key)) return key
  if (!ctx.autoRenew) {
    return E.left(
      authError('manual_mode', 'Bridge rejected the token and automatic renewal is off: call renewAuth'),
    )
  }
  const renewed = await renew(ctx, api, key.right, rejected, correlationId)
  return E.isLeft(renewed) ? renewed : E.right(renewed.right.accessToken)
}

const toTokenInfo = (token: StoredToken): TokenInfo => ({
  accessToken: new Redacted(token.accessToken),
  expiresAt: token.expiresAt,
})

/** Requests a new token now (even if the stored one is fresh) and stores it. */
export const forceRenew = async (
  ctx: Context,
  api: ApiVersion,
): Promise<E.Either<BridgeError, TokenInfo>> => {
  const unusable = unusableContext(ctx, 'renewAuth')
  if (unusable) return E.left(unusable)
  const key = await tokenKey(ctx, api)
  if (E.isLeft(key)) return key
  const token = await singleFlight(ctx, key.right, async () => {
    const fresh = await requestToken(ctx, api)
    if (E.isLeft(fresh)) return fresh
    const stored = await writeToken(ctx, key.right, fresh.right, {})
    return E.isLeft(stored) ? stored : fresh
  })
  return E.isLeft(token) ? token : E.right(toTokenInfo(token.right))
}

/** Whether the store holds a token for the user that is not about to expire; `operation` names the caller in errors. */
export const hasFreshToken = async (
  ctx: Context,
  api: ApiVersion,
  operation = 'isAuthenticated',
): Promise<E.Either<BridgeError, boolean>> => {
  const unusable = unusableContext(ctx, operation)
  if (unusable) return E.left(unusable)
  return clockGuard(operation, async () => {
    const key = await tokenKey(ctx, api)
    if (E.isLeft(key)) return key
    const stored = await readToken(ctx, key.right, {})
    return E.isLeft(stored) ? stored : E.right(isFresh(ctx, stored.right))
  })
}

/** Stores a token obtained elsewhere (e.g. persisted from an earlier `renewAuth`). */
export const storeToken = async (
  ctx: Context,
  api: ApiVersion,
  token: { readonly accessToken: string | Redacted; readonly expiresAt: string },
): Promise<E.Either<BridgeError, void>> => {
  const unusable = unusableContext(ctx, 'setUserToken')
  if (unusable) return E.left(unusable)
  const accessToken = token?.accessToken instanceof Redacted ? token.accessToken.reveal() : token?.accessToken
  const issues: Issue[] = []
  // The token goes into an Authorization header, which cannot carry CR, LF, NUL or emoji.
  if (typeof accessToken !== 'string' || accessToken === '' || !HEADER_SAFE.test(accessToken))
    issues.push({
      path: 'accessToken',
      message: 'accessToken must be a non-empty printable ASCII string (it is sent in a header)',
    })
  if (typeof token?.expiresAt !== 'string' || Number.isNaN(tokenExpiryMs(token.expiresAt)))
    issues.push({ path: 'expiresAt', message: 'expiresAt must be an ISO 8601 date-time' })
  if (typeof accessToken !== 'string' || issues.length > 0)
    return E.left(inputError('setUserToken', `Invalid token for setUserToken: ${issueList(issues)}`, issues))
  const key = await tokenKey(ctx, api)
  if (E.isLeft(key)) return key
  const stored = await writeToken(ctx, key.right, { accessToken, expiresAt: token.expiresAt }, {})
  return E.isLeft(stored) ? stored : E.right(undefined)
}

/** Forgets the user's stored token (e.g. after logout). */
export const forgetToken = async (ctx: Context, api: ApiVersion): Promise<E.Either<BridgeError, void>> => {
  const unusable = unusableContext(ctx, 'logoutUser')
  if (unusable) return E.left(unusable)
  const key = await tokenKey(ctx, api)
  if (E.isLeft(key)) return key
  const deleted = await storeCall(ctx, () => ctx.tokenStore.delete(key.right), anyAnswer, {})
  return E.isLeft(deleted) ? deleted : E.right(undefined)
}
