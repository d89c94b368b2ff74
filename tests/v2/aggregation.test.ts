import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import {
  connectItem,
  deleteItem,
  editItem,
  getBank,
  getBankConnectorsStatus,
  getCategory,
  getItem,
  getItemRefreshStatus,
  listBanks,
  listCategories,
  listItems,
  manageAccountsIban,
  manageScaSyncItem,
  ParentCategory,
  refreshItem,
  validateProItems,
} from '../../src/v2/index.js'
import { leftOf, rightOf } from '../support/either.js'
import {
  clientContext,
  empty,
  expectRequest,
  fakeBridge,
  fixture,
  itemsOf,
  json,
  page,
  userContext,
} from './support.js'

const banks: unknown[] = fixture('banks.json').banks
const demoBank = banks.find((bank: any) => bank.id === 574) as { id: number; name: string }
const categoriesBody = fixture('categories.json').recorded_response_body
const item = { id: 8170358, status: 0, status_code_info: 'OK', status_code_description: null, bank_id: 574 }
const connectUrl = fixture('connect.json').connect_item_response.body

describe('banks', () => {
  it('listBanks sends filters as repeated keys of their values and follows next_uri (limit=2, page on)', async () => {
    const bridge = fakeBridge((request) =>
      request.query.get('after') === 'NTkx'
        ? json(200, page(banks.slice(2, 4)))
        : json(200, page(banks.slice(0, 2), '/v2/banks?after=NTkx&limit=2&countries=fr&countries=de')),
    )
    const ctx = clientContext(bridge.fetch)
    const list = await itemsOf(
      listBanks(ctx, { limit: 2, countries: ['fr', 'de'], capabilities: ['ais', 'single_transfer'] }),
    )
    expect(list.map((bank) => bank.id)).toEqual([574, 592, 578, 577])
    const query = 'countries=fr&countries=de&capabilities=ais&capabilities=single_transfer&limit=2'
    expectRequest(bridge.requests[0], { method: 'GET', path: '/v2/banks', query, user: false })
    expectRequest(bridge.requests[1], {
      method: 'GET',
      path: '/v2/banks',
      query: `${query}&after=NTkx`,
      user: false,
    })
  })

  it('listBanks takes single values too', async () => {
    const bridge = fakeBridge(() => json(200, page([])))
    await itemsOf(listBanks(clientContext(bridge.fetch), { countries: 'fr', capabilities: 'single_payment' }))
    expect(bridge.requests[0]?.query.toString()).toBe('countries=fr&capabilities=single_payment')
  })

  it('getBank gets GET /v2/banks/{id} and parses the recorded Demo Bank', async () => {
    const bridge = fakeBridge(() => json(200, demoBank))
    const bank = rightOf(await getBank(clientContext(bridge.fetch), { bankId: 574 })())
    expect(bank).toEqual(demoBank)
    expect(bank.form?.[0]?.isNum).toBe('0')
    expectRequest(bridge.requests[0], { method: 'GET', path: '/v2/banks/574', user: false })
  })

  it('getBank gives the v2 error body of a 404 as an ApiError', async () => {
    const body = {
      type: 'not_found',
      message: 'The requested resource doesn\u2019t exist',
      documentation_url: 'https://docs.bridgeapi.io/',
    }
    const bridge = fakeBridge(() => json(404, body))
    expect(leftOf(await getBank(clientContext(bridge.fetch), { bankId: 1 })())).toMatchObject({
      _tag: 'ApiError',
      status: 404,
      code: 'not_found',
      body: { format: '2021-06-01', ...body },
    })
  })

  it('getBank gives an HTML error page as an ApiError with the raw text, not a parse failure', async () => {
    const page = '<html><body><h1>502 Bad Gateway</h1></body></html>'
    const bridge = fakeBridge(
      () => new Response(page, { status: 502, headers: { 'content-type': 'text/html' } }),
    )
    expect(leftOf(await getBank(clientContext(bridge.fetch), { bankId: 574 })())).toMatchObject({
      _tag: 'ApiError',
      status: 502,
      path: '/v2/banks/574',
      body: { format: 'raw', text: page },
    })
  })

  it('getBankConnectorsStatus reads the bare array of GET /v2/banks/insights', async () => {
    const statuses = [
      {
        bank_name: 'Revolut UK',
        percentage_success: 0.0,
        percentage_error: 0.0,
        refresh_at: '2023-07-26T09:01:03.000Z',
        country: 'GB',
        children: [
          {
            id: 433,
            bank_name: 'Revolut UK',
            percentage_success: 99.77,
            percentage_error: 0.23,
            refresh_at: '2023-07-26T09:01:03.000Z',
            active: false,
          },
        ],
        active: false,
      },
      {
        id: 580,
        bank_name: 'Allianz',
        percentage_success: 100.0,
        percentage_error: 0.0,
        refresh_at: '2023-07-26T09:00:59.000Z',
        country: 'FR',
        children: [],
        active: true,
      },
    ]
    const bridge = fakeBridge(() => json(200, statuses))
    const result = rightOf(await getBankConnectorsStatus(clientContext(bridge.fetch))())
    expect(result).toEqual(statuses)
    expect(result[0]?.children?.[0]?.id).toBe(433)
    expectRequest(bridge.requests[0], { method: 'GET', path: '/v2/banks/insights', user: false })
  })
})

