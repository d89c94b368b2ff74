/** The shapes the request pipeline passes between its steps (no logic, so every step can import them). */
import type { ApiVersion } from '../api-version.js'
import type { BridgeError } from '../errors.js'
import type { Query } from './query.js'

/** Who an endpoint authenticates as: the application alone, or the context's user (bearer token). */
export type AuthLevel = 'client' | 'user'

/** Parameter schemas: any valibot schema whose output is an object. */
export type ParamsSchema = import('valibot').GenericSchema<any, Record<string, any>>

/** The HTTP response behind a result, for callers who need headers or the exact body. */
export interface RawResponse {
  readonly status: number
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  /** The body as text, as received; in what `withResponse` returns, known secrets are `[redacted]`. */
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
  /**
   * Parameters Bridge added that the SDK does not know yet, sent as given: `query` values are added to
   * the query string, `body` keys to the JSON body. A key the request already sends (a mapped
   * parameter, even unset) is refused: use the typed parameter. See docs/lists-and-errors.md.
   */
  readonly extra?: ExtraParams
}

/** Raw Bridge parameters for {@link CallOptions.extra}, by their Bridge (snake case) names. */
export interface ExtraParams {
  readonly query?: Readonly<Record<string, string>>
  readonly body?: Readonly<Record<string, unknown>>
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
  /** The id of the call this request belongs to (its attempts and token requests share it); new if absent. */
  readonly correlationId?: string
}

/** What one attempt gave: a response (any status), or a failure with what the retry policy needs. */
export type Outcome =
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
