import { describe, expect, it } from 'vitest'
import {
  collect,
  createAuthorizationToken,
  createConnectSession,
  createUser,
  createUserManagementSession,
  deleteItem,
  deleteUser,
  getAccount,
  getAccountsInformation,
  getCategory,
  getCategoryInsights,
  getItem,
  getStock,
  getTransaction,
  getUser,
  listAccounts,
  listCategories,
  listItems,
  listStocks,
  listTransactions,
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
  userContext,
} from './helpers.js'

/** A stock built from the reference's field table (Bridge's stock examples are not in the examples folder). */
const stock = {
  id: 5678,
  account_id: 48178050,
  label: 'FACEBOOK',
  ticker: 'FB',
  marketplace: 'null',
  isin: 'US30303M1027',
  stock_key: 'US30303M1027-FACEBOOK--USD',
  current_price: 512.3,
  currency_code: 'USD',
  quantity: 3,
  total_value: 1536.9,
  average_purchase_price: 320.12,
  value_date: '2024-11-20',
  deleted: false,
  created_at: '2024-10-01T05:15:13.195Z',
  updated_at: '2024-11-20T16:10:09.429Z',
}

const LAST_PAGE = { resources: [], pagination: { next_uri: null } }

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

describe('items (user token)', () => {
  it('listItems returns every item with its status', async () => {
    const { fetch, requests } = answering(200, exampleBody('items.json', 'list_items'))
    const items = rightOf(await collect(listItems(await userContext(fetch), { limit: 50 }))())
    expectRequest(requests[0], {
      method: 'GET',
      path: '/v3/aggregation/items',
      search: '?limit=50',
      auth: 'user',
    })
    expect(items.map((item) => [item.id, item.status, item.status_code_info])).toEqual([
      [10149611, 1010, 'otp_required'],
      [10149603, 0, 'ok'],
    ])
  })

  it('getItem reads one item, even with a timestamp lacking its Z', async () => {
    const { fetch, requests } = answering(200, exampleBody('items.json', 'get_item'))
    const item = rightOf(await getItem(await userContext(fetch), { itemId: 9456432 })())
    expectRequest(requests[0], { method: 'GET', path: '/v3/aggregation/items/9456432', auth: 'user' })
    expect(item.last_try_refresh).toBe('2024-10-16T09:10:15.455')
    expect(item.authentication_expires_at).toBe('2025-09-04T10:25:35Z')
  })

  it('deleteItem sends DELETE and gives undefined on 204; 404 is item.not_found', async () => {
    const { fetch, requests } = recordingFetch((_, index) =>
      index === 0
        ? new Response(null, { status: 204 })
        : json(404, exampleBody('items.json', 'delete_item_error_404')),
    )
    const ctx = await userContext(fetch)
    expect(rightOf(await deleteItem(ctx, { itemId: 9456432 })())).toBeUndefined()
    expectRequest(requests[0], { method: 'DELETE', path: '/v3/aggregation/items/9456432', auth: 'user' })
    expect(leftOf(await deleteItem(ctx, { itemId: 123 })())).toMatchObject({
      status: 404,
      code: 'item.not_found',
    })
  })

  it('item functions refuse non-integer ids without sending anything', async () => {
    const { fetch, requests } = answering(200, {})
    const ctx = await userContext(fetch)
    expectInputError(await getItem(ctx, { itemId: 1.5 })(), requests, 'itemId')
    expectInputError(await deleteItem(ctx, { itemId: -1 })(), requests, 'itemId')
    expectInputError(await collect(listItems(ctx, { limit: 501 }))(), requests, 'limit')
  })
})

