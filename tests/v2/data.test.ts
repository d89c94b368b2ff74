import { describe, expect, it } from 'vitest'
import {
  getAccount,
  getAccountsInformation,
  getCategoryInsights,
  getStock,
  getTransaction,
  listAccounts,
  listAccountTransactions,
  listAccountUpdatedTransactions,
  listStocks,
  listTransactions,
  listUpdatedStocks,
  listUpdatedTransactions,
} from '../../src/v2/index.js'
import { leftOf, rightOf } from '../support/either.js'
import { account, expectRequest, fakeBridge, itemsOf, json, page, userContext } from './support.js'

/** Recorded Demo Bank bodies, as quoted by the reference (§7, §8); `account` comes from support.ts. */
const card = {
  ...account,
  id: 37271917,
  name: 'Carte à débit différé',
  balance: -250.3,
  type: 'card',
  iban: null,
}
const transaction = {
  id: 36000071605232,
  clean_description: 'Cb Temporary Transaction',
  bank_description: 'Cb temporary transaction',
  amount: -50.0,
  date: '2023-07-26',
  updated_at: '2023-07-26T09:11:11.371Z',
  currency_code: 'EUR',
  category_id: 306,
  account_id: 37271913,
  show_client_side: true,
  is_deleted: false,
  is_future: false,
}
const stock = {
  id: 2,
  current_price: 142.34,
  quantity: 10,
  total_value: 1423.4,
  average_purchase_price: 120.5,
  updated_at: '2023-07-26T09:11:11.358Z',
  ticker: 'AAPL',
  stock_key: 'US0378331005-XNAS',
  created_at: '2023-07-01T09:11:11.358Z',
  isin: 'US0378331005',
  currency_code: 'USD',
  marketplace: null,
  label: 'Apple Inc',
  value_date: '2023-07-25',
  is_deleted: false,
  account_id: 37271920,
}

describe('accounts', () => {
  it('listAccounts filters by item_id and reads checking and card accounts (iban null)', async () => {
    const bridge = fakeBridge(() => json(200, page([account, card])))
    const accounts = await itemsOf(listAccounts(userContext(bridge.fetch), { itemId: 8170358, limit: 10 }))
    expect(accounts).toEqual([account, card])
    expectRequest(bridge.calls()[0], {
      method: 'GET',
      path: '/v2/accounts',
      query: 'item_id=8170358&limit=10',
      user: true,
    })
  })

  it('getAccount reads an account with loan details and unknown type', async () => {
    const loan = {
      ...account,
      type: 'revolving_credit',
      loan_details: {
        next_payment_date: '2023-08-05',
        next_payment_amount: 512.2,
        interest_rate: 1.2,
        type: 'mortgage',
      },
    }
    const bridge = fakeBridge(() => json(200, loan))
    const result = rightOf(await getAccount(userContext(bridge.fetch), { accountId: 37271913 })())
    expect(result.type).toBe('revolving_credit')
    expect(result.loan_details?.next_payment_amount).toBe(512.2)
    expectRequest(bridge.calls()[0], { method: 'GET', path: '/v2/accounts/37271913', user: true })
  })

  it('getAccount rejects a body without a balance, naming the field', async () => {
    const { balance: _balance, ...broken } = account
    const bridge = fakeBridge(() => json(200, broken))
    const error = leftOf(await getAccount(userContext(bridge.fetch), { accountId: 1 })())
    expect(error).toMatchObject({ _tag: 'ResponseValidationError', status: 200 })
    expect(error._tag === 'ResponseValidationError' && error.issues.map((issue) => issue.path)).toEqual([
      'balance',
    ])
  })

  it('getAccountsInformation reads a resources list or a single object, always as a list', async () => {
    const check = {
      item_id: 8170358,
      first_name: 'MICHEL',
      last_name: 'DUPONT',
      accounts: [
        {
          id: 37271913,
          name: 'Compte Courant 1',
          type: 'checking',
          currency_code: 'EUR',
          bank_id: 574,
          iban: 'FR6914508000303386763591H62',
        },
      ],
    }
    const bridge = fakeBridge((_request, index) => json(200, index === 1 ? { resources: [check] } : check))
    const ctx = userContext(bridge.fetch)
    expect(rightOf(await getAccountsInformation(ctx)())).toEqual([check])
    expect(rightOf(await getAccountsInformation(ctx)())).toEqual([check])
    expectRequest(bridge.calls()[0], { method: 'GET', path: '/v2/accounts-information', user: true })
  })
})

