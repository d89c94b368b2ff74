import { describe, expect, it } from 'vitest'
import * as core from '../../src/core/index.js'
import type { BridgeError } from '../../src/v2/index.js'
import * as sdk from '../../src/v2/index.js'
import { fakeBridge, json, userContext } from './support.js'

type Result = { _tag: 'Left'; left: BridgeError } | { _tag: 'Right'; right: unknown }
const firstOf = async (list: AsyncIterable<unknown>): Promise<Result> => {
  for await (const item of list) return item as Result
  throw new Error('the list yielded nothing')
}

/** For each endpoint, a call with invalid parameters (cast: the types would refuse them). */
const invalidCalls: Record<string, (ctx: core.Context) => Promise<Result>> = {
  listBanks: (ctx) => firstOf(sdk.listBanks(ctx, { limit: 0 })),
  getBank: (ctx) => sdk.getBank(ctx, { bankId: -1 })(),
  listUsers: (ctx) => firstOf(sdk.listUsers(ctx, { limit: 501 })),
  getUser: (ctx) => sdk.getUser(ctx, { userUuid: '..' })(),
  createUser: (ctx) => sdk.createUser(ctx, { email: 'john@doe.com', password: '12345' })(),
  deleteUser: (ctx) => sdk.deleteUser(ctx, { userUuid: '' })(),
  authenticateUser: (ctx) => sdk.authenticateUser(ctx, { externalUserId: 'not valid!' })(),
  updateUserEmail: (ctx) =>
    sdk.updateUserEmail(ctx, { userUuid: 'u', password: 'password123', newEmail: 'nope' })(),
  updateUserPassword: (ctx) =>
    sdk.updateUserPassword(ctx, {
      userUuid: 'u',
      currentPassword: 'password123',
      newPassword: 'x'.repeat(72),
    })(),
  listCategories: (ctx) => firstOf(sdk.listCategories(ctx, { after: '' })),
  getCategory: (ctx) => sdk.getCategory(ctx, { categoryId: 1.5 })(),
  connectItem: (ctx) => sdk.connectItem(ctx, { bankId: 'demo' as never })(),
  editItem: (ctx) => sdk.editItem(ctx, {} as never)(),
  manageScaSyncItem: (ctx) => sdk.manageScaSyncItem(ctx, { itemId: 1, redirectUrl: 'not a url' })(),
  validateProItems: (ctx) => sdk.validateProItems(ctx, { context: '' })(),
  manageAccountsIban: (ctx) => sdk.manageAccountsIban(ctx, { redirectUrl: 'ftp:' })(),
  // Reads a URL (no context, no request).
  parseConnectCallback: async () => sdk.parseConnectCallback('/back?success=maybe'),
  listItems: (ctx) => firstOf(sdk.listItems(ctx, { limit: 1.5 })),
  getItem: (ctx) => sdk.getItem(ctx, { itemId: Number.NaN })(),
  deleteItem: (ctx) => sdk.deleteItem(ctx, { itemId: '8170358' as never })(),
  refreshItem: (ctx) => sdk.refreshItem(ctx, {} as never)(),
  getItemRefreshStatus: (ctx) => sdk.getItemRefreshStatus(ctx, { itemId: 2 ** 60 })(),
  listAccounts: (ctx) => firstOf(sdk.listAccounts(ctx, { itemId: -3 })),
  getAccount: (ctx) => sdk.getAccount(ctx, {} as never)(),
  listTransactions: (ctx) => firstOf(sdk.listTransactions(ctx, { since: '2023-13-45' })),
  syncTransactions: (ctx) => firstOf(sdk.syncTransactions(ctx, { cursor: 'not a cursor' })),
  listUpdatedTransactions: (ctx) => firstOf(sdk.listUpdatedTransactions(ctx, { since: 'yesterday' })),
  getTransaction: (ctx) => sdk.getTransaction(ctx, { transactionId: -1 })(),
  listAccountTransactions: (ctx) =>
    firstOf(sdk.listAccountTransactions(ctx, { accountId: 1, until: new Date('x') })),
  listAccountUpdatedTransactions: (ctx) => firstOf(sdk.listAccountUpdatedTransactions(ctx, {} as never)),
  listStocks: (ctx) => firstOf(sdk.listStocks(ctx, { limit: -1 })),
  listUpdatedStocks: (ctx) => firstOf(sdk.listUpdatedStocks(ctx, { since: '2019-01-01' })),
  getStock: (ctx) => sdk.getStock(ctx, { stockId: 0.5 })(),
  getCategoryInsights: (ctx) => sdk.getCategoryInsights(ctx, { fullyAnalyzedMonth: 4 })(),
  createPaymentLink: (ctx) =>
    sdk.createPaymentLink(ctx, {
      user: { firstName: 'John' } as never,
      transactions: [],
      clientReference: 'r',
    })(),
  listPaymentLinks: (ctx) => firstOf(sdk.listPaymentLinks(ctx, { limit: 0 })),
  getPaymentLink: (ctx) => sdk.getPaymentLink(ctx, { paymentLinkId: '.' })(),
  revokePaymentLink: (ctx) => sdk.revokePaymentLink(ctx, { paymentLinkId: 'a\nb' })(),
  createPaymentRequest: (ctx) =>
    sdk.createPaymentRequest(ctx, {
      bankId: 574,
      transactions: [{ amount: 10, currency: 'euro', label: 'x' }],
      user: { name: 'A' },
    })(),
  listPaymentRequests: (ctx) => firstOf(sdk.listPaymentRequests(ctx, { status: [] })),
  getPaymentRequest: (ctx) => sdk.getPaymentRequest(ctx, { paymentRequestId: '' })(),
  createRefund: (ctx) => sdk.createRefund(ctx, { paymentAccountTransactionId: 't', amount: 0 })(),
  createPayout: (ctx) => sdk.createPayout(ctx, { beneficiaryId: 'b', amount: 1, label: '' })(),
  getPayout: (ctx) => sdk.getPayout(ctx, { payoutId: '..' })(),
  getRefund: (ctx) => sdk.getRefund(ctx, { refundId: '' })(),
  listRefunds: (ctx) => firstOf(sdk.listRefunds(ctx, { limit: 0 })),
  listBeneficiaries: (ctx) => firstOf(sdk.listBeneficiaries(ctx, { after: '' })),
  listPayouts: (ctx) => firstOf(sdk.listPayouts(ctx, { limit: 501 })),
  sendTransfer: (ctx) =>
    sdk.sendTransfer(ctx, { beneficiary: { name: 'A', iban: 'fr76 3000' }, amount: 1 })(),
  sendBulkTransfer: (ctx) => sdk.sendBulkTransfer(ctx, { clientReference: 'r', transfers: [] })(),
  listTransfers: (ctx) => firstOf(sdk.listTransfers(ctx, { limit: 1000 })),
  getTransfer: (ctx) => sdk.getTransfer(ctx, { transferId: '' })(),
  listBulkTransfers: (ctx) => firstOf(sdk.listBulkTransfers(ctx, { after: '' })),
  getBulkTransfer: (ctx) => sdk.getBulkTransfer(ctx, { bulkTransferId: '..' })(),
  listSenderAccounts: (ctx) => firstOf(sdk.listSenderAccounts(ctx, { limit: 0 })),
}

/** Endpoints that take no parameters, so no input can be invalid. */
const withoutParameters = [
  'deleteAllUsers',
  'getBankConnectorsStatus',
  'getEmailValidation',
  'getAccountsInformation',
  'refreshSenderAccounts',
  'logoutUser',
  'renewAuth',
  'isAuthenticated',
  'setUserToken',
]

describe('invalid input', () => {
  it('every v2 function is covered by this table or takes no parameters', () => {
    const coreNames = new Set(Object.keys(core))
    const functions = Object.entries(sdk)
      .filter(([name, value]) => typeof value === 'function' && !coreNames.has(name))
      .map(([name]) => name)
      .sort()
    expect(functions).toEqual([...Object.keys(invalidCalls), ...withoutParameters].sort())
  })

  it.each(Object.entries(invalidCalls))(
    '%s gives an InputValidationError and sends nothing',
    async (name, call) => {
      const bridge = fakeBridge(() => json(200, {}))
      const result = await call(userContext(bridge.fetch))
      expect(result._tag).toBe('Left')
      expect(result).toMatchObject({ left: { _tag: 'InputValidationError', operation: name } })
      expect(bridge.requests).toHaveLength(0)
    },
  )
})
