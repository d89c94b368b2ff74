/** The request pipeline of every endpoint, top to bottom: check the input, authenticate, send, decode. */
import * as v from 'valibot'
import { replaceRejectedToken, userToken } from '../auth/user-token.js'
import { clockGuard } from '../clock.js'
import { type Context, unusableContext } from '../context.js'
import * as E from '../either.js'
import { type BridgeError, type InputValidationError, inputError, issueList, toIssues } from '../errors.js'
import { REDACTED } from '../redacted.js'
import { unknownKeysOf } from '../unknown-keys.js'
import { withExtra } from './extra.js'
import {
  CALL_OPTION_KEYS,
  callOptionsError,
  decodeBody,
  newCorrelationId,
  type Sent,
  sendRequest,
} from './request.js'
import type { AuthLevel, CallOptions, ParamsSchema, RequestSpec } from './types.js'

/** Validates parameters; on failure no request is sent. */
export const parseParams = <S extends ParamsSchema>(
  name: string,
  schema: S,
  params: unknown,
): E.Either<InputValidationError, v.InferOutput<S>> => {
  // Unknown keys alone when there are some: the schema's own complaints (a required key missing, no
  // union option matching) follow from them, and "unknown key `sinse`: did you mean `since`?" says it all.
  const unknown = unknownKeysOf(schema, params)
  if (unknown.length > 0)
    return E.left(inputError(name, `Invalid parameters for ${name}: ${issueList(unknown)}`, unknown))
  const result = v.safeParse(schema, params ?? {})
  if (result.success) return E.right(result.output)
  const issues = toIssues(result.issues)
  const detail = issueList(issues, (issue) => (issue.path ? `${issue.path} ${issue.message}` : issue.message))
  return E.left(inputError(name, `Invalid parameters for ${name}: ${detail}`, issues))
}

/**
 * Step 1, check the input: the context (validated once by createContext: here only its verdict is
 * read), the call options and the parameters. A bad one sends nothing, not even a token request.
 */
export const checkInput = <S extends ParamsSchema>(
  ctx: Context,
  name: string,
  schema: S,
  params: unknown,
  options: CallOptions,
  optionKeys: readonly string[] = CALL_OPTION_KEYS,
): E.Either<InputValidationError, v.InferOutput<S>> => {
  const unusable = unusableContext(ctx, name) ?? callOptionsError(name, options, optionKeys)
  return unusable ? E.left(unusable) : parseParams(name, schema, params)
}

/**
 * Steps 2 and 3, authenticate and send: the user's bearer token where needed (renewed and sent once
 * more after one 401), the exchange through ofetch with the retry policy, HTTP errors typed. The
 * input must have passed {@link checkInput}. One correlation id for the whole call.
 */
export const exchange = (
  ctx: Context,
  auth: AuthLevel,
  spec: RequestSpec,
  options: CallOptions,
): Promise<Sent> => {
  // Extra parameters (the `extra` option) are added here, so every page of a list carries them too.
  const merged = withExtra(spec, options.extra)
  if (E.isLeft(merged)) return Promise.resolve(merged)
  const call = { ...merged.right, correlationId: spec.correlationId ?? newCorrelationId() }
  if (auth === 'client') return sendRequest(ctx, call, options)
  return clockGuard(spec.operation, async () => {
    const token = await userToken(ctx, spec.api, options, call.correlationId)
    if (E.isLeft(token)) return token
    const sent = await sendRequest(ctx, { ...call, accessToken: token.right }, options)
    if (E.isRight(sent) || sent.left._tag !== 'ApiError' || sent.left.status !== 401) return sent
    const replacement = await replaceRejectedToken(ctx, spec.api, token.right, call.correlationId)
    if (E.isLeft(replacement)) return replacement
    return sendRequest(ctx, { ...call, accessToken: replacement.right }, options)
  })
}

/** What {@link perform} needs of an endpoint (see `defineOperation`). */
export interface Endpoint<S extends ParamsSchema, R extends v.GenericSchema | null> {
  readonly name: string
  readonly auth: AuthLevel
  readonly params: S
  /** The request for valid parameters. */
  readonly request: (params: v.InferOutput<S>) => RequestSpec
  /** Schema of the 2xx body, or `null` when the endpoint answers with no content. */
  readonly response: R
  /** The body holds a credential: a validation error about it keeps its issues, never the body. */
  readonly returnsCredential?: boolean
}

/** The value of a call: the decoded body, or `undefined` for an endpoint answering no content. */
export type Output<R> = R extends v.GenericSchema ? v.InferOutput<R> : undefined

/** One call of an endpoint, every step in order (step 4, decode, last). Never rejects. */
export const perform = async <S extends ParamsSchema, R extends v.GenericSchema | null>(
  ctx: Context,
  endpoint: Endpoint<S, R>,
  params: unknown,
  options: CallOptions = {},
): Promise<E.Either<BridgeError, Output<R>>> => {
  const input = checkInput(ctx, endpoint.name, endpoint.params, params, options)
  if (E.isLeft(input)) return input
  const request = endpoint.request(input.right)
  const sent = await exchange(ctx, endpoint.auth, request, options)
  if (E.isLeft(sent)) return sent
  const decoded = decodeBody(sent.right, endpoint.response, request.method, request.path)
  if (E.isLeft(decoded) && endpoint.returnsCredential) return E.left({ ...decoded.left, body: REDACTED })
  return decoded as E.Either<BridgeError, Output<R>>
}
