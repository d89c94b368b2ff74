/**
 * `bridgeapi/v2`: the Bridge API version 2021-06-01 (paths `/v2/...`), one function per endpoint.
 * @module
 */

export type { ConnectCallbackStep } from '../common/connect-callback.js'
export * from '../core/index.js'
export { GetAccountParams, getAccount } from './accounts/get-account.js'
export { getAccountsInformation } from './accounts/get-accounts-information.js'
export { ListAccountsParams, listAccounts } from './accounts/list-accounts.js'
export {
  Account,
  AccountInformationAccount,
  AccountsInformation,
  AccountType,
  LoanDetails,
  SavingsDetails,
} from './accounts/models.js'
export { isAuthenticated } from './auth/is-authenticated.js'
export { logoutUser } from './auth/logout-user.js'
export { renewAuth } from './auth/renew-auth.js'
export { setUserToken } from './auth/set-user-token.js'
export { GetBankParams, getBank } from './banks/get-bank.js'
export { getBankConnectorsStatus } from './banks/get-bank-connectors-status.js'
export { ListBanksParams, listBanks } from './banks/list-banks.js'
export { Bank, BankCapability, BankFormField, ConnectorStatus } from './banks/models.js'
export { GetCategoryParams, getCategory } from './categories/get-category.js'
export { listCategories } from './categories/list-categories.js'
export { Category, ChildCategory, ParentCategory } from './categories/models.js'
export { ConnectItemParams, connectItem } from './connect/connect-item.js'
export { EditItemParams, editItem } from './connect/edit-item.js'
export { ManageAccountsIbanParams, manageAccountsIban } from './connect/manage-accounts-iban.js'
export { ManageScaSyncItemParams, manageScaSyncItem } from './connect/manage-sca-sync-item.js'
export { ConnectUrl } from './connect/models.js'
export { type ConnectCallback, parseConnectCallback } from './connect/parse-connect-callback.js'
export { ValidateProItemsParams, validateProItems } from './connect/validate-pro-items.js'
export { GetCategoryInsightsParams, getCategoryInsights } from './insights/get-category-insights.js'
export { CategoryInsights } from './insights/models.js'
export { DeleteItemParams, deleteItem } from './items/delete-item.js'
export { GetItemParams, getItem } from './items/get-item.js'
export { GetItemRefreshStatusParams, getItemRefreshStatus } from './items/get-item-refresh-status.js'
export { listItems } from './items/list-items.js'
export { Item, ItemStatusCode, Mfa, RefreshStatus, RefreshStatusValue } from './items/models.js'
export { RefreshItemParams, refreshItem } from './items/refresh-item.js'
export { CreatePayoutParams, createPayout } from './payment-account/create-payout.js'
export { CreateRefundParams, createRefund } from './payment-account/create-refund.js'
export { GetPayoutParams, getPayout } from './payment-account/get-payout.js'
export { GetRefundParams, getRefund } from './payment-account/get-refund.js'
export { listBeneficiaries } from './payment-account/list-beneficiaries.js'
export { listPayouts } from './payment-account/list-payouts.js'
export { listRefunds } from './payment-account/list-refunds.js'
export { Beneficiary, PaymentAccountStatus, Payout, Refund } from './payment-account/models.js'
export { CreatePaymentLinkParams, createPaymentLink } from './payment-links/create-payment-link.js'
export { GetPaymentLinkParams, getPaymentLink } from './payment-links/get-payment-link.js'
export { listPaymentLinks } from './payment-links/list-payment-links.js'
export {
  CreatedPaymentLink,
  PaymentLink,
  PaymentLinkParty,
  PaymentLinkStatus,
} from './payment-links/models.js'
export { RevokePaymentLinkParams, revokePaymentLink } from './payment-links/revoke-payment-link.js'
export {
  CreatePaymentRequestParams,
  createPaymentRequest,
} from './payment-requests/create-payment-request.js'
export { GetPaymentRequestParams, getPaymentRequest } from './payment-requests/get-payment-request.js'
export { ListPaymentRequestsParams, listPaymentRequests } from './payment-requests/list-payment-requests.js'
export {
  CreatedPaymentRequest,
  PaymentBeneficiary,
  PaymentRequest,
  PaymentRequestTransaction,
  PaymentStatus,
} from './payment-requests/models.js'
export { GetStockParams, getStock } from './stocks/get-stock.js'
export { listStocks } from './stocks/list-stocks.js'
export { ListUpdatedStocksParams, listUpdatedStocks } from './stocks/list-updated-stocks.js'
export { Stock } from './stocks/models.js'
export { GetTransactionParams, getTransaction } from './transactions/get-transaction.js'
export {
  ListAccountTransactionsParams,
  listAccountTransactions,
} from './transactions/list-account-transactions.js'
export {
  ListAccountUpdatedTransactionsParams,
  listAccountUpdatedTransactions,
} from './transactions/list-account-updated-transactions.js'
export { ListTransactionsParams, listTransactions } from './transactions/list-transactions.js'
export {
  ListUpdatedTransactionsParams,
  listUpdatedTransactions,
} from './transactions/list-updated-transactions.js'
export { Transaction } from './transactions/models.js'
export { syncTransactions } from './transactions/sync-transactions.js'
export { GetBulkTransferParams, getBulkTransfer } from './transfers/get-bulk-transfer.js'
export { GetTransferParams, getTransfer } from './transfers/get-transfer.js'
export { listBulkTransfers } from './transfers/list-bulk-transfers.js'
export { listSenderAccounts } from './transfers/list-sender-accounts.js'
export { listTransfers } from './transfers/list-transfers.js'
export {
  BulkTransfer,
  BulkTransferItem,
  SenderAccount,
  Transfer,
  TransferBeneficiary,
  TransferStatus,
  TransferUrl,
} from './transfers/models.js'
export { refreshSenderAccounts } from './transfers/refresh-sender-accounts.js'
export { SendBulkTransferParams, sendBulkTransfer } from './transfers/send-bulk-transfer.js'
export { SendTransferParams, sendTransfer } from './transfers/send-transfer.js'
export { AuthenticateUserParams, authenticateUser } from './users/authenticate-user.js'
export { CreateUserParams, createUser } from './users/create-user.js'
export { deleteAllUsers } from './users/delete-all-users.js'
export { DeleteUserParams, deleteUser } from './users/delete-user.js'
export { getEmailValidation } from './users/get-email-validation.js'
export { GetUserParams, getUser } from './users/get-user.js'
export { listUsers } from './users/list-users.js'
export { EmailValidation, User, UserAuthInfo } from './users/models.js'
export { UpdateUserEmailParams, updateUserEmail } from './users/update-user-email.js'
export { UpdateUserPasswordParams, updateUserPassword } from './users/update-user-password.js'
