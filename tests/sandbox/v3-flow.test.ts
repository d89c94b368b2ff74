import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  collect,
  createConnectSession,
  createContext,
  createGuidanceConsent,
  createGuidanceSession,
  createPaymentLink,
  createPaymentRequest,
  createRefund,
  createUser,
  createUserManagementSession,
  deleteItem,
  getAccount,
  getAccountsInformation,
  getCategory,
  getGuidanceHealth,
  getItem,
  getPaymentLink,
  getPaymentRequest,
  getTransaction,
  listAccounts,
  listItems,
  listPaymentLinks,
  listPaymentRequests,
  listProviders,
  listTransactions,
  revokeGuidanceConsent,
  revokePaymentLink,
} from '../../src/index.js'
import { type RunningSandbox, sandboxContext, startSandbox } from '../../src/sandbox/index.js'
import { leftOf, rightOf } from '../support/either.js'

/** The 2025-01-15 journey over real HTTP against the simulator on 127.0.0.1. */
describe('2025-01-15 flow against the sandbox over HTTP', () => {
  let server: RunningSandbox
  beforeAll(async () => {
    server = await startSandbox({ seed: 7 })
  })
  afterAll(() => server.close())

  it('creates a user, connects a bank, reads items, accounts and transactions, deletes the item', async () => {
    const app = createContext(sandboxContext(server, { retry: 0 }))
    const user = rightOf(await createUser(app, { externalUserId: 'flow-user' })())
    const ctx = createContext(sandboxContext(server, { retry: 0, user: { externalUserId: 'flow-user' } }))

    const session = rightOf(
      await createConnectSession(ctx, {
        userEmail: 'flow@example.com',
        callbackUrl: 'https://app.example/done',
      })(),
    )
    const done = server.sandbox.completeConnectSession(session.id, { transactions: 30 })
    expect(done.userUuid).toBe(user.uuid)
    expect(done.callbackUrl).toContain('success=true')

    const items = rightOf(await collect(listItems(ctx))())
    expect(items.map((item) => [item.id, item.status, item.provider_id])).toEqual([[done.itemId, 0, 574]])
    expect(rightOf(await getItem(ctx, { itemId: done.itemId as number })()).status_code_info).toBe('ok')

    const accounts = rightOf(await collect(listAccounts(ctx, { itemId: done.itemId as number }))())
    expect(accounts.map((account) => account.id).sort()).toEqual([...done.accountIds].sort())
    const first = accounts[0]
    if (!first) throw new Error('no account')
    expect(rightOf(await getAccount(ctx, { accountId: first.id })()).name).toBe(first.name)

    // A small page size makes the list span several pages; every page is a request.
    server.sandbox.clearRequests()
    const transactions = rightOf(await collect(listTransactions(ctx, { limit: 7 }))())
    expect(transactions).toHaveLength(30)
    expect(new Set(transactions.map((tx) => tx.id)).size).toBe(30)
    const pages = server.sandbox.requests.filter((request) => request.path === '/v3/aggregation/transactions')
    expect(pages).toHaveLength(5)
    expect(pages.every((page) => page.query.limit === '7')).toBe(true)
    expect(pages[0]?.headers).toMatchObject({
      'bridge-version': '2025-01-15',
      'client-id': server.sandbox.clientId,
      authorization: '[redacted]',
    })
    const tx = transactions[0]
    if (!tx) throw new Error('no transaction')
    expect(rightOf(await getTransaction(ctx, { transactionId: tx.id })()).amount).toBe(tx.amount)

    const check = rightOf(await collect(getAccountsInformation(ctx))())
    expect(check.map((entry) => entry.item_id)).toEqual([done.itemId])

    expect(rightOf(await deleteItem(ctx, { itemId: done.itemId as number })())).toBeUndefined()
    expect(rightOf(await collect(listItems(ctx))())).toEqual([])
    expect(leftOf(await getItem(ctx, { itemId: done.itemId as number })())).toMatchObject({
      _tag: 'ApiError',
      status: 404,
      code: 'item.not_found',
    })
  })

  it('creates, reads, lists and revokes a payment link; a payment request executes', async () => {
    const app = createContext(sandboxContext(server, { retry: 0 }))
    const created = rightOf(
      await createPaymentLink(app, {
        user: { firstName: 'Jane', lastName: 'Doe', externalReference: 'customer-42' },
        transactions: [{ amount: 12.5, currency: 'EUR', label: 'Order 42', endToEndId: 'ORDER-42' }],
        clientReference: 'order-42',
      })(),
    )
    const link = rightOf(await getPaymentLink(app, { paymentLinkId: created.id })())
    expect([link.status, link.client_reference, link.transactions[0]?.amount]).toEqual([
      'valid',
      'order-42',
      12.5,
    ])
    expect(link.user?.external_reference).toBe('customer-42')

    const listed = rightOf(await collect(listPaymentLinks(app, { status: 'valid' }))())
    expect(listed.map((item) => item.id)).toContain(created.id)

    expect(rightOf(await revokePaymentLink(app, { paymentLinkId: created.id })())).toBeUndefined()
    expect(rightOf(await getPaymentLink(app, { paymentLinkId: created.id })()).status).toBe('revoked')
    expect(rightOf(await collect(listPaymentRequests(app, { paymentLinkId: created.id }))())).toEqual([])
    expect(leftOf(await revokePaymentLink(app, { paymentLinkId: 'unknown-link' })())).toMatchObject({
      status: 404,
    })

    const request = rightOf(
      await createPaymentRequest(app, {
        callbackUrl: 'https://shop.example/paid',
        providerId: 574,
        user: { companyName: 'ACME' },
        transactions: [{ amount: 5, currency: 'EUR', label: 'id-acsc' }],
      })(),
    )
    const fetched = rightOf(await getPaymentRequest(app, { paymentRequestId: request.id })())
    expect([fetched.id, fetched.status, fetched.provider_id]).toEqual([request.id, 'ACSC', 574])
  })

  it('a paid link shows its funds, and its request the payment account transaction a refund takes', async () => {
    const app = createContext(sandboxContext(server, { retry: 0 }))
    const created = rightOf(
      await createPaymentLink(app, {
        user: { firstName: 'Jane', lastName: 'Doe' },
        transactions: [{ amount: 7.5, currency: 'EUR', label: 'id-acsc' }],
      })(),
    )
    const unpaid = rightOf(await getPaymentLink(app, { paymentLinkId: created.id })())
    expect(unpaid.fund_information).toEqual({ status: 'unpaid', payment_account_transactions: [] })
    // A script pays the link at once (`?scenario=pay`: the lines' labels choose the outcome).
    expect((await fetch(`${created.url}?scenario=pay`)).status).toBe(200)
    const paid = rightOf(await getPaymentLink(app, { paymentLinkId: created.id })())
    const [request] = rightOf(await collect(listPaymentRequests(app, { paymentLinkId: created.id }))())
    const received = request?.transactions[0]?.payment_account_transaction
    expect(received).toMatchObject({ status: 'received', amount: 7.5 })
    expect(paid.fund_information).toEqual({ status: 'paid', payment_account_transactions: [received] })
    const refund = rightOf(
      await createRefund(app, { paymentAccountTransactionId: received?.id as string, amount: 7.5 })(),
    )
    expect(refund.payment_account_transaction_id).toBe(received?.id)
  })

  it('guidance: consent, session (password redacted), revocation', async () => {
    const app = createContext(sandboxContext(server, { retry: 0 }))
    const user = rightOf(await createUser(app, { externalUserId: 'guidance-user' })())
    const company = { userUuid: user.uuid, countryCode: 'FR', companyIdentificationNumber: '529196313' }
    rightOf(await createGuidanceConsent(app, { ...company, language: 'en' })())
    rightOf(await getGuidanceHealth(app, { userUuid: user.uuid })())
    const session = rightOf(await createGuidanceSession(app, company)())
    expect(session.url).toContain(session.id)
    expect(session.password.reveal()).toMatch(/^[0-9a-f]{20}$/)
    expect(JSON.stringify(session)).not.toContain(session.password.reveal())
    expect(rightOf(await revokeGuidanceConsent(app, { userUuid: user.uuid })())).toBeUndefined()
    expect(leftOf(await getGuidanceHealth(app, { userUuid: user.uuid })())).toMatchObject({ status: 404 })
    expect(leftOf(await revokeGuidanceConsent(app, { userUuid: 'unknown-user' })())).toMatchObject({
      _tag: 'ApiError',
      status: 401,
    })
  })

  it('user-management sessions take the documented options; providers filter by comma lists', async () => {
    const ctx = createContext(sandboxContext(server, { retry: 0, user: { externalUserId: 'ums-user' } }))
    rightOf(
      await createUser(createContext(sandboxContext(server, { retry: 0 })), { externalUserId: 'ums-user' })(),
    )
    const session = rightOf(
      await createUserManagementSession(ctx, { callbackUrl: 'https://app.example/done', context: 'ctx-7' })(),
    )
    expect(server.sandbox.session(session.id)).toMatchObject({
      callbackUrl: 'https://app.example/done',
      context: 'ctx-7',
    })
    const app = createContext(sandboxContext(server, { retry: 0 }))
    const ids = async (countryCode: string | string[]) =>
      rightOf(await collect(listProviders(app, { countryCode, limit: 500 }))()).map((provider) => provider.id)
    const french = await ids('FR')
    expect(french.length).toBeGreaterThan(1)
    // `country_code=FR,ES` is an OR: the French providers, plus the Spanish ones (none in the sandbox).
    expect(await ids(['FR', 'ES'])).toEqual(french)
    expect(await ids('ES')).toEqual([])
  })

  it('filters providers on provider_environments, in aggregation or payment metadata (OR)', async () => {
    const app = createContext(sandboxContext(server, { retry: 0 }))
    const all = rightOf(await collect(listProviders(app, { limit: 500 }))())
    const environments = (p: (typeof all)[number]): unknown[] => [
      ...((p.aggregation_metadata as { provider_environments?: string[] } | undefined)
        ?.provider_environments ?? []),
      ...(p.payment_metadata?.provider_environments ?? []),
    ]
    const inSandbox = all.filter((p) => environments(p).includes('sandbox')).map((p) => p.id)
    const filtered = rightOf(
      await collect(listProviders(app, { providerEnvironments: 'sandbox', limit: 500 }))(),
    ).map((p) => p.id)
    expect(filtered).toContain(574)
    expect(filtered).toEqual(inSandbox)
    expect(filtered.length).toBeLessThan(all.length)
  })

  it('localises category names with the language option', async () => {
    const app = createContext(sandboxContext(server, { retry: 0, language: 'en' }))
    expect(rightOf(await getCategory(app, { categoryId: 83 })())).toMatchObject({
      id: 83,
      name: 'Restaurants',
      parent_id: 168,
    })
    server.sandbox.clearRequests()
    await getCategory(app, { categoryId: 83 }, { language: 'fr' })()
    expect(server.sandbox.requests[0]?.headers['accept-language']).toBe('fr')
  })
})