describe('accounts and transactions (user token)', () => {
  it('listAccounts filters by item, getAccount reads one loan account', async () => {
    // The documented page has a next_uri: the second page ends the list.
    const { fetch, requests } = recordingFetch((request) =>
      !request.path.endsWith('/accounts')
        ? json(200, exampleBody('accounts.json', 'get_account'))
        : request.search.includes('after=')
          ? json(200, LAST_PAGE)
          : json(200, exampleBody('accounts.json', 'list_accounts')),
    )
    const ctx = await userContext(fetch)
    const accounts = rightOf(await collect(listAccounts(ctx, { itemId: 9465465, limit: 50 }))())
    expect(accounts.map((account) => account.id)).toEqual([48178048, 48152385, 48152384])
    const loan = rightOf(await getAccount(ctx, { accountId: 109456432 })())
    expectRequest(requests[0], {
      method: 'GET',
      path: '/v3/aggregation/accounts',
      search: '?item_id=9465465&limit=50',
      auth: 'user',
    })
    expectRequest(requests[1], {
      method: 'GET',
      path: '/v3/aggregation/accounts',
      search: '?item_id=9465465&limit=50&after=NDgxNTE3OTg',
      auth: 'user',
    })
    expectRequest(requests[2], { method: 'GET', path: '/v3/aggregation/accounts/109456432', auth: 'user' })
    expect(loan.type).toBe('loan')
    expect(loan.loan_details?.interest_rate).toBeTypeOf('number')
  })

  it('listTransactions sends every filter, getTransaction reads one', async () => {
    const { fetch, requests } = recordingFetch((request) =>
      !request.path.endsWith('/transactions')
        ? json(200, exampleBody('transactions.json', 'get_transaction'))
        : request.search.includes('after=')
          ? json(200, LAST_PAGE)
          : json(200, exampleBody('transactions.json', 'list_transactions')),
    )
    const ctx = await userContext(fetch)
    const txs = rightOf(
      await collect(
        listTransactions(ctx, {
          accountId: 456423147,
          since: '2025-07-13T00:00:00.000Z',
          until: new Date('2025-07-31T23:59:59.000Z'),
          minDate: '2025-07-13',
          maxDate: '2025-07-31',
        }),
      )(),
    )
    expect(txs.map((tx) => tx.amount)).toEqual([-6.92, -194])
    const tx = rightOf(await getTransaction(ctx, { transactionId: 14534314534 })())
    expectRequest(requests[0], {
      method: 'GET',
      path: '/v3/aggregation/transactions',
      search:
        '?account_id=456423147&since=2025-07-13T00%3A00%3A00.000Z&until=2025-07-31T23%3A59%3A59.000Z&min_date=2025-07-13&max_date=2025-07-31',
      auth: 'user',
    })
    // The filters are sent again with the next page's cursor.
    expect(requests[1]?.search).toBe(`${requests[0]?.search}&after=MTczMjExOTAxMDE0MjozMzAwMDE5MTAzNTY5OQ`)
    expectRequest(requests[2], {
      method: 'GET',
      path: '/v3/aggregation/transactions/14534314534',
      auth: 'user',
    })
    expect(tx.id).toBe(1000013102238)
  })

  it('getAccountsInformation lists each item with its holder and IBANs, without pagination', async () => {
    const { fetch, requests } = answering(
      200,
      exampleBody('accounts-information.json', 'get_accounts_information'),
    )
    const items = rightOf(await collect(getAccountsInformation(await userContext(fetch)))())
    expectRequest(requests[0], { method: 'GET', path: '/v3/aggregation/accounts-information', auth: 'user' })
    expect(requests).toHaveLength(1)
    expect(items).toHaveLength(1)
    expect(items[0]?.last_name).toBe('DUPONT')
    expect(items[0]?.accounts.map((account) => account.iban)).toContain('GB77BARC20035391348945')
  })

  it('refuses bad filters without sending anything', async () => {
    const { fetch, requests } = answering(200, {})
    const ctx = await userContext(fetch)
    expectInputError(await getAccount(ctx, { accountId: '1' as never })(), requests, 'accountId')
    expectInputError(await collect(listTransactions(ctx, { minDate: '13/07/2025' }))(), requests, 'minDate')
    expectInputError(await collect(getAccountsInformation(ctx, { limit: 0 }))(), requests, 'limit')
  })
})

describe('stocks (user token)', () => {
  it('listStocks filters by account and since, getStock reads one', async () => {
    const { fetch, requests } = recordingFetch((request) =>
      request.path.endsWith('/stocks')
        ? json(200, { resources: [stock], pagination: { next_uri: 'null' } })
        : json(200, stock),
    )
    const ctx = await userContext(fetch)
    const stocks = rightOf(
      await collect(listStocks(ctx, { accountId: 48178050, since: '2024-11-01T00:00:00.000Z' }))(),
    )
    const one = rightOf(await getStock(ctx, { stockId: 5678 })())
    expectRequest(requests[0], {
      method: 'GET',
      path: '/v3/aggregation/stocks',
      search: '?account_id=48178050&since=2024-11-01T00%3A00%3A00.000Z',
      auth: 'user',
    })
    expectRequest(requests[1], { method: 'GET', path: '/v3/aggregation/stocks/5678', auth: 'user' })
    expect(stocks).toEqual([stock])
    expect(one.total_value).toBe(1536.9)
  })

  it('a stock without its required fields is a ResponseValidationError naming them', async () => {
    const { fetch } = answering(200, { id: 1, label: 'X' })
    const error = leftOf(await getStock(await userContext(fetch), { stockId: 1 })())
    expect(error._tag).toBe('ResponseValidationError')
    if (error._tag === 'ResponseValidationError')
      expect(error.issues.map((issue) => issue.path)).toEqual(
        expect.arrayContaining(['account_id', 'currency_code', 'deleted']),
      )
  })

  it('getStock maps stock.not_found; bad ids are refused locally', async () => {
    const { fetch, requests } = answering(404, {
      errors: [{ code: 'stock.not_found', message: 'Stock 12345 not found for user u' }],
    })
    const ctx = await userContext(fetch)
    expectInputError(await getStock(ctx, { stockId: Number.NaN })(), requests, 'stockId')
    expectInputError(await collect(listStocks(ctx, { since: 'yesterday' }))(), requests, 'since')
    expect(leftOf(await getStock(ctx, { stockId: 12345 })())).toMatchObject({
      status: 404,
      code: 'stock.not_found',
    })
  })
})

