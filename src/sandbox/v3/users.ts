import * as v from 'valibot'
import { listUsers, tokenResponse } from '../common/aggregation.js'
import { readBody } from '../common/requests.js'
import { clientRoute, empty, json, type Route, type RouteContext } from '../http.js'
import { userView, v3View } from './views.js'

/** Users and user access tokens (client credentials). */

/** `external_user_id` format from Bridge's reference: 1–128 letters, digits, `-` or `_`. */
const ExternalUserId = v.pipe(v.string(), v.regex(/^[a-zA-Z0-9_-]{1,128}$/))

const CreateUserBody = v.object({ external_user_id: v.optional(ExternalUserId) })

const TokenBody = v.union([
  v.object({ user_uuid: v.pipe(v.string(), v.minLength(1)) }),
  v.object({ external_user_id: v.pipe(v.string(), v.minLength(1)) }),
])

const userNotFound = (ctx: RouteContext, uuid: string) =>
  ctx.error(404, 'user.not_found', `User not found: ${uuid}`)

export const userRoutes: readonly Route[] = [
  clientRoute('POST', '/v3/aggregation/users', (ctx) => {
    const body = readBody(ctx, CreateUserBody)
    if (!body.ok) return body.response
    const externalUserId = body.value.external_user_id
    // Uniqueness of external_user_id is not documented for 2025-01-15; the sandbox enforces it
    // (2021-06-01 answered 409 "conflict") so that tokens by external id are unambiguous.
    if (externalUserId !== undefined && ctx.state.findUserBy('externalUserId', externalUserId))
      return ctx.error(409, 'conflict', `User '${externalUserId}' already exists`)
    const user = ctx.state.createUser(externalUserId === undefined ? {} : { externalUserId })
    return json(201, userView(user))
  }),

  clientRoute('GET', '/v3/aggregation/users', listUsers(v3View)),

  clientRoute('GET', '/v3/aggregation/users/:uuid', (ctx) => {
    const user = ctx.state.user(ctx.params.uuid as string)
    if (!user) return userNotFound(ctx, ctx.params.uuid as string)
    return json(200, userView(user))
  }),

  clientRoute('DELETE', '/v3/aggregation/users/:uuid', (ctx) => {
    const uuid = ctx.params.uuid as string
    if (!ctx.state.deleteUser(uuid)) return userNotFound(ctx, uuid)
    return empty(204)
  }),

  clientRoute('POST', '/v3/aggregation/authorization/token', (ctx) => {
    const body = readBody(ctx, TokenBody)
    if (!body.ok) return body.response
    const user =
      'user_uuid' in body.value
        ? ctx.state.user(body.value.user_uuid)
        : ctx.state.findUserBy('externalUserId', body.value.external_user_id)
    if (!user) return ctx.error(401, 'user.authentication.unauthorized')
    return tokenResponse(ctx, v3View, user, 201)
  }),
]
