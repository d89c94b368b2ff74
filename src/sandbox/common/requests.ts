// Request helpers for every API version's routes: query parsing, body validation, list envelopes, 404s.
import * as v from 'valibot'
import {
  clientRoute,
  iso,
  json,
  type Route,
  type RouteContext,
  type UserRouteContext,
  userRoute,
} from '../http.js'
import { type Cursoring, nextUri, type ParamError, paginate, readLimit } from '../pagination.js'
import type { OwnedKind } from '../state.js'

/** Helpers every API version's routes use: query parsing, body validation, list envelopes, 404s. */

/** 400 `invalid_request` for a bad query parameter or body property. */
export const badRequest = (ctx: RouteContext, problem: ParamError): Response =>
  ctx.error(400, 'invalid_request', problem.message, problem.property)

const isParamError = (value: unknown): value is ParamError =>
  !!value && typeof value === 'object' && 'property' in value && 'message' in value

/** A query parameter reader: the value, or the problem with it. */
type QueryReader = (raw: string, name: string) => unknown

/** What {@link readQuery} read: each parameter that was sent, as its reader gave it. */
type QueryValues<R extends Record<string, QueryReader>> = {
  [K in keyof R]?: Exclude<ReturnType<R[K]>, ParamError>
}

/** Reads optional query parameters; the first problem wins. */
export const readQuery = <R extends Record<string, QueryReader>>(
  query: URLSearchParams,
  readers: R,
): QueryValues<R> | ParamError => {
  const out: Record<string, unknown> = {}
  for (const [name, reader] of Object.entries(readers)) {
    const raw = query.get(name)
    if (raw === null) continue
    const value = reader(raw, name)
    if (isParamError(value)) return value
    out[name] = value
  }
  return out as QueryValues<R>
}

/** A handler that gets the query parameters `readers` read, or answers 400 with the first problem. */
export const withQuery =
  <R extends Record<string, QueryReader>, C extends RouteContext>(
    readers: R,
    handle: (ctx: C, query: QueryValues<R>) => Response,
  ) =>
  (ctx: C): Response => {
    const query = readQuery(ctx.query, readers)
    return isParamError(query) ? badRequest(ctx, query) : handle(ctx, query)
  }

/** A numeric id in the query (`account_id`, `item_id`, …). */
export const idQuery = (raw: string, name: string): number | ParamError =>
  /^\d{1,16}$/.test(raw) && Number.isSafeInteger(Number(raw))
    ? Number(raw)
    : { property: name, message: `${name} must be a numeric id` }

/** An ISO 8601 instant in the query (`since`, `until`), as ms. */
export const instantQuery = (raw: string, name: string): number | ParamError => {
  const ms = Date.parse(raw)
  return /^\d{4}-\d\d-\d\d(T[\d:.]+(Z|[+-]\d\d:?\d\d)?)?$/.test(raw) && Number.isFinite(ms)
    ? ms
    : { property: name, message: `${name} must be an ISO 8601 date-time` }
}

/** A `YYYY-MM-DD` date in the query (`min_date`, `max_date`). */
export const dateQuery = (raw: string, name: string): string | ParamError =>
  /^\d{4}-\d\d-\d\d$/.test(raw) && Number.isFinite(Date.parse(raw))
    ? raw
    : { property: name, message: `${name} must be a YYYY-MM-DD date` }

/** Any non-empty string. */
export const textQuery = (raw: string, name: string): string | ParamError =>
  raw === '' ? { property: name, message: `${name} must not be empty` } : raw

/** Validates a JSON body; 400 `invalid_request` "Invalid body content" with the property on failure. */
export const readBody = <S extends v.GenericSchema>(
  ctx: RouteContext,
  schema: S,
): { ok: true; value: v.InferOutput<S> } | { ok: false; response: Response } => {
  const result = v.safeParse(schema, ctx.body ?? {})
  if (result.success) return { ok: true, value: result.output }
  const property = v.getDotPath(result.issues[0])
  return {
    ok: false,
    response: ctx.error(400, 'invalid_request', 'Invalid body content', property ?? undefined),
  }
}

/** A handler that gets the body `schema` validated, or answers 400 as {@link readBody} does. */
export const withBody =
  <S extends v.GenericSchema, C extends RouteContext>(
    schema: S,
    handle: (ctx: C, body: v.InferOutput<S>) => Response,
  ) =>
  (ctx: C): Response => {
    const read = readBody(ctx, schema)
    return read.ok ? handle(ctx, read.value) : read.response
  }

/** A client-credentials `POST` route whose handler gets the body `schema` validated (see {@link withBody}). */
export const clientPost = <S extends v.GenericSchema>(
  pattern: string,
  schema: S,
  handle: (ctx: RouteContext, body: v.InferOutput<S>) => Response,
): Route => clientRoute('POST', pattern, withBody(schema, handle))

/** A user-level `POST` route (bearer token) whose handler gets the body `schema` validated. */
export const userPost = <S extends v.GenericSchema>(
  pattern: string,
  schema: S,
  handle: (ctx: UserRouteContext, body: v.InferOutput<S>) => Response,
): Route => userRoute('POST', pattern, withBody(schema, handle))

/** A list page: the envelope Bridge sends (`generated_at` only on the lists that have it). */
export const listResponse = <T>(
  ctx: RouteContext,
  sorted: readonly T[],
  cursoring: Cursoring<T>,
  view: (item: T) => unknown,
  options: { generatedAt?: boolean; filter?: (item: T) => boolean } = {},
): Response => {
  const limit = readLimit(ctx.query)
  if (typeof limit !== 'number') return badRequest(ctx, limit)
  const page = paginate(sorted, cursoring, ctx.query.get('after'), limit, options.filter)
  if (isParamError(page)) return badRequest(ctx, page)
  return json(200, {
    resources: page.items.map(view),
    ...(options.generatedAt ? { generated_at: iso(ctx.clock.now()) } : {}),
    pagination: { next_uri: nextUri(ctx.url.pathname, ctx.query, limit, page.nextAfter) },
  })
}

/** Bridge's "X 123 not found for user <uuid>" 404s of user-level resources. */
export const notFoundForUser = (ctx: UserRouteContext, resource: OwnedKind, id: string): Response => {
  const label = resource[0]?.toUpperCase() + resource.slice(1)
  return ctx.error(404, `${resource}.not_found`, `${label} ${id} not found for user ${ctx.user.uuid}`)
}

/** Bridge's generic 404. */
export const notFound = (ctx: RouteContext): Response =>
  ctx.error(404, 'not_found', "The requested resource doesn't exist")

/**
 * A documented-optional body field: absent, or an explicit `null` (the live API accepts both, issue 23),
 * read as absent so that handlers see `undefined` either way.
 */
export const Optional = <S extends v.GenericSchema>(schema: S) =>
  v.pipe(
    v.nullish(schema),
    v.transform((value) => value ?? undefined),
  )

/** Non-empty, bounded string in a body. */
export const Text = (max = 1000) => v.pipe(v.string(), v.minLength(1), v.maxLength(max))

/** `external_user_id` format from Bridge's reference: 1–128 letters, digits, `-` or `_`. */
export const ExternalUserId = v.pipe(v.string(), v.regex(/^[a-zA-Z0-9_-]{1,128}$/))
