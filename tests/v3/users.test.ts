import { describe, expect, it } from 'vitest'
import {
  collect,
  createAuthorizationToken,
  createUser,
  deleteUser,
  getUser,
  listUsers,
} from '../../src/index.js'
import { leftOf, rightOf } from '../support/either.js'
import {
  answering,
  clientContext,
  exampleBody,
  exampleRequestBody,
  expectInputError,
  expectRequest,
  json,
  recordingFetch,
} from './helpers.js'

describe('users and authorization token (client credentials)', () => {
  it('createUser posts external_user_id and returns the user', async () => {
    const { fetch, requests } = answering(201, exampleBody('users.json', 'create_user'))
    const user = rightOf(await createUser(clientContext(fetch), { externalUserId: 'user-001' })())
    expectRequest(requests[0], {
      method: 'POST',
      path: '/v3/aggregation/users',
      body: exampleRequestBody('users.json', 'create_user'),
      auth: 'client',
    })
    expect(user.uuid).toBe('de305d54-75b4-431b-adb2-eb6b9e546014')
  })

  it('listUsers pages through users, getUser and deleteUser address one by uuid', async () => {
    const uuid = '6b2af12a-171f-43fe-841c-34b7771cacfe'
    const { fetch, requests } = recordingFetch((request) =>
      request.method === 'DELETE'
        ? new Response(null, { status: 204 })
        : request.path.endsWith(uuid)
          ? json(200, exampleBody('users.json', 'get_user'))
          : json(200, exampleBody('users.json', 'list_users')),
    )
    const ctx = clientContext(fetch)
    const users = rightOf(await collect(listUsers(ctx, { limit: 2 }))())
    expect(users.map((user) => user.uuid)).toEqual([
      '6b2af12a-171f-43fe-841c-34b7771cacfe',
      'c7c8c492-a653-4785-b973-e37ebe3f6a60',
    ])
    expect(rightOf(await getUser(ctx, { userUuid: uuid })()).external_user_id).toBe('user-001')
    expect(rightOf(await deleteUser(ctx, { userUuid: uuid })())).toBeUndefined()
    expectRequest(requests[0], {
      method: 'GET',
      path: '/v3/aggregation/users',
      search: '?limit=2',
      auth: 'client',
    })
    expectRequest(requests[1], { method: 'GET', path: `/v3/aggregation/users/${uuid}`, auth: 'client' })
    expectRequest(requests[2], { method: 'DELETE', path: `/v3/aggregation/users/${uuid}`, auth: 'client' })
  })

  it('getUser maps the documented 404 to an ApiError with its code', async () => {
    const { fetch } = answering(404, exampleBody('users.json', 'get_user_error_404'))
    const error = leftOf(await getUser(clientContext(fetch), { userUuid: 'missing' })())
    expect(error).toMatchObject({ _tag: 'ApiError', status: 404, code: 'user.not_found' })
  })

  it('createAuthorizationToken sends user_uuid and hides the token', async () => {
    const { fetch, requests } = answering(
      201,
      exampleBody('authorization-token.json', 'create_authorization_token'),
    )
    const token = rightOf(
      await createAuthorizationToken(clientContext(fetch), {
        userUuid: 'de305d54-75b4-431b-adb2-eb6b9e546014',
      })(),
    )
    expectRequest(requests[0], {
      method: 'POST',
      path: '/v3/aggregation/authorization/token',
      body: exampleRequestBody('authorization-token.json', 'create_authorization_token'),
      auth: 'client',
    })
    expect(JSON.stringify(token)).not.toContain('0000000000000000000000000000000000000000')
    expect(token.access_token.reveal()).toMatch(/^0{40}-/)
  })

  it('refuses invalid users and tokens without sending anything', async () => {
    const { fetch, requests } = answering(201, {})
    const ctx = clientContext(fetch)
    expectInputError(await createUser(ctx, { externalUserId: 'has spaces' })(), requests, 'externalUserId')
    expectInputError(await getUser(ctx, { userUuid: '..' })(), requests, 'userUuid')
    expect(leftOf(await createAuthorizationToken(ctx, {} as never)())._tag).toBe('InputValidationError')
    expect(requests).toHaveLength(0)
  })
})