describe('categories (client credentials, Accept-Language)', () => {
  it('listCategories sends the call language and reads parents with their children', async () => {
    const { fetch, requests } = answering(200, exampleBody('categories.json', 'list_categories'))
    const parents = rightOf(await collect(listCategories(clientContext(fetch), {}, { language: 'en' }))())
    expectRequest(requests[0], {
      method: 'GET',
      path: '/v3/aggregation/categories',
      auth: 'client',
      language: 'en',
    })
    expect(parents.map((parent) => parent.id)).toEqual([315, 168])
    expect(parents[1]?.categories.find((child) => child.id === 83)?.name).toBe('Restaurants')
  })

  it('getCategory uses the context language unless the call overrides it', async () => {
    const { fetch, requests } = answering(200, exampleBody('categories.json', 'get_category'))
    const ctx = clientContext(fetch, 'fr')
    const category = rightOf(await getCategory(ctx, { categoryId: 83 })())
    await getCategory(ctx, { categoryId: 83 }, { language: 'en' })()
    expectRequest(requests[0], {
      method: 'GET',
      path: '/v3/aggregation/categories/83',
      auth: 'client',
      language: 'fr',
    })
    expect(requests[1]?.headers.get('accept-language')).toBe('en')
    expect(category).toEqual({ id: 83, name: 'Restaurants', parent_id: 168 })
  })

  it('getCategory refuses a missing id without sending anything', async () => {
    const { fetch, requests } = answering(200, {})
    expectInputError(await getCategory(clientContext(fetch), {} as never)(), requests, 'categoryId')
  })
})

describe('category insights (user token)', () => {
  const insights = {
    oldest_existing_transaction: '2024-09-05',
    fully_analyzed_month: 3,
    fully_analyzed_day: 90,
    risky_transactions: 0,
    kpis: {
      global: {
        categories: [{ id: 83, aggregates: { monetary_max: -4.5, monetary_mean: -21.3, monetary_min: -62 } }],
      },
      monthly: [
        {
          from: '2024-10-05',
          to: '2024-11-04',
          categories: [{ id: 83, aggregates: { monetary_sum: -127.8, frequency: 6 } }],
        },
      ],
    },
  }

  it('getCategoryInsights reads the documented fields', async () => {
    const { fetch, requests } = answering(200, insights)
    const result = rightOf(await getCategoryInsights(await userContext(fetch))())
    expectRequest(requests[0], { method: 'GET', path: '/v3/aggregation/insights/category', auth: 'user' })
    expect(result.kpis?.monthly?.[0]?.categories[0]?.aggregates.frequency).toBe(6)
    expect(result.fully_analyzed_day).toBe(90)
  })

  it('accepts an empty answer (v3 omits absent data) and rejects a wrong type', async () => {
    const { fetch } = recordingFetch((_, index) =>
      json(200, index === 0 ? {} : { fully_analyzed_month: '3' }),
    )
    const ctx = await userContext(fetch)
    expect(rightOf(await getCategoryInsights(ctx)())).toEqual({})
    expect(leftOf(await getCategoryInsights(ctx)())._tag).toBe('ResponseValidationError')
  })

  it('without a user it is an AuthenticationError and nothing is sent', async () => {
    const { fetch, requests } = answering(200, insights)
    const error = leftOf(await getCategoryInsights(clientContext(fetch))())
    expect(error).toMatchObject({ _tag: 'AuthenticationError', reason: 'no_user' })
    expect(requests).toHaveLength(0)
  })
})
