import type { Either } from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { describe, expectTypeOf, test } from 'vitest'
import {
  type Account,
  type ApiError,
  type BridgeError,
  BridgeException,
  type CallOptions,
  type CollectLimitError,
  type Context,
  collect,
  createContext,
  type GetAccountParams,
  getAccount,
  type ListError,
  type ListTransactionsParams,
  listTransactions,
  listUsers,
  type Page,
  type Paginated,
  type Transaction,
  unwrap,
  withResponse,
} from '../../src/index.js'
import * as v2 from '../../src/v2/index.js'
import type { WebhookError, WebhookEvent, WebhookSignatureError } from '../../src/webhooks/index.js'
import { verifyAndParseWebhook, verifyWebhookSignature } from '../../src/webhooks/index.js'

describe('public types of bridgeapi', () => {
  test('an endpoint is (ctx, params, options?) => TaskEither<BridgeError, Model>', () => {
    expectTypeOf(getAccount).parameters.toEqualTypeOf<
      [ctx: Context, params: GetAccountParams, options?: CallOptions]
    >()
    expectTypeOf(getAccount).returns.toEqualTypeOf<TaskEither<BridgeError, Account>>()
    expectTypeOf(getAccount).returns.returns.resolves.toEqualTypeOf<Either<BridgeError, Account>>()
  })

  test('a list returns Paginated<Item>, yielding Either items and Either pages', () => {
    expectTypeOf(listTransactions).returns.toEqualTypeOf<Paginated<Transaction>>()
    expectTypeOf<Paginated<Transaction>>().toExtend<AsyncIterable<Either<ListError, Transaction>>>()
    expectTypeOf<ReturnType<Paginated<Transaction>['pages']>>().toExtend<
      AsyncIterable<Either<ListError, Page<Transaction>>>
    >()
    expectTypeOf(collect<Transaction>).returns.toEqualTypeOf<TaskEither<ListError, Transaction[]>>()
  })

  test('resumeAfter is on list errors only', () => {
    expectTypeOf<ListError>().toExtend<BridgeError>()
    expectTypeOf<ListError['resumeAfter']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<ApiError>().not.toHaveProperty('resumeAfter')
    expectTypeOf<Exclude<BridgeError, CollectLimitError>>().not.toHaveProperty('resumeAfter')
    const error = {} as ListError
    if (error._tag === 'ApiError') expectTypeOf(error.status).toEqualTypeOf<number>()
  })

  test('unwrap resolves the Right value and rejects with a BridgeException', () => {
    const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
    expectTypeOf(unwrap(getAccount(ctx, { accountId: 1 }))).toEqualTypeOf<Promise<Account>>()
    expectTypeOf(unwrap(collect(listTransactions(ctx)))).toEqualTypeOf<Promise<Transaction[]>>()
    expectTypeOf(unwrap(v2.getBank(ctx, { bankId: 1 }))).resolves.toEqualTypeOf<v2.Bank>()
    expectTypeOf<BridgeException>().toExtend<Error>()
    expectTypeOf<BridgeException['error']>().toEqualTypeOf<BridgeError>()
    expectTypeOf(new BridgeException({} as ApiError).error).toEqualTypeOf<ApiError>()
    expectTypeOf(v2.unwrap).toEqualTypeOf(unwrap)
    // @ts-expect-error unwrap takes a task, not its result
    unwrap(getAccount(ctx, { accountId: 1 })())
  })

  test('params: required where the endpoint needs them, optional filters elsewhere', () => {
    expectTypeOf<GetAccountParams>().toEqualTypeOf<{ accountId: number }>()
    expectTypeOf<{}>().toExtend<ListTransactionsParams>()
    expectTypeOf<{ since: string; accountId: number }>().toExtend<ListTransactionsParams>()
    const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
    // @ts-expect-error accountId is required
    getAccount(ctx, {})
    // @ts-expect-error no params object at all
    getAccount(ctx)
    // Dates are an ISO string or a Date; nothing else.
    listTransactions(ctx, { since: new Date(), minDate: '2026-01-01' })
    // @ts-expect-error since is not a number
    listTransactions(ctx, { since: 1 })
    // Lists without required filters take no params.
    listTransactions(ctx)
    listUsers(ctx)
  })

  test('errors are a closed union tagged by _tag, narrowed by the tag', () => {
    expectTypeOf<BridgeError['_tag']>().toEqualTypeOf<
      | 'ApiError'
      | 'AuthenticationError'
      | 'ResponseValidationError'
      | 'InputValidationError'
      | 'NetworkError'
      | 'TimeoutError'
      | 'AbortError'
      | 'CollectLimitError'
      | 'RedirectError'
      | 'ResponseTooLargeError'
      | 'RateLimiterError'
    >()
    expectTypeOf<Extract<BridgeError, { _tag: 'ApiError' }>>().toEqualTypeOf<ApiError>()
    expectTypeOf<ApiError['status']>().toEqualTypeOf<number>()
  })

  test('models are the schemas’ outputs', () => {
    expectTypeOf<Account['id']>().toEqualTypeOf<number>()
    expectTypeOf<Account['balance']>().toEqualTypeOf<number>()
    expectTypeOf<Account['iban']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<Transaction['amount']>().toEqualTypeOf<number>()
  })

  test('withResponse adds the raw response to the model', () => {
    const withRaw = withResponse(getAccount)
    expectTypeOf(withRaw).returns.returns.resolves.toExtend<Either<BridgeError, { data: Account }>>()
    // The wrapped function keeps its signature: getAccount's params stay required.
    expectTypeOf(withRaw).parameter(1).toEqualTypeOf<Parameters<typeof getAccount>[1]>()
    // @ts-expect-error params are required, as for getAccount itself
    withRaw(createContext({ clientId: 'id', clientSecret: 's' }))
  })

  test('bridgeapi/v2 shares the core: one Context for both versions', () => {
    expectTypeOf(v2.createContext).toEqualTypeOf(createContext)
    expectTypeOf(v2.getBank).returns.toEqualTypeOf<TaskEither<BridgeError, v2.Bank>>()
    expectTypeOf(v2.listBanks).returns.toEqualTypeOf<Paginated<v2.Bank>>()
  })

  test('bridgeapi/webhooks: a promise of Either, with its own error union', () => {
    expectTypeOf(verifyAndParseWebhook).returns.toEqualTypeOf<TaskEither<WebhookError, WebhookEvent>>()
    expectTypeOf(verifyWebhookSignature).returns.toEqualTypeOf<TaskEither<WebhookSignatureError, true>>()
    expectTypeOf<WebhookError['_tag']>().toEqualTypeOf<'WebhookSignatureError' | 'WebhookPayloadError'>()
  })
})
