import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { endpointsOf } from '../../src/core/define/operation.js'
import * as core from '../../src/core/index.js'
import { type RunningSandbox, sandboxContext, startSandbox } from '../../src/sandbox/index.js'
import { compilePattern } from '../../src/sandbox/router.js'
import { v2Api } from '../../src/sandbox/v2/index.js'
import * as sdk from '../../src/v2/index.js'
import {
  authenticateUser,
  collect,
  connectItem,
  createContext,
  createPaymentLink,
  createPaymentRequest,
  createPayout,
  createRefund,
  createUser,
  deleteAllUsers,
  deleteItem,
  deleteUser,
  editItem,
  getAccount,
  getAccountsInformation,
  getBank,
  getBankConnectorsStatus,
  getBulkTransfer,
  getCategory,
  getCategoryInsights,
  getEmailValidation,
  getItem,
  getItemRefreshStatus,
  getPaymentLink,
  getPaymentRequest,
  getPayout,
  getRefund,
  getStock,
  getTransaction,
  getTransfer,
  getUser,
  isAuthenticated,
  listAccounts,
  listAccountTransactions,
  listAccountUpdatedTransactions,
  listBanks,
  listBeneficiaries,
  listBulkTransfers,
  listCategories,
  listItems,
  listPaymentLinks,
  listPaymentRequests,
  listPayouts,
  listRefunds,
  listSenderAccounts,
  listStocks,
  listTransactions,
  listTransfers,
  listUpdatedStocks,
  listUpdatedTransactions,
  listUsers,
  logoutUser,
  manageAccountsIban,
  manageScaSyncItem,
  refreshItem,
  refreshSenderAccounts,
  renewAuth,
  revokePaymentLink,
  sendBulkTransfer,
  sendTransfer,
  updateUserEmail,
  updateUserPassword,
  validateProItems,
} from '../../src/v2/index.js'
import { leftOf, rightOf } from '../support/either.js'
import { itemsOf } from '../v2/support.js'

/**
 * The Python client's README flows, in functional form, against the sandbox over real HTTP
 * (127.0.0.1), and every 2021-06-01 sandbox route checked against the SDK's schemas.
 */

let running: RunningSandbox
beforeAll(async () => {
  running = await startSandbox({ seed: 'v2', now: '2026-03-02T09:00:00Z' })
})
afterAll(() => running.close())

/** Every answered SDK call (operation name, method, path), for the export coverage check. */
const answered: { operation: string; method: string; path: string; status: number }[] = []
const hooks = {
  onResponse: (event: { operation: string; method: string; url: string; status?: number }) => {
    if (event.status !== undefined)
      answered.push({ ...event, path: new URL(event.url).pathname, status: event.status })
  },
}
const app = () => createContext(sandboxContext(running, { retry: 0, hooks }))
const as = (email: string, password: string, options: { autoRenew?: boolean } = {}) =>
  createContext(sandboxContext(running, { retry: 0, hooks, user: { email, password }, ...options }))

/** Opens a Connect URL like the user's browser would: the sandbox completes the session. */
const finishConnect = async (redirectUrl: string) => {
  const response = await fetch(redirectUrl, { redirect: 'manual' })
  expect([200, 302]).toContain(response.status)
}

/** Creates a legacy user with one connected Demo Bank item. */
const connectedUser = async (email: string) => {
  rightOf(await createUser(app(), { email, password: 'password123' })())
  const ctx = as(email, 'password123')
  const url = rightOf(await connectItem(ctx, { prefillEmail: email, country: 'fr', bankId: 574 })())
  await finishConnect(url.redirect_url)
  return ctx
}

