/**
 * Strict inputs, as a plain-JavaScript caller meets them (every call goes through `any`): a key that no
 * option of a call accepts is an `InputValidationError` naming it, and nothing is sent, not even a
 * token request. Every endpoint of both entries is found through its declaration (`endpointsOf`).
 */
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { type EndpointSpec, endpointsOf } from '../../src/core/define/operation.js'
import * as v3 from '../../src/index.js'
import * as v2 from '../../src/v2/index.js'
import { recordingFetch, recordingUserContext } from './fake-bridge.js'

type AnySchema = v.GenericSchema & {
  type: string
  entries?: Record<string, AnySchema>
  options?: readonly (AnySchema | string | number)[]
  wrapped?: AnySchema
  item?: AnySchema
  literal?: unknown
}

/** Strings that satisfy the SDK's string parameters (ids, dates, e-mails, URLs, IBANs, codes…). */
const STRINGS = [
  '1',
  '2026-01-01T00:00:00Z',
  '2026-01-01',
  'jane@doe.com',
  'https://shop.example/back',
  'FR7630006000011234567890189',
  'EUR',
  'FR',
  'fr',
  'a-long-enough-password-1',
  '529196313',
  '+33612345678',
]

/**
 * A valid value for a schema, found by trying samples against it: required object entries only, the
 * first accepted option of a union. `undefined` when none is found (the test then names the endpoint).
 */
const sampleOf = (schema: AnySchema): unknown => {
  const candidates = (): unknown[] => {
    switch (schema.type) {
      case 'object':
      case 'strict_object':
      case 'loose_object': {
        // Required entries only, else every entry (a `check` may ask for optional ones, e.g. names).
        const all = Object.entries(schema.entries ?? {})
        const required = all.filter(([, entry]) => !v.is(entry, undefined))
        return [required, all].map((entries) =>
          Object.fromEntries(entries.map(([key, entry]) => [key, sampleOf(entry)])),
        )
      }
      case 'union':
      case 'variant':
        return (schema.options as AnySchema[]).map(sampleOf)
      case 'intersect':
        return [Object.assign({}, ...(schema.options as AnySchema[]).map(sampleOf))]
      case 'array':
        return [[sampleOf(schema.item as AnySchema)]]
      case 'picklist':
        return [...(schema.options ?? [])]
      case 'literal':
        return [schema.literal]
      case 'number':
        return [1, 10, 0.5]
      case 'boolean':
        return [true]
      case 'string':
        return STRINGS
      default:
        return schema.wrapped ? [sampleOf(schema.wrapped)] : []
    }
  }
  return candidates().find((candidate) => v.is(schema, candidate))
}

const ENTRIES = [
  { entry: 'bridgeapi', module: v3 as Record<string, unknown> },
  { entry: 'bridgeapi/v2', module: v2 as Record<string, unknown> },
]

const recordingContext = (module: Record<string, unknown>) =>
  recordingUserContext(module.createContext as (options: unknown) => unknown)

/** The first result of a call: a task's result, or a list's first item. */
const firstResult = async (fn: any, spec: EndpointSpec, ...args: unknown[]): Promise<any> => {
  if (!spec.list) return fn(...args)()
  for await (const item of fn(...args)) return item
  throw new Error(`${spec.name} yielded nothing`)
}

describe.each(ENTRIES)('every endpoint of $entry, called from plain JavaScript', ({ module }) => {
  const endpoints = endpointsOf(module)

  it('finds valid parameters for every endpoint (the parameters below are valid without the extra key)', () => {
    expect(endpoints.length).toBeGreaterThan(40)
    const unsampled = endpoints.filter((spec) => !v.is(spec.params, sampleOf(spec.params as AnySchema)))
    expect(unsampled.map((spec) => spec.name)).toEqual([])
  })

  it.each(endpoints.map((spec) => [spec.name, spec] as const))(
    '%s refuses one extra parameter by name and sends nothing',
    async (_, spec) => {
      const { ctx, requests } = recordingContext(module)
      const params = { ...(sampleOf(spec.params as AnySchema) as object), unexpectedKey: 1 }
      const result = await firstResult(module[spec.name], spec, ctx, params)
      expect(result._tag).toBe('Left')
      expect(result.left._tag).toBe('InputValidationError')
      expect(result.left.issues).toEqual([
        { path: 'unexpectedKey', message: expect.stringContaining('unknown key `unexpectedKey`') },
      ])
      expect(result.left.message).toContain('unknown key `unexpectedKey`')
      expect(requests).toEqual([])
    },
  )

  it.each(endpoints.map((spec) => [spec.name, spec] as const))(
    '%s refuses an unknown call option by name and sends nothing',
    async (_, spec) => {
      const { ctx, requests } = recordingContext(module)
      const params = sampleOf(spec.params as AnySchema)
      const result = await firstResult(module[spec.name], spec, ctx, params, { timeoutMS: 10 })
      expect(result.left).toMatchObject({
        _tag: 'InputValidationError',
        issues: [{ path: 'timeoutMS', message: 'unknown key `timeoutMS`: did you mean `timeoutMs`?' }],
      })
      expect(requests).toEqual([])
    },
  )
})