describe('categories', () => {
  it('listCategories reads the recorded tree, with Accept-Language from the call option', async () => {
    const bridge = fakeBridge(() => json(200, categoriesBody))
    const tree = await itemsOf(listCategories(clientContext(bridge.fetch), {}, { language: 'fr' }))
    expect(tree).toHaveLength(15)
    expect(tree.flatMap((parent) => parent.categories)).toHaveLength(127)
    expect(tree[0]).toEqual(v.parse(ParentCategory, categoriesBody.resources[0]))
    expectRequest(bridge.requests[0], { method: 'GET', path: '/v2/categories', user: false })
    expect(bridge.requests[0]?.headers.get('accept-language')).toBe('fr')
  })

  it('getCategory gets GET /v2/categories/{id}, English unless asked', async () => {
    const bridge = fakeBridge(() => json(200, { id: 1, name: 'Uncategorized', parent_id: 160 }))
    const ctx = clientContext(bridge.fetch)
    expect(rightOf(await getCategory(ctx, { categoryId: 1 })())).toEqual({
      id: 1,
      name: 'Uncategorized',
      parent_id: 160,
    })
    await getCategory(ctx, { categoryId: 1 }, { language: 'en' })()
    expectRequest(bridge.requests[0], { method: 'GET', path: '/v2/categories/1', user: false })
    expect(bridge.requests.map((r) => r.headers.get('accept-language'))).toEqual([null, 'en'])
  })
})

describe('Bridge Connect URLs', () => {
  it('connectItem posts the given fields only, capabilities as values', async () => {
    const bridge = fakeBridge(() => json(200, connectUrl))
    const ctx = userContext(bridge.fetch)
    const url = rightOf(
      await connectItem(ctx, {
        prefillEmail: 'john@doe.com',
        country: 'fr',
        bankId: 574,
        capabilities: ['ais', 'bulk_transfer'],
        redirectUrl: 'https://example.com/back',
        context: 'ctx-1',
      })(),
    )
    expect(url).toEqual(connectUrl)
    rightOf(await connectItem(ctx)())
    expectRequest(bridge.calls()[0], {
      method: 'POST',
      path: '/v2/connect/items/add',
      body: {
        prefill_email: 'john@doe.com',
        country: 'fr',
        bank_id: 574,
        capabilities: ['ais', 'bulk_transfer'],
        redirect_url: 'https://example.com/back',
        context: 'ctx-1',
      },
      user: true,
    })
    expectRequest(bridge.calls()[1], { method: 'POST', path: '/v2/connect/items/add', body: {}, user: true })
  })

  it.each([
    ['editItem', editItem, '/v2/connect/items/edit', true],
    ['manageScaSyncItem', manageScaSyncItem, '/v2/connect/items/sync', true],
    ['validateProItems', validateProItems, '/v2/connect/items/pro/confirmation', false],
    ['manageAccountsIban', manageAccountsIban, '/v2/connect/manage/accounts/iban', false],
  ] as const)(
    '%s sends its parameters in the query of a GET, with no body',
    async (_name, operation, path, withItem) => {
      const answer = { redirect_url: 'https://connect.bridgeapi.io?edit=true&item=8170358' }
      const bridge = fakeBridge(() => json(200, answer))
      const params = {
        ...(withItem ? { itemId: 8170358 } : {}),
        redirectUrl: 'https://example.com/back',
        context: 'c 1',
      }
      expect(
        rightOf(await (operation as typeof editItem)(userContext(bridge.fetch), params as never)()),
      ).toEqual(answer)
      const query = `${withItem ? 'item_id=8170358&' : ''}redirect_url=https%3A%2F%2Fexample.com%2Fback&context=c+1`
      expectRequest(bridge.calls()[0], { method: 'GET', path, query, user: true })
    },
  )
})

