import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import {
  authenticateUser,
  createContext,
  createUser,
  deleteAllUsers,
  deleteUser,
  getEmailValidation,
  getUser,
  listUsers,
  Redacted,
  type RequestEvent,
  type ResponseEvent,
  UserAuthInfo,
  updateUserEmail,
  updateUserPassword,
} from '../../src/v2/index.js'
import { leftOf, rightOf } from '../support/either.js'
import {
  authBody,
  CLIENT,
  clientContext,
  empty,
  expectRequest,
  fakeBridge,
  fixture,
  itemsOf,
  json,
  page,
  recordingFetch,
  USER,
  userContext,
} from './support.js'

const legacyUser = { uuid: '2ac33923-8c8f-4913-a7c7-7898d67159be', email: 'foo@email.com' }
const externalUser = { uuid: '6fe87fd6-9ad2-4d3b-b5ad-b6c440638c17', external_user_id: 'A6JEJIID1919BDS' }

describe('users (client credentials)', () => {
  it('createUser sends { email, password } and parses the recorded 201', async () => {
    const bridge = fakeBridge(() => json(201, legacyUser))
    const user = rightOf(
      await createUser(clientContext(bridge.fetch), { email: 'foo@email.com', password: 'password123' })(),
    )
    expect(user).toEqual(legacyUser)
    expectRequest(bridge.requests[0], {
      method: 'POST',
      path: '/v2/users',
      body: { email: 'foo@email.com', password: 'password123' },
      user: false,
    })
  })

  it('createUser takes the password as a Redacted too', async () => {
    const bridge = fakeBridge(() => json(201, legacyUser))
    await createUser(clientContext(bridge.fetch), {
      email: 'foo@email.com',
      password: new Redacted('password123'),
    })()
    expect(JSON.parse(bridge.requests[0]!.body!)).toEqual({ email: 'foo@email.com', password: 'password123' })
  })

  it('createUser sends the documented external-id body, or {} without one', async () => {
    const example = fixture('auth.json').create_user_request_external_user_id.body
    const bridge = fakeBridge(() => json(201, externalUser))
    const ctx = clientContext(bridge.fetch)
    expect(rightOf(await createUser(ctx, { externalUserId: example.external_user_id })())).toEqual(
      externalUser,
    )
    rightOf(await createUser(ctx)())
    expectRequest(bridge.requests[0], { method: 'POST', path: '/v2/users', body: example, user: false })
    expectRequest(bridge.requests[1], { method: 'POST', path: '/v2/users', body: {}, user: false })
  })

  it('listUsers pages through GET /v2/users', async () => {
    const bridge = fakeBridge((request) =>
      request.query.get('after')
        ? json(200, page([externalUser]))
        : json(200, page([legacyUser], '/v2/users?after=MQ&limit=1')),
    )
    expect(await itemsOf(listUsers(clientContext(bridge.fetch), { limit: 1 }))).toEqual([
      legacyUser,
      externalUser,
    ])
    expectRequest(bridge.requests[0], { method: 'GET', path: '/v2/users', query: 'limit=1', user: false })
    expectRequest(bridge.requests[1], {
      method: 'GET',
      path: '/v2/users',
      query: 'limit=1&after=MQ',
      user: false,
    })
  })

  it('getUser gets GET /v2/users/{uuid}', async () => {
    const bridge = fakeBridge(() => json(200, legacyUser))
    expect(rightOf(await getUser(clientContext(bridge.fetch), { userUuid: legacyUser.uuid })())).toEqual(
      legacyUser,
    )
    expectRequest(bridge.requests[0], { method: 'GET', path: `/v2/users/${legacyUser.uuid}`, user: false })
  })

  it('deleteUser posts the password to /v2/users/{uuid}/delete (204), or {} without one', async () => {
    const bridge = fakeBridge(() => empty(204))
    const ctx = clientContext(bridge.fetch)
    expect(
      rightOf(await deleteUser(ctx, { userUuid: legacyUser.uuid, password: 'password123' })()),
    ).toBeUndefined()
    rightOf(await deleteUser(ctx, { userUuid: externalUser.uuid })())
    expectRequest(bridge.requests[0], {
      method: 'POST',
      path: `/v2/users/${legacyUser.uuid}/delete`,
      body: { password: 'password123' },
      user: false,
    })
    expectRequest(bridge.requests[1], {
      method: 'POST',
      path: `/v2/users/${externalUser.uuid}/delete`,
      body: {},
      user: false,
    })
  })

  it('deleteAllUsers sends DELETE /v2/users with no body', async () => {
    const bridge = fakeBridge(() => empty(204))
    rightOf(await deleteAllUsers(clientContext(bridge.fetch))())
    expectRequest(bridge.requests[0], { method: 'DELETE', path: '/v2/users', user: false })
  })

  it('authenticateUser sends each documented body and hides the token in a Redacted', async () => {
    const example = fixture('auth.json')
    const { fetch, requests } = recordingFetch(() => json(200, example.authenticate_response.body))
    const ctx = clientContext(fetch)
    const auth = rightOf(await authenticateUser(ctx, { email: USER.email, password: USER.password })())
    expect(auth.access_token).toBeInstanceOf(Redacted)
    expect(auth.access_token.reveal()).toBe('...')
    expect(auth.expires_at).toBe('2019-05-06T11:08:25.040Z')
    expect(auth.user).toEqual({
      uuid: 'c2a26c9e-dc23-4f67-b887-bbae0f26c415',
      external_user_id: 'A6JEJIID1919BDS',
    })
    expect(JSON.stringify(auth)).not.toContain('"..."')
    await authenticateUser(ctx, { userUuid: 'c2a26c9e-dc23-4f67-b887-bbae0f26c415' })()
    await authenticateUser(ctx, { externalUserId: 'A6JEJIID1919BDS' })()
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill('POST /v2/authenticate'))
    expect(requests.map((r) => JSON.parse(r.body!))).toEqual([
      USER,
      example.authenticate_request_by_uuid.body,
      example.authenticate_request_by_external_user_id.body,
    ])
    expect(requests[0]!.headers.get('authorization')).toBeNull()
  })

  it('updateUserEmail and updateUserPassword PUT the documented bodies', async () => {
    const bridge = fakeBridge(() => json(200, legacyUser))
    const ctx = clientContext(bridge.fetch)
    rightOf(
      await updateUserEmail(ctx, {
        userUuid: legacyUser.uuid,
        password: 'password123',
        newEmail: 'new@doe.com',
      })(),
    )
    rightOf(
      await updateUserPassword(ctx, {
        userUuid: legacyUser.uuid,
        currentPassword: 'password123',
        newPassword: 'n3w-password',
      })(),
    )
    expectRequest(bridge.requests[0], {
      method: 'PUT',
      path: `/v2/users/${legacyUser.uuid}/email`,
      body: { password: 'password123', new_email: 'new@doe.com' },
      user: false,
    })
    expectRequest(bridge.requests[1], {
      method: 'PUT',
      path: `/v2/users/${legacyUser.uuid}/password`,
      body: { current_password: 'password123', new_password: 'n3w-password' },
      user: false,
    })
  })

  it('updateUserPassword is not retried after a 5xx (the first attempt may have changed the password)', async () => {
    const bridge = fakeBridge(() =>
      json(503, { type: 'unavailable', message: 'try later', documentation_url: null }),
    )
    const ctx = createContext({ ...CLIENT, fetch: bridge.fetch, retry: { retries: 2, baseDelayMs: 1 } })
    leftOf(
      await updateUserPassword(ctx, {
        userUuid: 'u',
        currentPassword: 'password123',
        newPassword: 'n3w-password',
      })(),
    )
    expect(bridge.requests).toHaveLength(1)
  })
})

