// 2025-01-15 user routes: users and user access tokens.
import * as v from 'valibot'
import { createUser, listUsers, tokenResponse } from '../common/aggregation.js'
import { clientPost, ExternalUserId, Optional } from '../common/requests.js'
import { clientRoute, empty, json, type Route, type RouteContext } from '../http.js'
import { userView, v3View } from './views.js'

/** Users and user access tokens (client credentials). */

const CreateUserBody = v.object({ external_user_id: Optional(ExternalUserId) })

const TokenBody = v.union([
  v.object({ user_uuid: v.pipe(v.string(), v.minLength(1)) }),
  v.object({ external_user_id: v.pipe(v.string(), v.minLength(1)) }),
])

const userNotFound = (ctx: RouteContext, uuid: string) =>
  ctx.error(404, 'user.not_found', `User not found: ${uuid}`)

export const userRoutes: readonly Route[] = [
  clientPost('/v3/aggregation/users', CreateUserBody, (ctx, b) => {
    return createUser(ctx, v3View, b.external_user_id)
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

  clientPost('/v3/aggregation/authorization/token', TokenBody, (ctx, b) => {
    const user =
      'user_uuid' in b
        ? ctx.state.user(b.user_uuid)
        : ctx.state.findUserBy('externalUserId', b.external_user_id)
    if (!user) return ctx.error(401, 'user.authentication.unauthorized')
    return tokenResponse(ctx, v3View, user, 201)
  }),
]
