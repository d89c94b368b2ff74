// 2021-06-01 user routes: users (e-mail/password too), authentication, logout.
import * as v from 'valibot'
import { createUser, listUsers, tokenResponse } from '../common/aggregation.js'
import { clientPost, ExternalUserId, notFound, Optional, readBody } from '../common/requests.js'
import { clientRoute, empty, json, type Route, type RouteContext, userRoute } from '../http.js'
import type { UserRecord } from '../state.js'
import { userView, v2View } from './views.js'

/**
 * Users, e-mail/password included, and authentication (client credentials); logout and e-mail
 * confirmation (bearer token).
 */

const Email = v.pipe(v.string(), v.maxLength(320), v.includes('@'))
/** "at least 6 characters and less than 72". */
const Password = v.pipe(v.string(), v.minLength(6), v.maxLength(71))

const CreateUserBody = v.union([
  v.object({ email: Email, password: Password }),
  v.object({ external_user_id: Optional(ExternalUserId) }),
])

const AuthenticateBody = v.union([
  v.object({ email: v.string(), password: v.string() }),
  v.object({ user_uuid: v.pipe(v.string(), v.minLength(1)) }),
  v.object({ external_user_id: v.pipe(v.string(), v.minLength(1)) }),
])

const conflict = (ctx: RouteContext, who: string) =>
  ctx.error(409, 'conflict', `User '${who}' already exists`)

/** A legacy user's password check: e-mail/password users must give theirs. */
const wrongPassword = (user: UserRecord, password: unknown): boolean =>
  user.password !== undefined && password !== user.password

const unauthorized = (ctx: RouteContext) => ctx.error(401, 'invalid_credentials', 'Invalid email or password')

/** Users, authentication, logout and e-mail confirmation. */
export const userRoutes: readonly Route[] = [
  clientPost('/v2/users', CreateUserBody, (ctx, b) => {
    if ('email' in b) {
      if (ctx.state.findUserBy('email', b.email)) return conflict(ctx, b.email)
      return json(201, userView(ctx.state.createUser({ email: b.email, password: b.password })))
    }
    return createUser(ctx, v2View, b.external_user_id)
  }),

  clientRoute('GET', '/v2/users', listUsers(v2View)),

  clientRoute('DELETE', '/v2/users', (ctx) => {
    for (const user of ctx.state.listUsers()) ctx.state.deleteUser(user.uuid)
    return empty(204)
  }),

  clientRoute('GET', '/v2/users/:uuid', (ctx) => {
    const user = ctx.state.user(ctx.params.uuid as string)
    return user ? json(200, userView(user)) : notFound(ctx)
  }),

  clientRoute('POST', '/v2/users/:uuid/delete', (ctx) => {
    const user = ctx.state.user(ctx.params.uuid as string)
    if (!user) return notFound(ctx)
    if (wrongPassword(user, (ctx.body as { password?: unknown } | undefined)?.password))
      return unauthorized(ctx)
    ctx.state.deleteUser(user.uuid)
    return empty(204)
  }),

  clientRoute('PUT', '/v2/users/:uuid/email', (ctx) => {
    const user = ctx.state.user(ctx.params.uuid as string)
    if (!user) return notFound(ctx)
    const body = readBody(ctx, v.object({ password: v.string(), new_email: Email }))
    if (!body.ok) return body.response
    if (wrongPassword(user, body.value.password)) return unauthorized(ctx)
    const taken = ctx.state.findUserBy('email', body.value.new_email)
    if (taken && taken.uuid !== user.uuid) return conflict(ctx, body.value.new_email)
    return json(200, userView(ctx.state.updateUser(user, { email: body.value.new_email })))
  }),

  clientRoute('PUT', '/v2/users/:uuid/password', (ctx) => {
    const user = ctx.state.user(ctx.params.uuid as string)
    if (!user) return notFound(ctx)
    const body = readBody(ctx, v.object({ current_password: v.string(), new_password: Password }))
    if (!body.ok) return body.response
    if (wrongPassword(user, body.value.current_password)) return unauthorized(ctx)
    return json(200, userView(ctx.state.updateUser(user, { password: body.value.new_password })))
  }),

  clientPost('/v2/authenticate', AuthenticateBody, (ctx, b) => {
    const user =
      'email' in b
        ? ctx.state.findUserBy('email', b.email)
        : 'user_uuid' in b
          ? ctx.state.user(b.user_uuid)
          : ctx.state.findUserBy('externalUserId', b.external_user_id)
    if (!user || ('email' in b && user.password !== b.password)) return unauthorized(ctx)
    return tokenResponse(ctx, v2View, user, 200)
  }),

  userRoute('POST', '/v2/logout', (ctx) => {
    ctx.state.revokeToken(ctx.token.accessToken)
    return empty(200)
  }),

  userRoute('GET', '/v2/users/me/email/confirmation', () =>
    // The sandbox sends no confirmation e-mail, so no address is ever confirmed.
    json(200, { name: 'email', is_confirmed: false }),
  ),
]
