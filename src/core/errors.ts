/** The BridgeError union and the constructors of its members. */
import * as v from 'valibot'

/**
 * Every failure of the SDK is one of these plain, serializable objects, told apart by `_tag`.
 * None of them ever holds a secret: every string in them is redacted of the secrets the request carried.
 */

/** One problem found by a valibot schema, with the dotted path of the offending value. */
export interface Issue {
  /** Dotted path of the value, e.g. `resources.3.amount` (empty for the root). */
  readonly path: string
  /** What was wrong. */
  readonly message: string
}

/** Maps valibot issues to `{ path, message }` with dotted paths. */
export const toIssues = (issues: readonly v.BaseIssue<unknown>[]): Issue[] =>
  issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message }))

/** An error item of the 2025-01-15 body `{ errors: [...] }`. */
export interface BridgeErrorItem {
  readonly code: string
  readonly message?: string
  readonly property?: string
}

/** Bridge's error body, normalised from either API version. */
export type BridgeErrorBody =
  | { readonly format: '2025-01-15'; readonly errors: readonly BridgeErrorItem[] }
  | {
      readonly format: '2021-06-01'
      readonly type: string
      readonly message?: string
      readonly documentation_url?: string | null
    }
  | { readonly format: 'raw'; readonly text: string }

/** Where a failed request went: method and path (with query), never a header. */
export interface RequestLocation {
  readonly method: string
  readonly path: string
}

/** Bridge answered with an HTTP error status (4xx/5xx); `body` is Bridge's error body (either version's shape) or the raw text. */
export interface ApiError extends RequestLocation {
  readonly _tag: 'ApiError'
  readonly status: number
  /** First error code (2025-01-15 `code`, 2021-06-01 `type`), if Bridge sent one. */
  readonly code?: string
  readonly message: string
  /** Request id from the response headers, if any (quote it to Bridge support). */
  readonly requestId?: string
  /** Seconds to wait, from a `Retry-After` header, if any. */
  readonly retryAfter?: number
  readonly body: BridgeErrorBody
}

/** The user could not be authenticated: no user in the context, manual mode without a token, a rejected token, or a failing token store (`reason`: `no_user`, `manual_mode`, `token_rejected`, `token_store`, `unsupported_user`). */
export interface AuthenticationError {
  readonly _tag: 'AuthenticationError'
  readonly reason: 'no_user' | 'manual_mode' | 'token_rejected' | 'token_store' | 'unsupported_user'
  readonly message: string
  /** The API error behind it, when the token request itself failed. */
  readonly cause?: BridgeError
}

/** Bridge answered 2xx, but the body is not what the schema expects (or is not JSON). */
export interface ResponseValidationError extends RequestLocation {
  readonly _tag: 'ResponseValidationError'
  readonly status: number
  readonly message: string
  readonly issues: readonly Issue[]
  /** The body as received (secrets redacted): parsed JSON, or the text when it did not parse. */
  readonly body: unknown
}

/** The caller's input (or context options) is invalid; no request was sent. */
export interface InputValidationError {
  readonly _tag: 'InputValidationError'
  /** The operation that refused the input (`createContext` for context options). */
  readonly operation: string
  readonly message: string
  readonly issues: readonly Issue[]
}

/**
 * The request could not complete at the network level (DNS, refused, reset), or the runtime refused
 * to send it (a bad port, an invalid header value: not retried, the same request would fail again).
 */
export interface NetworkError extends RequestLocation {
  readonly _tag: 'NetworkError'
  readonly message: string
}

/** No response within the context's (or call's) timeout. */
export interface TimeoutError extends RequestLocation {
  readonly _tag: 'TimeoutError'
  readonly message: string
  readonly timeoutMs: number
}

/** The caller's `AbortSignal` fired. */
export interface AbortError {
  readonly _tag: 'AbortError'
  readonly message: string
}

/**
 * The server answered with a redirect (3xx). Redirects are never followed: credentials must not
 * reach another host, so nothing more was sent. In browsers the status is 0 and the target unknown.
 */
