import { describe, expect, it } from 'vitest'
import { createConnectSession, createUserManagementSession } from '../../src/index.js'
import { leftOf, rightOf } from '../support/either.js'
import {
  answering,
  exampleBody,
  exampleRequestBody,
  expectInputError,
  expectRequest,
  userContext,
} from './helpers.js'

describe('connect and user-management sessions (user token)', () => {
  it('createConnectSession maps every option to Bridge names and returns the session', async () => {
    const { fetch, requests } = answering(201, exampleBody('connect-sessions.json', 'create_connect_session'))
    const ctx = await userContext(fetch)
    const session = rightOf(
      await createConnectSession(ctx, {
        userEmail: 'j.doe@mail.com',
        countryCode: 'FR',
        capabilities: ['aggregation'],
        allowAccountSelection: false,
        maxSelectableAccounts: 2,
        callbackUrl: 'https://app.example/done',
        context: 'order-42',
        accountTypes: 'all',
        providerId: 574,
        itemId: 9513546,
        forceReauthentication: true,
      })(),
    )
    expectRequest(requests[0], {
      method: 'POST',
      path: '/v3/aggregation/connect-sessions',
      body: {
        user_email: 'j.doe@mail.com',
        country_code: 'FR',
        capabilities: ['aggregation'],
        allow_account_selection: false,
        max_selectable_accounts: 2,
        callback_url: 'https://app.example/done',
        context: 'order-42',
        account_types: 'all',
        provider_id: 574,
        item_id: 9513546,
        force_reauthentication: true,
      },
      auth: 'user',
    })
    expect(session).toEqual(exampleBody('connect-sessions.json', 'create_connect_session'))
  })

  it('createConnectSession sends only the given fields (the documented body)', async () => {
    const { fetch, requests } = answering(201, exampleBody('connect-sessions.json', 'create_connect_session'))
    await createConnectSession(await userContext(fetch), { userEmail: 'j.doe@mail.com' })()
    expect(requests[0]?.body).toEqual(exampleRequestBody('connect-sessions.json', 'create_connect_session'))
  })

  it('createConnectSession maps the documented 400 to an ApiError', async () => {
    const { fetch } = answering(400, exampleBody('connect-sessions.json', 'create_connect_session_error_400'))
    const error = leftOf(
      await createConnectSession(await userContext(fetch), { userEmail: 'j.doe@mail.com' })(),
    )
    expect(error).toMatchObject({
      _tag: 'ApiError',
      status: 400,
      code: 'connect_session.account_types_invalid',
    })
  })

  it('createConnectSession refuses bad options without sending anything', async () => {
    const { fetch, requests } = answering(201, {})
    const ctx = await userContext(fetch)
    expectInputError(await createConnectSession(ctx, { userEmail: 'not-an-email' })(), requests, 'userEmail')
    expectInputError(await createConnectSession(ctx, { context: 'has spaces' })(), requests, 'context')
    expectInputError(
      await createConnectSession(ctx, { countryCode: 'US' as 'FR' })(),
      requests,
      'countryCode',
    )
    expectInputError(
      await createConnectSession(ctx, { accountTypes: 'savings' as 'all' })(),
      requests,
      'accountTypes',
    )
    expectInputError(
      await createConnectSession(ctx, { callbackUrl: 'ftp://x.example' })(),
      requests,
      'callbackUrl',
    )
  })

  it('createUserManagementSession posts user_email and returns the session', async () => {
    const body = exampleBody('connect-sessions.json', 'create_user_management_session')
    const { fetch, requests } = answering(201, body)
    const session = rightOf(
      await createUserManagementSession(await userContext(fetch), { userEmail: 'j.doe@mail.com' })(),
    )
    expectRequest(requests[0], {
      method: 'POST',
      path: '/v3/aggregation/user-management-sessions',
      body: exampleRequestBody('connect-sessions.json', 'create_user_management_session'),
      auth: 'user',
    })
    expect(session.url).toBe('https://connect.bridgeapi.io/user/e953f3c4-d7d9-4161-a50a-f92f330d08ea')
  })

  it('createUserManagementSession sends every documented option, and none when none is given', async () => {
    const body = exampleBody('connect-sessions.json', 'create_user_management_session')
    const { fetch, requests } = answering(201, body)
    const ctx = await userContext(fetch)
    rightOf(
      await createUserManagementSession(ctx, {
        userEmail: 'j.doe@mail.com',
        callbackUrl: 'https://app.example/done',
        context: 'order-42',
        countryCode: 'FR',
        capabilities: ['aggregation'],
        allowAccountSelection: false,
        accountTypes: 'all',
      })(),
    )
    expectRequest(requests[0], {
      method: 'POST',
      path: '/v3/aggregation/user-management-sessions',
      body: {
        user_email: 'j.doe@mail.com',
        callback_url: 'https://app.example/done',
        context: 'order-42',
        country_code: 'FR',
        capabilities: ['aggregation'],
        allow_account_selection: false,
        account_types: 'all',
      },
      auth: 'user',
    })
    // Temporary bank synchronisation: no e-mail.
    rightOf(await createUserManagementSession(ctx)())
    expect(requests[1]?.body).toEqual({})
  })

  it('createUserManagementSession refuses a long or odd context, or a non-http callback, sending nothing', async () => {
    const { fetch, requests } = answering(201, {})
    const ctx = await userContext(fetch)
    expectInputError(
      await createUserManagementSession(ctx, { context: 'a'.repeat(101) })(),
      requests,
      'context',
    )
    expectInputError(await createUserManagementSession(ctx, { context: 'a b' })(), requests, 'context')
    expectInputError(
      await createUserManagementSession(ctx, { callbackUrl: 'ftp://example.com' })(),
      requests,
      'callbackUrl',
    )
    expectInputError(
      await createUserManagementSession(ctx, { countryCode: 'fr' as never })(),
      requests,
      'countryCode',
    )
  })
})