describe('the Python README flows against the sandbox', () => {
  it('lists banks two at a time and pages on, following next_uri', async () => {
    const pages = []
    for await (const page of listBanks(app(), { limit: 2 }).pages()) {
      pages.push(rightOf(page))
      if (pages.length === 3) break
    }
    expect(pages.map((p) => p.items.map((bank) => bank.id))).toEqual([
      [592, 578],
      [577, 574],
      [563, 544],
    ])
    const first = JSON.parse(pages[0]!.response.body)
    expect(first.pagination.next_uri).toBe(`/v2/banks?after=${pages[0]!.nextAfter}&limit=2`)
    const all = rightOf(await collect(listBanks(app(), { limit: 2 }), { max: 100 })())
    expect(all.length).toBeGreaterThan(6)
    expect(leftOf(await collect(listBanks(app(), { limit: 2 }), { max: 3 })())._tag).toBe('CollectLimitError')
  })

  it('creates a user with e-mail and password, authenticates, connects an item, lists accounts and transactions', async () => {
    const user = rightOf(await createUser(app(), { email: 'john@doe.com', password: 'password123' })())
    expect(user.email).toBe('john@doe.com')
    const auth = rightOf(await authenticateUser(app(), { email: 'john@doe.com', password: 'password123' })())
    expect(auth.user.uuid).toBe(user.uuid)
    expect(Date.parse(auth.expires_at) - Date.parse('2026-03-02T09:00:00Z')).toBe(2 * 3600 * 1000)

    const ctx = as('john@doe.com', 'password123')
    const url = rightOf(await connectItem(ctx, { prefillEmail: 'john@doe.com', bankId: 574 })())
    expect(url.redirect_url.startsWith(`${running.url}/_sandbox/connect/session/`)).toBe(true)
    await finishConnect(url.redirect_url)

    const items = await itemsOf(listItems(ctx))
    expect(items.map((item) => [item.status, item.status_code_info, item.bank_id])).toEqual([[0, 'OK', 574]])
    const accounts = await itemsOf(listAccounts(ctx, { itemId: items[0]!.id }))
    expect(accounts.length).toBeGreaterThan(1)
    expect(accounts.every((account) => account.bank_id === 574 && account.status === 0)).toBe(true)
    const transactions = rightOf(await collect(listTransactions(ctx, { limit: 50 }), { max: 1000 })())
    expect(transactions.length).toBe(150)
    const dates = transactions.map((tx) => tx.date)
    expect(dates).toEqual([...dates].sort().reverse())
  })

  it('manual renewal: no call before renewAuth, again after the token expires', async () => {
    rightOf(await createUser(app(), { email: 'manual@doe.com', password: 'password123' })())
    const ctx = as('manual@doe.com', 'password123', { autoRenew: false })
    expect(rightOf(await isAuthenticated(ctx)())).toBe(false)
    const refused = leftOf(await collect(listItems(ctx))())
    expect(refused).toMatchObject({ _tag: 'AuthenticationError', reason: 'manual_mode' })

    rightOf(await renewAuth(ctx)())
    expect(rightOf(await isAuthenticated(ctx)())).toBe(true)
    expect(rightOf(await collect(listItems(ctx))())).toEqual([])

    running.sandbox.clock.advance(2 * 3600 * 1000 + 1000)
    expect(rightOf(await isAuthenticated(ctx)())).toBe(false)
    expect(leftOf(await getEmailValidation(ctx)())).toMatchObject({ reason: 'manual_mode' })
    rightOf(await renewAuth(ctx)())
    expect(rightOf(await getEmailValidation(ctx)())).toEqual({ name: 'email', is_confirmed: false })
  })

  it('renews automatically after Bridge refuses a revoked token (401)', async () => {
    const ctx = await connectedUser('revoked@doe.com')
    rightOf(await collect(listItems(ctx))())
    running.sandbox.revokeTokens()
    expect(rightOf(await collect(listItems(ctx))())).toHaveLength(1)
    const recent = running.sandbox.requests.slice(-3).map((r) => `${r.method} ${r.path} ${r.status}`)
    expect(recent).toEqual(['GET /v2/items 401', 'POST /v2/authenticate 200', 'GET /v2/items 200'])
  })

  it('answers errors with the 2021-06-01 body', async () => {
    const error = leftOf(await getBank(app(), { bankId: 1 })())
    expect(error).toMatchObject({
      _tag: 'ApiError',
      status: 404,
      code: 'not_found',
      body: { format: '2021-06-01', type: 'not_found', documentation_url: 'https://docs.bridgeapi.io/' },
    })
    const wrong = leftOf(
      await listItems(as('john@doe.com', 'wrong-password'))
        [Symbol.asyncIterator]()
        .next()
        .then((r) => r.value),
    )
    expect(wrong).toMatchObject({ _tag: 'AuthenticationError', reason: 'token_rejected' })
  })
})

