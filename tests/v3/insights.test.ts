import { describe, expect, it } from 'vitest'
import { getCategoryInsights } from '../../src/index.js'
import { leftOf, rightOf } from '../support/either.js'
import { answering, clientContext, expectRequest, json, recordingFetch, userContext } from './helpers.js'

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