export interface RedirectError extends RequestLocation {
  readonly _tag: 'RedirectError'
  /** The 3xx status, or 0 for a browser's opaque redirect. */
  readonly status: number
  /** The `Location` the server pointed to, when the runtime shows it. */
  readonly location?: string
  readonly message: string
}

/** The response body was larger than the context's `maxResponseBytes`: it was not read (nor retried). */
export interface ResponseTooLargeError extends RequestLocation {
  readonly _tag: 'ResponseTooLargeError'
  readonly status: number
  /** The limit that was exceeded, in bytes. */
  readonly maxBytes: number
  readonly message: string
}

/** `collect` stopped because the list holds more than the allowed maximum. */
export interface CollectLimitError {
  readonly _tag: 'CollectLimitError'
  readonly message: string
  readonly max: number
  /** Cursor of the first page not collected; pass it as `after` to continue. */
  readonly resumeAfter?: string
}

/** The context's rate limiter could not reach its store, so the request was not sent. */
export interface RateLimiterError {
  readonly _tag: 'RateLimiterError'
  readonly message: string
}

/** Every error the SDK returns. Switch on `_tag`. */
export type BridgeError =
  | ApiError
  | AuthenticationError
  | ResponseValidationError
  | InputValidationError
  | NetworkError
  | TimeoutError
  | AbortError
  | CollectLimitError
  | RedirectError
  | ResponseTooLargeError
  | RateLimiterError

/**
 * An error of a list (`for await`, `pages()`, `collect`): any {@link BridgeError}, plus, when the list
 * stopped after some pages, `resumeAfter`: pass it as `after` to continue from the page that failed
 * (nothing before it is lost, nothing is yielded twice).
 */
export type ListError = BridgeError & {
  /** Cursor of the page that failed (or of the first page not collected); pass it as `after` to resume. */
  readonly resumeAfter?: string
}

/** The `InputValidationError` of `operation`: nothing was sent; `issues` say what to fix and where. */
export const inputError = (
  operation: string,
  message: string,
  issues: readonly Issue[],
): InputValidationError => ({ _tag: 'InputValidationError', operation, message, issues })

/** The issues as one sentence for a message, each described by `describe` (default: its message). */
export const issueList = (
  issues: readonly Issue[],
  describe: (issue: Issue) => string = (issue) => issue.message,
): string => issues.map(describe).join('; ')

/** The error of a call the caller aborted. */
export const abortError = (): AbortError => ({
  _tag: 'AbortError',
  message: 'The call was aborted by the caller',
})

/**
 * Tells whether a value is one of the SDK's errors (a plain object with a string `_tag` and `message`).
 *
 * @param value - anything, e.g. a `Left` value or something caught.
 * @returns true when `value` is one of the SDK's errors.
 * @example
 * ```ts
 * import { formatError, isBridgeError } from 'bridgeapi'
 * const report = (failure: unknown) => (isBridgeError(failure) ? formatError(failure) : String(failure))
 * ```
 */
export const isBridgeError = (value: unknown): value is BridgeError =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { _tag?: unknown })._tag === 'string' &&
  typeof (value as { message?: unknown }).message === 'string'

/**
 * Formats an error as one readable line: tag, status, message, method and path, and the request id
 * when the response had one (safe to log: errors hold no secrets).
 *
 * @param error - any error the SDK returned.
 * @returns e.g. `ApiError 404: Account 123 not found (GET /v3/aggregation/accounts/123) [request id 4f1c…]`.
 * @example
 * ```ts
 * import { createContext, formatError, getAccount } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * const account = await getAccount(ctx, { accountId: 123 })()
 * if (account._tag === 'Left') console.error(formatError(account.left))
 * ```
 */
export const formatError = (error: BridgeError): string => {
  const where = 'method' in error ? ` (${error.method} ${error.path})` : ''
  const status = 'status' in error ? ` ${error.status}` : ''
  const requestId = 'requestId' in error && error.requestId ? ` [request id ${error.requestId}]` : ''
  return `${error._tag}${status}: ${error.message}${where}${requestId}`
}