describe('getEmailValidation (user token)', () => {
  it('gets GET /v2/users/me/email/confirmation', async () => {
    const bridge = fakeBridge(() => json(200, { name: 'email', is_confirmed: true }))
    const validation = rightOf(await getEmailValidation(userContext(bridge.fetch))())
    expect(validation).toEqual({ name: 'email', is_confirmed: true })
    expectRequest(bridge.calls()[0], { method: 'GET', path: '/v2/users/me/email/confirmation', user: true })
  })
})

describe('passwords never leak', () => {
  const SECRET = 'hunter2-very-secret'

  it('does not show a refused password in the InputValidationError, and sends nothing', async () => {
    const bridge = fakeBridge(() => json(201, legacyUser))
    const ctx = clientContext(bridge.fetch)
    const tooLong = `${SECRET}${'x'.repeat(80)}`
    const errors = [
      leftOf(await createUser(ctx, { email: 'a@b.c', password: tooLong })()),
      leftOf(await createUser(ctx, { email: 'no-at-sign', password: SECRET })()),
      leftOf(
        await updateUserPassword(ctx, { userUuid: 'u', currentPassword: SECRET, newPassword: 'short' })(),
      ),
      leftOf(await deleteUser(ctx, { userUuid: 'u', password: tooLong })()),
    ]
    for (const error of errors) {
      expect(error._tag).toBe('InputValidationError')
      expect(JSON.stringify(error)).not.toContain(SECRET)
    }
    expect(bridge.requests).toHaveLength(0)
  })

  it('keeps passwords out of API errors and hook events', async () => {
    const events: (RequestEvent | ResponseEvent)[] = []
    const bridge = recordingFetch(() =>
      json(409, {
        type: 'conflict',
        message: "User 'foo@email.com' already exists",
        documentation_url: null,
      }),
    )
    const ctx = createContext({
      ...CLIENT,
      fetch: bridge.fetch,
      retry: 0,
      hooks: { onRequest: (e) => events.push(e), onResponse: (e) => events.push(e) },
    })
    const errors = [
      leftOf(await createUser(ctx, { email: 'foo@email.com', password: SECRET })()),
      leftOf(await deleteUser(ctx, { userUuid: 'u', password: SECRET })()),
      leftOf(
        await updateUserPassword(ctx, { userUuid: 'u', currentPassword: SECRET, newPassword: SECRET })(),
      ),
      leftOf(await updateUserEmail(ctx, { userUuid: 'u', password: SECRET, newEmail: 'new@example.com' })()),
      leftOf(await authenticateUser(ctx, { email: 'foo@email.com', password: SECRET })()),
    ]
    expect(errors[0]).toMatchObject({ _tag: 'ApiError', status: 409, code: 'conflict' })
    expect(bridge.requests.every((r) => r.body?.includes(SECRET))).toBe(true)
    expect(events).toHaveLength(10)
    expect(JSON.stringify([errors, events])).not.toContain(SECRET)
  })
})

describe('UserAuthInfo schema', () => {
  it('parses the recorded legacy-user answer', () => {
    const parsed = v.parse(UserAuthInfo, authBody())
    expect(parsed.user.email).toBe(USER.email)
    expect(String(parsed.access_token)).toBe('[redacted]')
  })
})
