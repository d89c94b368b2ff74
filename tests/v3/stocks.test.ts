import { describe, expect, it } from 'vitest'
import { collect, getStock, listStocks } from '../../src/index.js'
import { leftOf, rightOf } from '../support/either.js'
import { answering, expectInputError, expectRequest, json, recordingFetch, userContext } from './helpers.js'

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
