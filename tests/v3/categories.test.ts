import { describe, expect, it } from 'vitest'
import { collect, getCategory, listCategories } from '../../src/index.js'
import { rightOf } from '../support/either.js'
import { answering, clientContext, exampleBody, expectInputError, expectRequest } from './helpers.js'

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
