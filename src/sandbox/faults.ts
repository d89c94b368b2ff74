// Fault injection: rules that add latency, errors, resets or malformed bodies to matching requests.
import * as v from 'valibot'
import { parseOrThrow } from './input.js'
import type { Rng } from './random.js'
import { compilePattern, type PathMatcher } from './router.js'

/**
 * Fault injection. A rule matches requests (by method and path pattern, or all of them), fires a
 * number of `times` or with a `probability` (drawn from the seeded stream, so runs repeat), and
 * does one thing to the exchange.
 */

/** What a fault does. */
export type Fault =
  /** Answer with this status (and Bridge's error body) instead of the real response. */
  | {
      readonly type: 'status'
      readonly status: number
      /** `Retry-After` header value (seconds, or an HTTP date); none when absent. */
      readonly retryAfter?: number | string
      /** Let the request take effect first, then answer with the status (a POST that did act). */
      readonly afterHandler?: boolean
    }
  /** Wait this long before answering (other rules still apply). */
  | { readonly type: 'latency'; readonly ms: number }
  /**
   * Drop the connection without an answer. The Web handler throws {@link ConnectionReset};
   * the Node adapter destroys the socket. `afterHandler` lets the request act first.
   */
  | { readonly type: 'reset'; readonly afterHandler?: boolean }
  /** The real response, with its JSON body cut in the middle. */
  | { readonly type: 'truncated-json' }
  /** A 200 whose body is not JSON at all, with `Content-Type: application/json`. */
  | { readonly type: 'invalid-json' }
  /** An HTML error page from a proxy (default status 502). */
  | { readonly type: 'html'; readonly status?: number }
  /**
   * The real response with its schema changed: an extra field, an unknown value for an enum, a
   * required field removed or a field of the wrong type. Lists change their first resource.
   */
  | {
      readonly type: 'drift'
      readonly drift: 'extra-field' | 'unknown-enum' | 'missing-field' | 'wrong-type'
      /** The field to change; default: the first of a list of likely fields found in the body. */
      readonly field?: string
    }

/** Which requests a rule applies to, and how often. */
export interface FaultMatch {
  /** HTTP method; default any. */
  readonly method?: string
  /** Path pattern (`/v3/aggregation/accounts/:id`, trailing `*` for a prefix) or RegExp; default any. */
  readonly path?: string | RegExp
  /** Fire this many times, then remove the rule; default: until removed. */
  readonly times?: number
  /** Fire with this probability (0..1) per matching request; default 1. */
  readonly probability?: number
}

/** A fault rule: where, how often, what. */
export type FaultRule = FaultMatch & Fault

/** A rule as listed, with its id and remaining count. */
export type ActiveFault = FaultRule & { readonly id: string; readonly remaining?: number }

/** Thrown by the Web handler for a `reset` fault. A `TypeError`, like `fetch`'s network failures. */
export class ConnectionReset extends TypeError {
  override readonly name = 'ConnectionReset'
  constructor() {
    super('fetch failed: connection reset by the Bridge sandbox (fault injection)')
  }
}

interface Entry {
  readonly rule: ActiveFault
  readonly matches: PathMatcher | RegExp | undefined
  remaining: number
}

/** The fault rules of one sandbox. */
export interface Faults {
  /** Adds a rule; returns its id. Rules are tried in the order they were added. */
  add(rule: FaultRule): string
  remove(id: string): boolean
  clear(): void
  list(): ActiveFault[]
}

/** HTTP methods a fault rule may name. */
export const FAULT_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const
/** Longest injected latency (1 minute): longer only ties up the test that asked for it. */
export const MAX_FAULT_LATENCY_MS = 60_000

/** Statuses that may not carry a body (1xx, 204, 205, 304): a fault answers with Bridge's error body. */
const BODYLESS_STATUSES = [204, 205, 304]
const httpStatus = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(200, 'status must be from 200 to 599: a fault answers with a body'),
  v.maxValue(599, 'status must be from 200 to 599'),
  v.check(
    (status) => !BODYLESS_STATUSES.includes(status),
    'status must not be 204, 205 or 304: a fault answers with a body',
  ),
)
const matchEntries = {
  method: v.optional(
    v.pipe(
      v.string(),
      v.check(
        (method) => (FAULT_METHODS as readonly string[]).includes(method.toUpperCase()),
        `method must be one of ${FAULT_METHODS.join(', ')}`,
      ),
    ),
  ),
  path: v.optional(v.union([v.pipe(v.string(), v.maxLength(2048)), v.instance(RegExp)])),
  times: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000))),
  probability: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
}

/**
 * A fault rule as the JavaScript and admin APIs accept it: a rule that would break later requests
 * (a non-string method, a status outside 200..599 or one that has no body (204, 205, 304), a header value with line breaks, an hour of
 * latency) is refused up front.
 */
export const FaultRuleSchema: v.GenericSchema<unknown, FaultRule> = v.variant('type', [
  v.object({
    ...matchEntries,
    type: v.literal('status'),
    status: httpStatus,
    retryAfter: v.optional(
      v.union([
        v.pipe(v.number(), v.minValue(0), v.maxValue(366 * 86_400)),
        // Printable ASCII only: the value becomes a header.
        v.pipe(v.string(), v.maxLength(64), v.regex(/^[\x20-\x7e]*$/)),
      ]),
    ),
    afterHandler: v.optional(v.boolean()),
  }),
  v.object({
    ...matchEntries,
    type: v.literal('latency'),
    ms: v.pipe(v.number(), v.minValue(0), v.maxValue(MAX_FAULT_LATENCY_MS)),
  }),
  v.object({ ...matchEntries, type: v.literal('reset'), afterHandler: v.optional(v.boolean()) }),
  v.object({ ...matchEntries, type: v.literal('truncated-json') }),
  v.object({ ...matchEntries, type: v.literal('invalid-json') }),
  v.object({ ...matchEntries, type: v.literal('html'), status: v.optional(httpStatus) }),
  v.object({
    ...matchEntries,
    type: v.literal('drift'),
    drift: v.picklist(['extra-field', 'unknown-enum', 'missing-field', 'wrong-type']),
    field: v.optional(v.pipe(v.string(), v.maxLength(256))),
  }),
])

