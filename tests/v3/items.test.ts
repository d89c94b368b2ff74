import { describe, expect, it } from 'vitest'
import { collect, deleteItem, getItem, listItems } from '../../src/index.js'
import { leftOf, rightOf } from '../support/either.js'
import {
  answering,
  exampleBody,
  expectInputError,
  expectRequest,
  json,
  recordingFetch,
  userContext,
} from './helpers.js'

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