describe('nested and suggested keys', () => {
  it('names a typo with the nearest known key', async () => {
    const { ctx, requests } = recordingContext(v3)
    const first = await (v3.listTransactions as any)(ctx, { sinse: '2026-01-01T00:00:00Z' })
      [Symbol.asyncIterator]()
      .next()
    expect(first.value.left.message).toBe(
      'Invalid parameters for listTransactions: unknown key `sinse`: did you mean `since`?',
    )
    expect(requests).toEqual([])
  })

  it('refuses a key inside transactions[] and user of createPaymentRequest', async () => {
    const { ctx, requests } = recordingContext(v3)
    const params = sampleOf(v3.CreatePaymentRequestParams as AnySchema) as Record<string, any>
    const withTypos = {
      ...params,
      transactions: [{ ...params.transactions[0], amout: 1 }],
      user: { ...params.user, nmae: 'x' },
    }
    const result: any = await (v3.createPaymentRequest as any)(ctx, withTypos)()
    expect(result.left.issues.map((issue: { path: string }) => issue.path)).toEqual([
      'user.nmae',
      'transactions.0.amout',
    ])
    expect(result.left.issues[1].message).toBe('unknown key `transactions.0.amout`: did you mean `amount`?')
    expect(requests).toEqual([])
  })
})

describe('createContext', () => {
  it('refuses unknown options, retry, hooks and user keys by name; calls with it send nothing', async () => {
    const { fetch, requests } = recordingFetch(() => new Response('{}', { status: 500 }))
    const ctx = (v3.createContext as any)({
      clientId: 'id',
      clientSecret: 'secret',
      fetch,
      timeOutMs: 5,
      retry: { retires: 1 },
      hooks: { onRequests: () => {} },
      user: { externalUserID: 'u-1' },
    })
    const messages = ctx.invalid.issues.map((issue: { message: string }) => issue.message)
    expect(messages).toEqual(
      expect.arrayContaining([
        'unknown key `timeOutMs`: did you mean `timeoutMs`?',
        'unknown key `retry.retires`: did you mean `retries`?',
        'unknown key `hooks.onRequests`: did you mean `onRequest`?',
        'unknown key `user.externalUserID`: known keys: `email`, `password`',
      ]),
    )
    expect((await v3.getAccount(ctx, { accountId: 1 })())._tag).toBe('Left')
    expect(requests).toEqual([])
  })
})

describe('syncTransactions', () => {
  it.each(ENTRIES)(
    '$entry refuses unknown params and options by name, sending nothing',
    async ({ module }) => {
      const { ctx, requests } = recordingContext(module)
      const sync = module.syncTransactions as any
      const params = await sync(ctx, { cursr: 'x' })[Symbol.asyncIterator]().next()
      expect(params.value.left.issues).toEqual([
        { path: 'cursr', message: 'unknown key `cursr`: did you mean `cursor`?' },
      ])
      const options = await sync(ctx, {}, { overlapMS: 1 })[Symbol.asyncIterator]().next()
      expect(options.value.left.issues).toEqual([
        { path: 'overlapMS', message: 'unknown key `overlapMS`: did you mean `overlapMs`?' },
      ])
      expect(requests).toEqual([])
    },
  )
})

describe('the extra call option', () => {
  const ok = () =>
    new Response(JSON.stringify({ resources: [], pagination: { next_uri: null } }), { status: 200 })

  it('adds query parameters and body keys the SDK does not map yet', async () => {
    const { fetch, requests } = recordingFetch(ok)
    const ctx = v3.createContext({ clientId: 'id', clientSecret: 'secret', fetch, retry: 0 })
    for await (const _ of v3.listProviders(ctx, {}, { extra: { query: { new_filter: 'x' } } })) break
    expect(requests[0]?.query.get('new_filter')).toBe('x')
    const { fetch: postFetch, requests: posted } = recordingFetch(() => new Response('{}', { status: 500 }))
    const post = v3.createContext({ clientId: 'id', clientSecret: 'secret', fetch: postFetch, retry: 0 })
    const params = sampleOf(v3.CreatePaymentRequestParams as AnySchema) as v3.CreatePaymentRequestParams
    await v3.createPaymentRequest(post, params, { extra: { body: { new_field: true } } })()
    expect(JSON.parse(posted[0]?.body as string)).toMatchObject({
      new_field: true,
      transactions: expect.any(Array),
    })
  })

  it('refuses a key the SDK sends itself, and a body on a GET, sending nothing', async () => {
    const { fetch, requests } = recordingFetch(ok)
    const ctx = v3.createContext({ clientId: 'id', clientSecret: 'secret', fetch, retry: 0 })
    const mapped = await v3
      .listProviders(ctx, {}, { extra: { query: { limit: '2' } } })
      [Symbol.asyncIterator]()
      .next()
    expect(mapped.value).toMatchObject({
      left: { _tag: 'InputValidationError', issues: [{ path: 'extra.query.limit' }] },
    })
    const body = await v3.getProvider(ctx, { providerId: 1 }, { extra: { body: { a: 1 } } })()
    expect(body).toMatchObject({ left: { _tag: 'InputValidationError', issues: [{ path: 'extra.body' }] } })
    const shape = await v3.getProvider(ctx, { providerId: 1 }, { extra: { querry: {} } } as never)()
    expect(shape).toMatchObject({
      left: { issues: [{ message: 'unknown key `extra.querry`: did you mean `query`?' }] },
    })
    expect(requests).toEqual([])
  })
})