/** The rules that fire for one request, in order: latencies, then at most one other fault. */
export interface Firing {
  readonly latencyMs: number
  readonly fault?: Exclude<Fault, { type: 'latency' }>
}

export const createFaults = (rng: Rng): Faults & { fire(method: string, path: string): Firing } => {
  const entries: Entry[] = []
  let counter = 0
  const matches = (entry: Entry, method: string, path: string): boolean => {
    if (entry.rule.method && entry.rule.method.toUpperCase() !== method) return false
    if (entry.matches instanceof RegExp) return entry.matches.test(path)
    return entry.matches ? entry.matches(path) !== undefined : true
  }
  return {
    add(rule) {
      rule = parseOrThrow(FaultRuleSchema, rule, 'fault rule')
      counter += 1
      const id = `fault-${counter}`
      entries.push({
        rule: { ...rule, id },
        matches: typeof rule.path === 'string' ? compilePattern(rule.path) : rule.path,
        remaining: rule.times ?? Number.POSITIVE_INFINITY,
      })
      return id
    },
    remove(id) {
      const index = entries.findIndex((entry) => entry.rule.id === id)
      if (index >= 0) entries.splice(index, 1)
      return index >= 0
    },
    clear() {
      entries.length = 0
    },
    list() {
      return entries.map((entry) =>
        Number.isFinite(entry.remaining) ? { ...entry.rule, remaining: entry.remaining } : entry.rule,
      )
    },
    fire(method, path) {
      let latencyMs = 0
      for (const entry of [...entries]) {
        if (!matches(entry, method, path)) continue
        if (entry.rule.probability !== undefined && !(rng.next() < entry.rule.probability)) continue
        entry.remaining -= 1
        if (entry.remaining <= 0) entries.splice(entries.indexOf(entry), 1)
        if (entry.rule.type === 'latency') {
          latencyMs += entry.rule.ms
          continue
        }
        const { id: _id, method: _m, path: _p, times: _t, probability: _pr, ...fault } = entry.rule
        return { latencyMs, fault: fault as Firing['fault'] }
      }
      return { latencyMs }
    },
  }
}

const ENUM_FIELDS = [
  'status_code_info',
  'type',
  'status',
  'last_refresh_status',
  'data_access',
  'operation_type',
  'account_types',
  'payment_status',
]
const REQUIRED_FIELDS = ['id', 'uuid', 'access_token', 'amount', 'name', 'url', 'consent_url', 'message']
const TYPED_FIELDS = ['id', 'amount', 'balance', 'uuid', 'access_token', 'name', 'url', 'expires_at']

/** Applies a schema drift to a JSON body (the first resource of a list). */
export const applyDrift = (body: unknown, drift: Extract<Fault, { type: 'drift' }>): unknown => {
  if (!body || typeof body !== 'object') return body
  const envelope = body as Record<string, unknown>
  const list = Array.isArray(envelope.resources) ? (envelope.resources as unknown[]) : undefined
  const target = (list ? list[0] : envelope) as Record<string, unknown> | undefined
  if (!target || typeof target !== 'object') return body
  const changed: Record<string, unknown> = { ...target }
  const first = (candidates: readonly string[]) => drift.field ?? candidates.find((key) => key in changed)
  switch (drift.drift) {
    case 'extra-field':
      changed[drift.field ?? 'sandbox_drift_field'] = { added_by: 'bridgeapi-sandbox' }
      break
    case 'unknown-enum': {
      const key = first(ENUM_FIELDS)
      // Integer enums (item `status`) get an unknown code; string enums an unknown word.
      if (key) changed[key] = typeof changed[key] === 'number' ? 9999 : 'sandbox_unknown_value'
      break
    }
    case 'missing-field': {
      const key = first(REQUIRED_FIELDS)
      if (key) delete changed[key]
      break
    }
    case 'wrong-type': {
      const key = first(TYPED_FIELDS)
      if (key) changed[key] = typeof changed[key] === 'number' ? String(changed[key]) : 12345
      break
    }
  }
  return list ? { ...envelope, resources: [changed, ...list.slice(1)] } : changed
}

const REASONS: Readonly<Record<number, string>> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
}

/** The page a proxy in front of Bridge (nginx) shows when it fails. */
export const htmlErrorPage = (status: number): string => {
  const title = `${status} ${REASONS[status] ?? 'Error'}`
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
}
/** Error codes of injected statuses. */
const FAULT_CODES: Readonly<Record<number, string>> = {
  400: 'invalid_request',
  401: 'invalid_client_credentials',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  429: 'too_many_requests',
}
/** The message of an injected status's error body. */
export const faultStatusText = (status: number): string => STATUS_TEXT[status] ?? `HTTP ${status}`

/** The error code of an injected status's error body. */
export const faultCode = (status: number): string =>
  FAULT_CODES[status] ?? (status >= 500 ? 'server_error' : 'error')

/** A proxy's HTML error page (an `html` fault). */
export const htmlResponse = (status: number): Response =>
  new Response(htmlErrorPage(status), { status, headers: { 'content-type': 'text/html', server: 'nginx' } })