describe('items', () => {
  it('listItems reads GET /v2/items with typed status codes and Accept-Language', async () => {
    const otp = {
      id: 2,
      status: 1010,
      status_code_info: 'otp_required',
      status_code_description: 'Validation requise',
      bank_id: 574,
    }
    const unknown = {
      id: 3,
      status: 1234,
      status_code_info: null,
      status_code_description: null,
      bank_id: 574,
    }
    const bridge = fakeBridge(() => json(200, page([item, otp, unknown])))
    const items = await itemsOf(listItems(userContext(bridge.fetch), {}, { language: 'fr' }))
    expect(items.map((i) => i.status)).toEqual([0, 1010, 1234])
    expectRequest(bridge.calls()[0], { method: 'GET', path: '/v2/items', user: true })
    expect(bridge.calls()[0]?.headers.get('accept-language')).toBe('fr')
  })

  it('getItem, deleteItem, refreshItem and getItemRefreshStatus use /v2/items/{id}', async () => {
    const status = {
      id: '1690362662279',
      status: 'authenticating',
      refreshed_at: '2023-07-26T09:11:02.279Z',
      mfa: null,
      refreshed_accounts_count: null,
      total_accounts_count: null,
    }
    const bridge = fakeBridge((request) =>
      request.method === 'DELETE'
        ? empty(204)
        : request.method === 'POST'
          ? new Response(null, { status: 202, headers: { location: '/v2/items/8170358/refresh/status' } })
          : request.path.endsWith('/status')
            ? json(200, status)
            : json(200, item),
    )
    const ctx = userContext(bridge.fetch)
    expect(rightOf(await getItem(ctx, { itemId: 8170358 })())).toEqual(item)
    expect(rightOf(await refreshItem(ctx, { itemId: 8170358 })())).toBeUndefined()
    expect(rightOf(await getItemRefreshStatus(ctx, { itemId: 8170358 })())).toEqual(status)
    expect(rightOf(await deleteItem(ctx, { itemId: 8170358 })())).toBeUndefined()
    const [get, refresh, refreshStatus, remove] = bridge.calls()
    expectRequest(get, { method: 'GET', path: '/v2/items/8170358', user: true })
    expectRequest(refresh, { method: 'POST', path: '/v2/items/8170358/refresh', user: true })
    expectRequest(refreshStatus, { method: 'GET', path: '/v2/items/8170358/refresh/status', user: true })
    expectRequest(remove, { method: 'DELETE', path: '/v2/items/8170358', user: true })
  })

  it('getItemRefreshStatus reads an MFA request', async () => {
    const status = {
      status: 'info_required',
      refreshed_at: '2023-07-26T09:11:02.279Z',
      mfa: { type: 'SMS', description: 'Code reçu par SMS', label: 'Code', is_numeric: true },
      refreshed_accounts_count: null,
      total_accounts_count: null,
    }
    const bridge = fakeBridge(() => json(200, status))
    const result = rightOf(await getItemRefreshStatus(userContext(bridge.fetch), { itemId: 1 })())
    expect(result.mfa?.type).toBe('SMS')
    expect(result.mfa?.is_numeric).toBe(true)
  })
})
