import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { endpointsOf } from '../../src/core/define/operation.js'
import * as sdk from '../../src/index.js'
import { type Context, collect, createContext, type Paginated } from '../../src/index.js'
import { type RunningSandbox, sandboxContext, startSandbox } from '../../src/sandbox/index.js'

/**
 * Every SDK endpoint, called through the SDK against the sandbox over HTTP: the SDK validates each
 * response with its own schemas, so a `Right` means the sandbox's answer conforms. To add an
 * endpoint, add a row to `V3_CASES`; the last test fails when an exported endpoint has no row.
 */

interface Fixture {
  server: RunningSandbox
  /** Application-level context. */
  app: Context
  /** Context of a user with one connected Demo Bank item. */
  user: Context
  userUuid: string
  itemId: number
  accountId: number
  transactionId: number
  stockId: number
  paymentLinkId: string
  paymentRequestId: string
  refundId: string
  payoutId: string
  beneficiaryId: string
}

type Task = () => Promise<{ _tag: 'Left'; left: unknown } | { _tag: 'Right'; right: unknown }>
type Case = (f: Fixture) => Task

const all =
  (list: Paginated<unknown>): Task =>
  () =>
    collect(list, { max: 100_000 })()

const payer = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', externalReference: 'REF-1' }

/** One row per 2025-01-15 endpoint function exported by `bridgeapi`. */
const V3_CASES: Record<string, Case> = {
  createUser: (f) => sdk.createUser(f.app, { externalUserId: 'conformance-new' }),
  listUsers: (f) => all(sdk.listUsers(f.app, { limit: 1 })),
  getUser: (f) => sdk.getUser(f.app, { userUuid: f.userUuid }),
  deleteUser: (f) => async () => {
    const created = await sdk.createUser(f.app, {})()
    if (created._tag === 'Left') return created
    return sdk.deleteUser(f.app, { userUuid: created.right.uuid })()
  },
  createAuthorizationToken: (f) => sdk.createAuthorizationToken(f.app, { userUuid: f.userUuid }),
  createConnectSession: (f) =>
    sdk.createConnectSession(f.user, { userEmail: 'ada@example.com', providerId: 574, accountTypes: 'all' }),
  createUserManagementSession: (f) =>
    sdk.createUserManagementSession(f.user, {
      userEmail: 'ada@example.com',
      callbackUrl: 'https://shop.example.com/back',
      context: 'ctx-1',
      countryCode: 'FR',
      capabilities: ['aggregation'],
      allowAccountSelection: false,
    }),
  listItems: (f) => all(sdk.listItems(f.user)),
  getItem: (f) => sdk.getItem(f.user, { itemId: f.itemId }),
  deleteItem: (f) => async () => {
    const extra = f.server.sandbox.seedUser({
      externalUserId: 'conformance-user',
      transactions: 5,
      accounts: 1,
    })
    return sdk.deleteItem(f.user, { itemId: extra.itemId })()
  },
  listAccounts: (f) => all(sdk.listAccounts(f.user, { itemId: f.itemId, limit: 2 })),
  getAccount: (f) => sdk.getAccount(f.user, { accountId: f.accountId }),
  listTransactions: (f) => all(sdk.listTransactions(f.user, { limit: 500 })),
  getTransaction: (f) => sdk.getTransaction(f.user, { transactionId: f.transactionId }),
  listStocks: (f) => all(sdk.listStocks(f.user)),
  getStock: (f) => sdk.getStock(f.user, { stockId: f.stockId }),
  listCategories: (f) => all(sdk.listCategories(f.app)),
  getCategory: (f) => sdk.getCategory(f.app, { categoryId: 83 }),
  getCategoryInsights: (f) => sdk.getCategoryInsights(f.user),
  getAccountsInformation: (f) => all(sdk.getAccountsInformation(f.user)),
  listProviders: (f) =>
    all(sdk.listProviders(f.app, { limit: 10, countryCode: ['FR', 'DE'], capabilities: ['aggregation'] })),
  getProvider: (f) => sdk.getProvider(f.app, { providerId: 574 }),
  createPaymentLink: (f) =>
    sdk.createPaymentLink(f.app, {
      user: payer,
      transactions: [{ amount: 12.5, currency: 'EUR', label: 'Order 12', endToEndId: 'E2E-12' }],
      clientReference: 'order-12',
    }),
  listPaymentLinks: (f) => all(sdk.listPaymentLinks(f.app)),
  getPaymentLink: (f) => sdk.getPaymentLink(f.app, { paymentLinkId: f.paymentLinkId }),
  revokePaymentLink: (f) => async () => {
    const link = await sdk.createPaymentLink(f.app, {
      user: payer,
      transactions: [{ amount: 5, currency: 'EUR', label: 'to revoke' }],
    })()
    if (link._tag === 'Left') return link
    return sdk.revokePaymentLink(f.app, { paymentLinkId: link.right.id })()
  },
  createPaymentRequest: (f) =>
    sdk.createPaymentRequest(f.app, {
      callbackUrl: 'https://shop.example.com/back',
      providerId: 574,
      user: payer,
      transactions: [{ amount: 10.5, currency: 'EUR', label: 'id-rjct-noas' }],
    }),
  listPaymentRequests: (f) => all(sdk.listPaymentRequests(f.app)),
  getPaymentRequest: (f) => sdk.getPaymentRequest(f.app, { paymentRequestId: f.paymentRequestId }),
  createRefund: (f) =>
    sdk.createRefund(f.app, {
      paymentAccountTransactionId: '9f7052e8-96cd-45da-8e5c-08c82ef83164',
      amount: 10,
      description: 'refund',
    }),
  listRefunds: (f) => all(sdk.listRefunds(f.app)),
  getRefund: (f) => sdk.getRefund(f.app, { refundId: f.refundId }),
  listBeneficiaries: (f) => all(sdk.listBeneficiaries(f.app)),
  createPayout: (f) =>
    sdk.createPayout(f.app, { beneficiaryId: f.beneficiaryId, amount: 20, label: 'Payout' }),
  listPayouts: (f) => all(sdk.listPayouts(f.app)),
  getPayout: (f) => sdk.getPayout(f.app, { payoutId: f.payoutId }),
  createPaymentConsent: (f) =>
    sdk.createPaymentConsent(f.app, {
      externalReference: 'consent-1',
      redirectUrl: 'https://shop.example.com/consent',
      transactions: [{ amount: 150, currency: 'EUR', label: 'Goods' }],
      user: { companyName: 'ACME', email: 'billing@acme.example' },
    }),
  createGuidanceConsent: (f) =>
    sdk.createGuidanceConsent(f.app, {
      userUuid: f.userUuid,
      countryCode: 'FR',
      companyIdentificationNumber: '529196313',
      contactEmail: 'contact@example.com',
      contactPhoneNumber: '+33612345678',
      language: 'fr',
    }),
  getGuidanceHealth: (f) => sdk.getGuidanceHealth(f.app, { userUuid: f.userUuid }),
  createGuidanceSession: (f) =>
    sdk.createGuidanceSession(f.app, {
      userUuid: f.userUuid,
      countryCode: 'FR',
      companyIdentificationNumber: '529196313',
      language: 'en',
    }),
  revokeGuidanceConsent: (f) => async () => {
    const created = await sdk.createUser(f.app, {})()
    if (created._tag === 'Left') return created
    const userUuid = created.right.uuid
    const consent = await sdk.createGuidanceConsent(f.app, {
      userUuid,
      countryCode: 'FR',
      companyIdentificationNumber: '529196313',
    })()
    if (consent._tag === 'Left') return consent
    return sdk.revokeGuidanceConsent(f.app, { userUuid })()
  },
  createApplication: (f) =>
    sdk.createApplication(f.app, {
      dashboardUserEmail: 'admin@example.com',
      applications: [{ name: 'Shop' }],
    }),
}

