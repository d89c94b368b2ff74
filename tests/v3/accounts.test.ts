import { describe, expect, it } from 'vitest'
import {
  collect,
  getAccount,
  getAccountsInformation,
  getTransaction,
  listAccounts,
  listTransactions,
} from '../../src/index.js'
import { rightOf } from '../support/either.js'
import {
  answering,
  exampleBody,
  expectInputError,
  expectRequest,
  json,
  recordingFetch,
  userContext,
} from './helpers.js'

const LAST_PAGE = { resources: [], pagination: { next_uri: null } }

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
