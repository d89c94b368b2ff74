/**
 * Exact public types: no exported schema of either entry point or of the webhooks has a string index
 * signature anywhere in its output (a valibot `looseObject` reintroduced anywhere fails here, by name
 * and path), so a typo in a field or an unknown parameter key does not compile.
 */
import type * as v from 'valibot'
import { describe, expectTypeOf, test } from 'vitest'
import * as v3 from '../../src/index.js'
import * as v2 from '../../src/v2/index.js'
import type * as webhooks from '../../src/webhooks/index.js'

/** The paths (`.a.b[]`) inside `T` whose object type has a string index signature. */
type IndexedPaths<T, Path extends string = ''> = T extends readonly (infer Item)[]
  ? IndexedPaths<Item, `${Path}[]`>
  : T extends object
    ? string extends keyof T
      ? Path
      : { [K in keyof T & string]-?: IndexedPaths<NonNullable<T[K]>, `${Path}.${K}`> }[keyof T & string]
    : never

/** `Export.path` for every exported valibot schema whose output has an index signature at `path`. */
type Offenders<Entry> = {
  [Name in keyof Entry & string]: Entry[Name] extends v.GenericSchema
    ? `${Name}${IndexedPaths<v.InferOutput<Entry[Name]>>}`
    : never
}[keyof Entry & string]

/**
 * The one deliberate exception: the `content` of events whose payload Bridge does not document
 * (`TEST_EVENT`, unknown types) is any JSON object. Each documented event is checked on its own export.
 */
type UndocumentedContent =
  | 'TestEvent.content'
  | 'UnknownWebhookEvent.content'
  | 'KnownWebhookEvent.content'
  | 'WebhookEvent.content'

/** Payment metadata: keys are the app's own (at most 5, checked when sent), so a record is the exact type. */
type PaymentMetadata = `${string}.metadata` | 'PaymentMetadataParam'

/** How many schemas an entry exports, so that the check cannot pass by iterating nothing. */
type SchemaNames<Entry> = {
  [Name in keyof Entry & string]: Entry[Name] extends v.GenericSchema ? Name : never
}[keyof Entry & string]

describe('exact model types', () => {
  test('the check sees the models (it would flag a looseObject)', () => {
    expectTypeOf<'Account'>().toExtend<SchemaNames<typeof v3>>()
    expectTypeOf<'Transaction'>().toExtend<SchemaNames<typeof v2>>()
    expectTypeOf<'ItemRefreshedEvent'>().toExtend<SchemaNames<typeof webhooks>>()
    const Loose = {} as v.LooseObjectSchema<{ id: v.NumberSchema<undefined> }, undefined>
    const Nested = {} as v.ObjectSchema<{ inner: v.ArraySchema<typeof Loose, undefined> }, undefined>
    expectTypeOf<Offenders<{ Loose: typeof Loose; Nested: typeof Nested }>>().toEqualTypeOf<
      'Loose' | 'Nested.inner[]'
    >()
  })

  test('no exported schema of bridgeapi, bridgeapi/v2 or bridgeapi/webhooks has a string index signature', () => {
    expectTypeOf<Exclude<Offenders<typeof v3>, PaymentMetadata>>().toEqualTypeOf<never>()
    expectTypeOf<Offenders<typeof v2>>().toEqualTypeOf<never>()
    expectTypeOf<Exclude<Offenders<typeof webhooks>, UndocumentedContent>>().toEqualTypeOf<never>()
    expectTypeOf<Offenders<typeof webhooks>>().toEqualTypeOf<UndocumentedContent>()
  })

  test('a typo in a model field does not compile', () => {
    const account = {} as v3.Account
    // @ts-expect-error `balanse` is not a field of Account
    account.balanse
    // @ts-expect-error 2025-01-15 names it currency_code
    account.currencyCode
    const transaction = {} as v2.Transaction
    // @ts-expect-error `ammount` is not a field of a 2021-06-01 Transaction
    transaction.ammount
    const event = {} as webhooks.ItemRefreshedEvent
    // @ts-expect-error `item_uuid` is not in item.refreshed's content
    event.content.item_uuid
    expectTypeOf<keyof v3.Account>().toEqualTypeOf<
      | 'id'
      | 'name'
      | 'balance'
      | 'accounting_balance'
      | 'instant_balance'
      | 'updated_at'
      | 'last_refresh_status'
      | 'type'
      | 'currency_code'
      | 'item_id'
      | 'provider_id'
      | 'data_access'
      | 'pro'
      | 'iban'
      | 'loan_details'
    >()
  })

  test('an unknown parameter key does not compile', () => {
    const ctx = v3.createContext({ clientId: 'id', clientSecret: 'secret' })
    // @ts-expect-error `sinse` is not a filter of listTransactions
    v3.listTransactions(ctx, { sinse: '2026-01-01T00:00:00Z' })
    // @ts-expect-error `user_email` is not a parameter of createConnectSession (it is userEmail)
    v3.createConnectSession(ctx, { user_email: 'a@example.com' })
    // @ts-expect-error `accountID` is not a parameter of getAccount
    v3.getAccount(ctx, { accountId: 1, accountID: 1 })
    // @ts-expect-error `bank` is not a parameter of the 2021-06-01 getBank
    v2.getBank(ctx, { bankId: 1, bank: 2 })
    // A spread of a wider object is not checked by TypeScript: the parameter types stay exact objects.
    expectTypeOf<keyof v3.GetAccountParams>().toEqualTypeOf<'accountId'>()
    expectTypeOf<string>().not.toExtend<keyof v3.ListTransactionsParams>()
  })
})