/** Exported functions of `bridgeapi` that are not endpoints (they carry no endpoint declaration). */
const HELPERS = [
  'BridgeException',
  'Redacted',
  'collect',
  'createContext',
  'createRateLimiter',
  'formatError',
  // Pure amount helpers: no request.
  'fromMinorUnits',
  'isAuthenticated',
  'isBridgeError',
  'memoryRateLimitStore',
  'memoryTokenStore',
  // Reads the Connect callback's URL; sends nothing.
  'parseConnectCallback',
  'renewAuth',
  'setUserToken',
  // Reads through listTransactions, whose row covers its requests.
  'syncTransactions',
  'toMinorUnits',
  'unwrap',
  'withResponse',
]

const right = async <T>(
  task: () => Promise<{ _tag: 'Left'; left: unknown } | { _tag: 'Right'; right: T }>,
) => {
  const result = await task()
  if (result._tag === 'Left') throw new Error(`fixture step failed: ${JSON.stringify(result.left)}`)
  return result.right
}

describe('sandbox responses conform to the SDK schemas (2025-01-15)', () => {
  let f: Fixture
  beforeAll(async () => {
    const server = await startSandbox({ seed: 3 })
    const app = createContext(sandboxContext(server, { retry: 0 }))
    const created = await right(sdk.createUser(app, { externalUserId: 'conformance-user' }))
    const user = createContext(sandboxContext(server, { retry: 0, user: { uuid: created.uuid } }))
    const session = await right(sdk.createConnectSession(user, { userEmail: 'ada@example.com' }))
    const done = server.sandbox.completeConnectSession(session.id)
    const accounts = server.sandbox.accounts(created.uuid)
    const link = await right(
      sdk.createPaymentLink(app, { user: payer, transactions: [{ amount: 1, currency: 'EUR', label: 'x' }] }),
    )
    const request = await right(
      sdk.createPaymentRequest(app, {
        callbackUrl: 'https://shop.example.com/back',
        providerId: 574,
        user: payer,
        transactions: [{ amount: 2, currency: 'EUR', label: 'id-acsc' }],
      }),
    )
    const refund = await right(
      sdk.createRefund(app, {
        paymentAccountTransactionId: '0c3f20b2-eb2c-4159-a588-347f85cf3739',
        amount: 1,
      }),
    )
    const beneficiaryId = server.sandbox.beneficiaries()[0]?.id as string
    const payout = await right(sdk.createPayout(app, { beneficiaryId, amount: 3, label: 'first payout' }))
    await right(
      sdk.createGuidanceConsent(app, {
        userUuid: created.uuid,
        countryCode: 'FR',
        companyIdentificationNumber: '529196313',
      }),
    )
    f = {
      server,
      app,
      user,
      userUuid: created.uuid,
      itemId: done.itemId as number,
      accountId: accounts[0]?.id as number,
      transactionId: server.sandbox.transactions(created.uuid, 'updated')[0]?.id as number,
      stockId: server.sandbox.stocks(created.uuid)[0]?.id as number,
      paymentLinkId: link.id,
      paymentRequestId: request.id,
      refundId: refund.id,
      payoutId: payout.id,
      beneficiaryId,
    }
  })
  afterAll(() => f?.server.close())

  for (const [name, run] of Object.entries(V3_CASES)) {
    it(name, async () => {
      const result = await run(f)()
      expect(result, JSON.stringify(result._tag === 'Left' ? result.left : null)).toMatchObject({
        _tag: 'Right',
      })
    })
  }

  it('has a row for every endpoint the SDK exports (every export that carries an endpoint declaration)', () => {
    const endpoints = endpointsOf(sdk).map((spec) => spec.name)
    expect(endpoints.length).toBeGreaterThanOrEqual(40)
    // A function that is neither a known helper nor declared as an endpoint would escape this test.
    const undeclared = Object.entries(sdk)
      .filter(([name, value]) => typeof value === 'function' && !endpoints.includes(name))
      .map(([name]) => name)
    expect(undeclared.sort()).toEqual([...HELPERS].sort())
    expect(
      endpoints.filter((name) => !(name in V3_CASES)),
      'endpoints without a row in V3_CASES (tests/sandbox/conformance.test.ts): add one calling the endpoint against the sandbox',
    ).toEqual([])
    expect(Object.keys(V3_CASES).filter((name) => !endpoints.includes(name))).toEqual([])
  })
})
