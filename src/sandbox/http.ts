// The route and API-version types and the response helpers every sandbox route module uses.
import type { SandboxClock } from './clock.js'
import type { Rng } from './random.js'
import type { TokenRecord, UserRecord } from './state.js'
import type { SandboxState } from './store.js'

// Route modules take `defined` from here with the other response helpers; it lives lower, in
// fields.ts, because the store uses it too.
export { defined } from './fields.js'

/**
 * The pieces every route module uses: the route and API-version types, and response helpers.
 * Nothing here is specific to one API version.
 */

/** Headers Bridge sends on every JSON response (recorded live, see the reference's addendum A4). */
const BRIDGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json',
  'cache-control': 'no-cache, no-store, max-age=0, must-revalidate',
  pragma: 'no-cache',
  expires: '0',
  server: 'Bridge',
}

/** A JSON response with Bridge's headers. */
export const json = (status: number, body: unknown, headers?: Record<string, string>): Response =>
  new Response(JSON.stringify(body), { status, headers: { ...BRIDGE_HEADERS, ...headers } })

/** A response without a body (204, or Bridge's empty 404s). */
export const empty = (status: number, headers?: Record<string, string>): Response =>
  new Response(null, { status, headers: { server: 'Bridge', ...headers } })

/** How an API version writes an error body (2025-01-15: `{errors:[…]}`; 2021-06-01: `{type, message}`). */
export type ErrorWriter = (status: number, code: string, message?: string, property?: string) => Response

/** What a route handler receives. */
export interface RouteContext {
  readonly request: Request
  readonly url: URL
  /** Scheme, host and port the request was sent to, for the URLs the sandbox hands out. */
  readonly origin: string
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  /** The parsed JSON body; `undefined` when there was none. */
  readonly body: unknown
  /** `Accept-Language`, lower case, without region (`fr`, `en`); absent when not sent. */
  readonly language?: string
  readonly state: SandboxState
  readonly clock: SandboxClock
  /** Random stream for ids the routes create. */
  readonly rng: Rng
  readonly api: ApiModule
  readonly error: ErrorWriter
}

/** What a user-level route handler receives: the bearer token's user. */
export interface UserRouteContext extends RouteContext {
  readonly user: UserRecord
  readonly token: TokenRecord
}

/** A route of one API version. `pattern` segments starting with `:` are parameters. */
export type Route =
  | {
      readonly method: string
      readonly pattern: string
      readonly auth: 'client'
      readonly handler: (ctx: RouteContext) => Response | Promise<Response>
    }
  | {
      readonly method: string
      readonly pattern: string
      readonly auth: 'user'
      readonly handler: (ctx: UserRouteContext) => Response | Promise<Response>
    }

/** A route authenticated with client credentials only. */
export const clientRoute = (
  method: string,
  pattern: string,
  handler: (ctx: RouteContext) => Response | Promise<Response>,
): Route => ({ method, pattern, auth: 'client', handler })

/** A route that also needs the user's bearer token. */
export const userRoute = (
  method: string,
  pattern: string,
  handler: (ctx: UserRouteContext) => Response | Promise<Response>,
): Route => ({ method, pattern, auth: 'user', handler })

/** The common checks' error codes, so each version can word them its own way. */
export interface AuthFailures {
  /** Bad `Client-Id`/`Client-Secret`. */
  readonly clientCredentials: (error: ErrorWriter) => Response
  /** Missing or malformed `Authorization`. */
  readonly missingToken: (error: ErrorWriter) => Response
  /** Unknown, revoked or expired bearer token. */
  readonly invalidToken: (error: ErrorWriter) => Response
  /** Missing or wrong `Bridge-Version`. */
  readonly version: (error: ErrorWriter) => Response
}

/**
 * The common failures as both versions word them. Bridge does not document the body for an expired
 * or unknown token; `invalidToken` keeps the code of its documented bearer error and says what happened.
 */
export const AUTH_FAILURES: AuthFailures = {
  clientCredentials: (e) => e(401, 'invalid_client_credentials', 'client_id and client_secret are invalid'),
  missingToken: (e) => e(401, 'invalid_authorization_header', 'Authorization header has an invalid format'),
  invalidToken: (e) => e(401, 'invalid_authorization_header', 'The access token is invalid or has expired'),
  version: (e) => e(400, 'invalid_version_header', 'API version Bridge-Version is invalid'),
}

/** One API version: where it lives, which `Bridge-Version` it accepts, its errors and routes. */
export interface ApiModule {
  /** Path prefix, e.g. `/v3`. */
  readonly prefix: string
  /** Accepted `Bridge-Version` header value. */
  readonly bridgeVersion: string
  readonly error: ErrorWriter
  readonly failures: AuthFailures
  readonly routes: readonly Route[]
}

/** Reads a path parameter as a Bridge numeric id; `undefined` when it is not one. */
export const numericId = (value: string | undefined): number | undefined =>
  value !== undefined && /^\d{1,16}$/.test(value) && Number.isSafeInteger(Number(value))
    ? Number(value)
    : undefined

/** ISO 8601 with milliseconds, as Bridge writes instants. */
export const iso = (ms: number): string => new Date(ms).toISOString()