describe('every 2021-06-01 sandbox route conforms to the SDK schemas', () => {
  it('answers each SDK function with a body its schema accepts', async () => {
    running.sandbox.clearRequests()
    const ctx = await connectedUser('schema@doe.com')
    const client = app()
    const user = rightOf(await createUser(client, { externalUserId: 'schema-ext' })())
    expect(user).toEqual({ uuid: user.uuid, external_user_id: 'schema-ext' })
    rightOf(await getUser(client, { userUuid: user.uuid })())
    await itemsOf(listUsers(client, { limit: 2 }))
    rightOf(await authenticateUser(client, { externalUserId: 'schema-ext' })())
    rightOf(await authenticateUser(client, { userUuid: user.uuid })())
    await itemsOf(listBanks(client, { countries: 'fr', capabilities: 'ais' }))
    rightOf(await getBank(client, { bankId: 574 })())
    rightOf(await getBankConnectorsStatus(client)())
    const tree = await itemsOf(listCategories(client, {}, { language: 'fr' }))
    expect(tree).toHaveLength(15)
    expect(rightOf(await getCategory(client, { categoryId: 83 })())).toEqual({
      id: 83,
      name: 'Restaurants',
      parent_id: 168,
    })

    const [item] = await itemsOf(listItems(ctx))
    const itemId = item!.id
    rightOf(await getItem(ctx, { itemId })())
    rightOf(await refreshItem(ctx, { itemId })())
    expect(rightOf(await getItemRefreshStatus(ctx, { itemId })()).status).toBe('finished')
    for (const connect of [editItem, manageScaSyncItem])
      rightOf(await connect(ctx, { itemId, context: 'x' })())
    for (const manage of [validateProItems, manageAccountsIban])
      rightOf(await manage(ctx, { redirectUrl: 'https://app.example/back' })())
    rightOf(await getEmailValidation(ctx)())
    const accounts = await itemsOf(listAccounts(ctx))
    const account = accounts.find((a) => a.type === 'checking')!
    rightOf(await getAccount(ctx, { accountId: account.id })())
    expect(rightOf(await getAccountsInformation(ctx)())[0]?.item_id).toBe(itemId)
    const [tx] = await itemsOf(listTransactions(ctx, { since: '2000-01-01', until: '2100-01-01', limit: 5 }))
    rightOf(await getTransaction(ctx, { transactionId: tx!.id })())
    await itemsOf(listUpdatedTransactions(ctx, { since: '2000-01-01T00:00:00Z', limit: 100 }))
    await itemsOf(listAccountTransactions(ctx, { accountId: account.id, limit: 100 }))
    await itemsOf(listAccountUpdatedTransactions(ctx, { accountId: account.id, limit: 100 }))
    const stocks = await itemsOf(listStocks(ctx))
    expect(stocks.length).toBeGreaterThan(0)
    await itemsOf(listUpdatedStocks(ctx, { since: '2000-01-01T00:00:00Z' }))
    rightOf(await getStock(ctx, { stockId: stocks[0]!.id })())
    rightOf(await getCategoryInsights(ctx, { fullyAnalyzedMonth: 2 })())
    rightOf(await refreshSenderAccounts(ctx)())
    const [sender] = await itemsOf(listSenderAccounts(ctx))
    const beneficiary = { name: 'Michel Dupont', iban: 'FR7630006000011234567890189' }
    rightOf(await sendTransfer(ctx, { beneficiary, amount: 10, senderAccountId: sender!.id })())
    rightOf(
      await sendBulkTransfer(ctx, { clientReference: 'bulk-1', transfers: [{ amount: 1, beneficiary }] })(),
    )
    const [bulk] = await itemsOf(listBulkTransfers(ctx))
    rightOf(await getBulkTransfer(ctx, { bulkTransferId: bulk!.id })())
    const transfers = await itemsOf(listTransfers(ctx))
    expect(transfers).toHaveLength(2)
    rightOf(await getTransfer(ctx, { transferId: transfers[0]!.uuid })())

    const who = (email: string, password: string) =>
      authenticateUser(client, { email, password })().then((auth) => rightOf(auth).user.uuid)
    const uuid = await who('schema@doe.com', 'password123')
    rightOf(
      await updateUserEmail(client, {
        userUuid: uuid,
        password: 'password123',
        newEmail: 'schema2@doe.com',
      })(),
    )
    rightOf(
      await updateUserPassword(client, {
        userUuid: uuid,
        currentPassword: 'password123',
        newPassword: 'n3w-password',
      })(),
    )
    expect(await who('schema2@doe.com', 'n3w-password')).toBe(uuid)
    const moved = as('schema2@doe.com', 'n3w-password')
    rightOf(await deleteItem(moved, { itemId })())
    expect(await itemsOf(listItems(moved))).toEqual([])
    rightOf(await logoutUser(moved)())
    rightOf(await deleteUser(client, { userUuid: uuid, password: 'n3w-password' })())
    expect(leftOf(await getUser(client, { userUuid: uuid })())).toMatchObject({ status: 404 })
    rightOf(await deleteAllUsers(client)())
    expect(await itemsOf(listUsers(client))).toEqual([])

    // Payments, on the records the 2025-01-15 routes share.
    const link = rightOf(
      await createPaymentLink(client, {
        user: { firstName: 'John', lastName: 'Doe' },
        transactions: [{ amount: 12.5, currency: 'EUR', label: 'id-acsc', endToEndId: 'E2E-1' }],
        clientReference: 'order-1',
      })(),
    )
    expect(rightOf(await getPaymentLink(client, { paymentLinkId: link.id })()).status).toBe('VALID')
    await fetch(link.url!, { redirect: 'manual' })
    const [paid] = await itemsOf(listPaymentRequests(client, { paymentLinkId: link.id, status: ['ACSC'] }))
    expect(paid?.transactions.map((t) => [t.amount, t.status])).toEqual([[12.5, 'ACSC']])
    expect((await itemsOf(listPaymentLinks(client))).map((l) => l.status)).toEqual(['COMPLETED'])
    const other = rightOf(
      await createPaymentLink(client, {
        user: { companyName: 'ACME' },
        transactions: [{ amount: 1, currency: 'EUR', label: 'x' }],
        clientReference: 'order-2',
      })(),
    )
    rightOf(await revokePaymentLink(client, { paymentLinkId: other.id })())
    expect(rightOf(await getPaymentLink(client, { paymentLinkId: other.id })()).status).toBe('REVOKED')
    const request = rightOf(
      await createPaymentRequest(client, {
        bankId: 574,
        successfulCallbackUrl: 'https://shop.example/ok',
        transactions: [{ amount: 99.5, currency: 'EUR', label: 'id-rjct-noas' }],
        user: { firstName: 'Jane', lastName: 'Doe' },
        beneficiary: { name: 'Shop', iban: 'FR7630006000011234567890189' },
      })(),
    )
    expect(request.consent_url).toBe(`${running.url}/_sandbox/pay/payment/${request.id}/initiate`)
    const fetched = rightOf(await getPaymentRequest(client, { paymentRequestId: request.id })())
    expect([fetched.status, fetched.transactions[0]?.status_reason, fetched.bank_id]).toEqual([
      'RJCT',
      'NOAS',
      574,
    ])
    const refund = rightOf(await createRefund(client, { paymentAccountTransactionId: 'pat-1', amount: 5 })())
    const beneficiaryId = running.sandbox.beneficiaries()[0]!.id
    const payout = rightOf(await createPayout(client, { beneficiaryId, amount: 20, label: 'Payout 1' })())
    expect(rightOf(await getPayout(client, { payoutId: payout.id })()).status).toBe('paid')
    // The 2021-06-01 payment-account reads (issue 23): each record created above, exactly once.
    expect((await itemsOf(listRefunds(client))).map((r) => r.id)).toEqual([refund.id])
    expect(rightOf(await getRefund(client, { refundId: refund.id })())).toEqual(refund)
    expect(leftOf(await getRefund(client, { refundId: 'missing' })())._tag).toBe('ApiError')
    expect((await itemsOf(listBeneficiaries(client))).map((b) => b.id)).toEqual(
      running.sandbox.beneficiaries().map((b) => b.id),
    )
    expect((await itemsOf(listPayouts(client))).map((p) => [p.id, p.beneficiary?.id])).toEqual([
      [payout.id, beneficiaryId],
    ])

    // Every route was exercised, and answered 2xx at least once.
    const served = running.sandbox.requests.filter((r) => r.status !== undefined && r.status < 300)
    const missed = v2Api.routes.filter(
      (route) => !served.some((r) => r.method === route.method && compilePattern(route.pattern)(r.path)),
    )
    expect(missed.map((route) => `${route.method} ${route.pattern}`)).toEqual([])
  })

  // Auth helpers that send no request of their own: isAuthenticated only reads the token store,
  // setUserToken only writes it, renewAuth sends authenticateUser's POST /v2/authenticate.
  const AUTH_HELPERS = ['isAuthenticated', 'renewAuth', 'setUserToken']

  it('has a route for every request-sending function exported from bridgeapi/v2 (run after the test above)', () => {
    const functions = Object.entries(sdk)
      .filter(([name, value]) => typeof value === 'function' && !(name in core))
      .map(([name]) => name)
    expect(functions).toEqual(expect.arrayContaining(AUTH_HELPERS))
    // The endpoints declare themselves; logoutUser sends POST /v2/logout and then forgets the token.
    const sending = [...endpointsOf(sdk).map((spec) => spec.name), 'logoutUser']
    // syncTransactions is built from the list endpoints (defineSync), not an endpoint of its own;
    // parseConnectCallback only reads a URL.
    expect(functions.filter((name) => !sending.includes(name)).sort()).toEqual(
      [...AUTH_HELPERS, 'parseConnectCallback', 'syncTransactions'].sort(),
    )
    expect(sending.length).toBeGreaterThan(50)
    const unrouted = sending.filter(
      (name) =>
        !answered.some(
          (call) =>
            call.operation === name &&
            call.status < 300 &&
            v2Api.routes.some(
              (route) => route.method === call.method && compilePattern(route.pattern)(call.path),
            ),
        ),
    )
    expect(unrouted).toEqual([])
  })
})
