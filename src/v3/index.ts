/** Every 2025-01-15 endpoint, its parameters and its models. */

export type { ConnectCallbackStep } from '../common/connect-callback.js'
export { AmountParam } from '../common/params.js'
export {
  GetAccountParams,
  getAccount,
} from './accounts/get-account.js'
export { getAccountsInformation } from './accounts/get-accounts-information.js'
export { ListAccountsParams, listAccounts } from './accounts/list-accounts.js'
export {
  Account,
  AccountIdentity,
  AccountsInformation,
  AccountType,
  LoanDetails,
} from './accounts/models.js'
export { CreateApplicationParams, createApplication } from './applications/create-application.js'
export {
  CreateAuthorizationTokenParams,
  createAuthorizationToken,
} from './auth/create-authorization-token.js'
export { isAuthenticated } from './auth/is-authenticated.js'
export { renewAuth } from './auth/renew-auth.js'
export { setUserToken } from './auth/set-user-token.js'
export { GetCategoryParams, getCategory } from './categories/get-category.js'
export { listCategories } from './categories/list-categories.js'
export { Category, ParentCategory, SubCategory } from './categories/models.js'
export {
  CreateConnectSessionParams,
  createConnectSession,
} from './connect-sessions/create-connect-session.js'
export {
  CreateUserManagementSessionParams,
  createUserManagementSession,
} from './connect-sessions/create-user-management-session.js'
export { AccountTypesParam, ConnectSession } from './connect-sessions/models.js'
export { type ConnectCallback, parseConnectCallback } from './connect-sessions/parse-connect-callback.js'
export {
  CreateGuidanceConsentParams,
  createGuidanceConsent,
} from './guidance/create-guidance-consent.js'
export {
  CreateGuidanceSessionParams,
  createGuidanceSession,
} from './guidance/create-guidance-session.js'
export { GetGuidanceHealthParams, getGuidanceHealth } from './guidance/get-guidance-health.js'
export { GuidanceDomain, GuidanceHealth, GuidanceSession } from './guidance/models.js'
export {
  RevokeGuidanceConsentParams,
  revokeGuidanceConsent,
} from './guidance/revoke-guidance-consent.js'
export { getCategoryInsights } from './insights/get-category-insights.js'
export { CategoryInsights, GlobalCategoryKpi, MonthlyCategoryKpi } from './insights/models.js'
export { DeleteItemParams, deleteItem } from './items/delete-item.js'
export { GetItemParams, getItem } from './items/get-item.js'
export { listItems } from './items/list-items.js'
export { Item, ItemStatusCodeInfo } from './items/models.js'
export { CreatePayoutParams, createPayout } from './payment-account/create-payout.js'
export { CreateRefundParams, createRefund } from './payment-account/create-refund.js'
export { GetPayoutParams, getPayout } from './payment-account/get-payout.js'
export { GetRefundParams, getRefund } from './payment-account/get-refund.js'
export { listBeneficiaries } from './payment-account/list-beneficiaries.js'
export { listPayouts } from './payment-account/list-payouts.js'
export { listRefunds } from './payment-account/list-refunds.js'
export {
  Beneficiary,
  Payout,
  PayoutStatus,
  Refund,
  RefundStatus,
} from './payment-account/models.js'
export {
  CreatePaymentConsentParams,
  createPaymentConsent,
} from './payment-consents/create-payment-consent.js'
export { PaymentConsent } from './payment-consents/models.js'
export { CreatePaymentLinkParams, createPaymentLink } from './payment-links/create-payment-link.js'
export { GetPaymentLinkParams, getPaymentLink } from './payment-links/get-payment-link.js'
export { ListPaymentLinksParams, listPaymentLinks } from './payment-links/list-payment-links.js'
export {
  FundInformation,
  FundStatus,
  PaymentAccountTransaction,
  PaymentLink,
  PaymentLinkCreated,
  PaymentLinkPaymentStatus,
  PaymentLinkStatus,
  PaymentLinkTransaction,
} from './payment-links/models.js'
export { RevokePaymentLinkParams, revokePaymentLink } from './payment-links/revoke-payment-link.js'
export {
  CreatePaymentRequestParams,
  createPaymentRequest,
} from './payment-requests/create-payment-request.js'
export { GetPaymentRequestParams, getPaymentRequest } from './payment-requests/get-payment-request.js'
export {
  ListPaymentRequestsParams,
  listPaymentRequests,
} from './payment-requests/list-payment-requests.js'
export {
  LenientProviderId,
  PaymentRequest,
  PaymentRequestCreated,
  PaymentRequestResponse,
  PaymentRequestTransaction,
} from './payment-requests/models.js'
export {
  BeneficiaryParam,
  PaymentAmountParam,
  PaymentConsentUserParam,
  PaymentMetadataParam,
  PaymentParty,
  PaymentStatus,
  PaymentUserParam,
} from './payments/models.js'
export { GetProviderParams, getProvider } from './providers/get-provider.js'
export { ListProvidersParams, listProviders } from './providers/list-providers.js'
export { Provider, ProviderCapability } from './providers/models.js'
export { GetStockParams, getStock } from './stocks/get-stock.js'
export { ListStocksParams, listStocks } from './stocks/list-stocks.js'
export { Stock } from './stocks/models.js'
export { GetTransactionParams, getTransaction } from './transactions/get-transaction.js'
export { ListTransactionsParams, listTransactions } from './transactions/list-transactions.js'
export { Transaction } from './transactions/models.js'
export { syncTransactions } from './transactions/sync-transactions.js'
export { CreateUserParams, createUser } from './users/create-user.js'
export { DeleteUserParams, deleteUser } from './users/delete-user.js'
export { GetUserParams, getUser } from './users/get-user.js'
export { listUsers } from './users/list-users.js'
export { AuthorizationToken, User } from './users/models.js'
