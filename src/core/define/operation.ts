/** defineOperation: an endpoint declaration becomes its public function, which runs the pipeline. */
import type { TaskEither } from 'fp-ts/TaskEither'
import type * as v from 'valibot'
import type { ApiVersion } from '../api-version.js'
import type { Context } from '../context.js'
import type { BridgeError } from '../errors.js'
import { type Endpoint, type Output, perform } from '../http/pipeline.js'
import type { Query } from '../http/query.js'
import type { AuthLevel, CallOptions, ParamsSchema, RequestSpec } from '../http/types.js'
import { asTask } from '../task.js'

export type { AuthLevel, ParamsSchema } from '../http/types.js'

/**
 * An endpoint function. Parameters may be omitted when none is required. Its task reads `_tag`, `left`
 * and `right` as a `TypeError` (call it first): the one deliberate exception to "nothing throws".
 */
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

/** The endpoint function of a declaration, without its attached declaration (see defineOperation). */
const operationOf = <S extends ParamsSchema, R extends v.GenericSchema | null>(
  spec: OperationSpec<S, R>,
): Operation<v.InferInput<S>, Output<R>> => {
  const endpoint: Endpoint<S, R> = {
    ...spec,
    request: (params) => ({
      operation: spec.name,
      api: spec.api,
      method: spec.method,
      path: spec.path(params),
      ...(spec.query ? { query: spec.query(params) } : {}),
      ...(spec.body ? { body: spec.body(params) } : {}),
      ...(spec.idempotent !== undefined ? { idempotent: spec.idempotent } : {}),
    }),
  }
  return ((ctx: Context, params?: v.InferInput<S>, options?: CallOptions) =>
    asTask(() => perform(ctx, endpoint, params, options ?? {}))) as Operation<v.InferInput<S>, Output<R>>
}

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
