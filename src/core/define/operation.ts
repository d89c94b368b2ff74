import type { TaskEither } from 'fp-ts/TaskEither'
import * as v from 'valibot'
import type { ApiVersion } from '../api-version.js'
import { replaceRejectedToken, userToken } from '../auth/user-token.js'
import { type Context, unusableContext } from '../context.js'
import * as E from '../either.js'
import type { BridgeError, InputValidationError } from '../errors.js'
import type { Query } from '../http/query.js'
import {
  type CallOptions,
  callOptionsError,
  decodeBody,
  type RequestSpec,
  type Sent,
  sendRequest,
  toIssues,
} from '../http/request.js'
import { REDACTED } from '../redacted.js'

/** Who an endpoint authenticates as: the application alone, or the context's user (bearer token). */
export type AuthLevel = 'client' | 'user'

/** Parameter schemas: any valibot schema whose output is an object. */
export type ParamsSchema = v.GenericSchema<any, Record<string, any>>

/** An endpoint function. Parameters may be omitted when none is required. */
export type Operation<P, R> = {} extends P
  ? (ctx: Context, params?: P, options?: CallOptions) => TaskEither<BridgeError, R>
  : (ctx: Context, params: P, options?: CallOptions) => TaskEither<BridgeError, R>

/** What an endpoint file declares; the engine does the rest. */
export interface OperationSpec<S extends ParamsSchema, R extends v.GenericSchema | null> {
  /** The exported function name, used in errors and hooks. */
  readonly name: string
  readonly api: ApiVersion
  readonly method: RequestSpec['method']
  readonly auth: AuthLevel
  readonly params: S
  readonly path: (params: v.InferOutput<S>) => string
  readonly query?: (params: v.InferOutput<S>) => Query
  readonly body?: (params: v.InferOutput<S>) => unknown
  /** Schema of the 2xx body, or `null` when the endpoint answers with no content. */
  readonly response: R
  /** Override for POSTs that are safe to repeat. */
  readonly idempotent?: boolean
  /**
   * The 2xx body holds a credential (a token response): a validation error about it keeps its issues,
   * never the body, which may quote the token under any name.
   */
  readonly returnsCredential?: boolean
}

type Output<R> = R extends v.GenericSchema ? v.InferOutput<R> : undefined

/**
 * What an endpoint function carries about itself: its declaration, read by the README's endpoint tables
 * (scripts/readme.ts) and by the tests that must cover every endpoint. Not part of the public API.
 */
export interface EndpointSpec {
  readonly name: string
  readonly api: ApiVersion
  readonly method: RequestSpec['method']
  readonly auth: AuthLevel
  readonly params: ParamsSchema
  readonly path: (params: any) => string
  /** A list endpoint: it returns a `Paginated`. */
  readonly list: boolean
}

// A string key (not a symbol made at load time) keeps endpoint modules free of side effects.
const SPEC_KEY = '~endpoint'

/** Attaches an endpoint's declaration to its function, unenumerable so it stays out of logs. */
export const withSpec = <F extends Function>(fn: F, spec: EndpointSpec): F =>
  Object.defineProperty(fn, SPEC_KEY, { value: spec })

/** The declaration of an endpoint function, or `undefined` for anything else. */
export const endpointSpec = (value: unknown): EndpointSpec | undefined =>
  typeof value === 'function' ? (value as unknown as Record<string, EndpointSpec>)[SPEC_KEY] : undefined

/** The endpoints of an entry point: its exported functions that carry a declaration. */
export const endpointsOf = (entry: Record<string, unknown>): EndpointSpec[] =>
  Object.values(entry).flatMap((value) => endpointSpec(value) ?? [])

/** Validates parameters; on failure no request is sent. */
export const parseParams = <S extends ParamsSchema>(
  name: string,
  schema: S,
  params: unknown,
): E.Either<InputValidationError, v.InferOutput<S>> => {
  const result = v.safeParse(schema, params ?? {})
  if (result.success) return E.right(result.output)
  const issues = toIssues(result.issues)
  return E.left({
    _tag: 'InputValidationError',
    operation: name,
    message: `Invalid parameters for ${name}: ${issues
      .map((issue) => (issue.path ? `${issue.path} ${issue.message}` : issue.message))
      .join('; ')}`,
    issues,
  })
}

/**
 * Sends a request for an endpoint, adding the user's bearer token where needed and, after one 401,
 * renewing it and trying once more. The context and call options are checked first: a bad one sends
 * nothing, not even a token request.
 */
export const sendAuthorized = async (
  ctx: Context,
  auth: AuthLevel,
  spec: RequestSpec,
  options: CallOptions,
): Promise<Sent> => {
  const unusable = unusableContext(ctx, spec.operation) ?? callOptionsError(spec.operation, options)
  if (unusable) return E.left(unusable)
  if (auth === 'client') return sendRequest(ctx, spec, options)
  const token = await userToken(ctx, spec.api, options)
  if (E.isLeft(token)) return token
  const sent = await sendRequest(ctx, { ...spec, accessToken: token.right }, options)
  if (E.isRight(sent) || sent.left._tag !== 'ApiError' || sent.left.status !== 401) return sent
  const replacement = await replaceRejectedToken(ctx, spec.api, token.right)
  if (E.isLeft(replacement)) return replacement
  return sendRequest(ctx, { ...spec, accessToken: replacement.right }, options)
}

/** The endpoint function of a declaration, without its attached declaration (see defineOperation). */
const operationOf = <S extends ParamsSchema, R extends v.GenericSchema | null>(
  spec: OperationSpec<S, R>,
): Operation<v.InferInput<S>, Output<R>> =>
  ((ctx: Context, params?: v.InferInput<S>, options?: CallOptions) =>
    async (): Promise<E.Either<BridgeError, Output<R>>> => {
      const unusable = unusableContext(ctx, spec.name)
      if (unusable) return E.left(unusable)
      const parsed = parseParams(spec.name, spec.params, params)
      if (E.isLeft(parsed)) return parsed
      const request: RequestSpec = {
        operation: spec.name,
        api: spec.api,
        method: spec.method,
        path: spec.path(parsed.right),
        ...(spec.query ? { query: spec.query(parsed.right) } : {}),
        ...(spec.body ? { body: spec.body(parsed.right) } : {}),
        ...(spec.idempotent !== undefined ? { idempotent: spec.idempotent } : {}),
      }
      const sent = await sendAuthorized(ctx, spec.auth, request, options ?? {})
      if (E.isLeft(sent)) return sent
      const decoded = decodeBody(sent.right, spec.response, request.method, request.path)
      if (E.isLeft(decoded) && spec.returnsCredential) return E.left({ ...decoded.left, body: REDACTED })
      return decoded as E.Either<BridgeError, Output<R>>
    }) as Operation<v.InferInput<S>, Output<R>>

/**
 * Turns an endpoint declaration into its public function `(ctx, params, options) => TaskEither`.
 * Nothing is sent until the task runs; invalid parameters give an `InputValidationError` and no request.
 */
/* @__NO_SIDE_EFFECTS__ */ export const defineOperation = <
  S extends ParamsSchema,
  R extends v.GenericSchema | null,
>(
  spec: OperationSpec<S, R>,
): Operation<v.InferInput<S>, Output<R>> => withSpec(operationOf(spec), { ...spec, list: false })