describe('transactions', () => {
  it('listTransactions sends since/until as days (from strings or Dates) and reads generated_at pages', async () => {
    const bridge = fakeBridge(() =>
      json(200, page([transaction], null, { generated_at: '2023-07-26T09:11:12.000Z' })),
    )
    const ctx = userContext(bridge.fetch)
    expect(
      await itemsOf(listTransactions(ctx, { since: '2023-07-01', until: new Date('2023-07-31T22:00:00Z') })),
    ).toEqual([transaction])
    for await (const p of listTransactions(ctx).pages())
      expect(rightOf(p).generatedAt).toBe('2023-07-26T09:11:12.000Z')
    expectRequest(bridge.calls()[0], {
      method: 'GET',
      path: '/v2/transactions',
      query: 'since=2023-07-01&until=2023-07-31',
      user: true,
    })
  })

  it('listUpdatedTransactions sends since as an ISO instant and keeps deleted rows', async () => {
    const deleted = { ...transaction, id: 36000071605233, is_deleted: true }
    const bridge = fakeBridge(() => json(200, page([transaction, deleted])))
    const rows = await itemsOf(
      listUpdatedTransactions(userContext(bridge.fetch), { since: new Date('2019-06-21T18:44:09.523Z') }),
    )
    expect(rows.map((row) => row.is_deleted)).toEqual([false, true])
    expectRequest(bridge.calls()[0], {
      method: 'GET',
      path: '/v2/transactions/updated',
      query: 'since=2019-06-21T18%3A44%3A09.523Z',
      user: true,
    })
  })

  it('getTransaction gets GET /v2/transactions/{id} (ids above 2^32 stay exact)', async () => {
    const bridge = fakeBridge(() => json(200, transaction))
    expect(
      rightOf(await getTransaction(userContext(bridge.fetch), { transactionId: 36000071605232 })()),
    ).toEqual(transaction)
    expectRequest(bridge.calls()[0], { method: 'GET', path: '/v2/transactions/36000071605232', user: true })
  })

  it('listAccountTransactions and listAccountUpdatedTransactions use /v2/accounts/{id}/transactions[/updated]', async () => {
    const bridge = fakeBridge(() => json(200, page([transaction])))
    const ctx = userContext(bridge.fetch)
    await itemsOf(listAccountTransactions(ctx, { accountId: 37271913, since: '2023-07-01', limit: 50 }))
    await itemsOf(
      listAccountUpdatedTransactions(ctx, { accountId: 37271913, since: '2023-07-24T16:14:56.342Z' }),
    )
    expectRequest(bridge.calls()[0], {
      method: 'GET',
      path: '/v2/accounts/37271913/transactions',
      query: 'since=2023-07-01&limit=50',
      user: true,
    })
    expectRequest(bridge.calls()[1], {
      method: 'GET',
      path: '/v2/accounts/37271913/transactions/updated',
      query: 'since=2023-07-24T16%3A14%3A56.342Z',
      user: true,
    })
  })
})

describe('stocks', () => {
  it('listStocks, listUpdatedStocks and getStock', async () => {
    const bridge = fakeBridge((request) =>
      request.path === '/v2/stocks/2' ? json(200, stock) : json(200, page([stock])),
    )
    const ctx = userContext(bridge.fetch)
    expect(await itemsOf(listStocks(ctx, { limit: 2 }))).toEqual([stock])
    expect(await itemsOf(listUpdatedStocks(ctx, { since: '2019-01-01T08:00:00Z' }))).toEqual([stock])
    expect(rightOf(await getStock(ctx, { stockId: 2 })())).toEqual(stock)
    expectRequest(bridge.calls()[0], { method: 'GET', path: '/v2/stocks', query: 'limit=2', user: true })
    expectRequest(bridge.calls()[1], {
      method: 'GET',
      path: '/v2/stocks/updated',
      query: 'since=2019-01-01T08%3A00%3A00Z',
      user: true,
    })
    expectRequest(bridge.calls()[2], { method: 'GET', path: '/v2/stocks/2', user: true })
  })

  it('getStock gives the recorded 404 as an ApiError', async () => {
    const body = {
      type: 'not_found',
      message: 'No stock found',
      documentation_url: 'https://docs.bridgeapi.io/',
    }
    const bridge = fakeBridge(() => json(404, body))
    expect(leftOf(await getStock(userContext(bridge.fetch), { stockId: 9 })())).toMatchObject({
      _tag: 'ApiError',
      status: 404,
      code: 'not_found',
      message: 'No stock found',
      path: '/v2/stocks/9',
    })
  })
})

describe('insights', () => {
  it('getCategoryInsights sends fully_analyzed_month and keeps the KPIs as sent', async () => {
    const body = {
      global_kpis: { '168': { mean_expense: -120.5 } },
      monthly_kpis: [{ month: '2023-06', categories: [] }],
      oldest_existing_transaction: '2023-01-02',
      fully_analyzed_month: 3,
      fully_analyzed_day: 92,
      updated_at: '2023-07-26T09:11:12.000Z',
    }
    const bridge = fakeBridge(() => json(200, body))
    expect(
      rightOf(await getCategoryInsights(userContext(bridge.fetch), { fullyAnalyzedMonth: 2 })()),
    ).toEqual(body)
    expectRequest(bridge.calls()[0], {
      method: 'GET',
      path: '/v2/insights/category',
      query: 'fully_analyzed_month=2',
      user: true,
    })
  })
})
