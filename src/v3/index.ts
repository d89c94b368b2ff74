/** Every 2025-01-15 endpoint, its parameters and its models. */

export { GetAccountParams, getAccount } from './accounts/get-account.js'
export { ListAccountsParams, listAccounts } from './accounts/list-accounts.js'
export { Account, AccountType, LoanDetails } from './accounts/models.js'
export {
  CreateAuthorizationTokenParams,
  createAuthorizationToken,
} from './auth/create-authorization-token.js'
export { isAuthenticated } from './auth/is-authenticated.js'
export { renewAuth } from './auth/renew-auth.js'
export { setUserToken } from './auth/set-user-token.js'
export { GetProviderParams, getProvider } from './providers/get-provider.js'
export { ListProvidersParams, listProviders } from './providers/list-providers.js'
export { Provider, ProviderCapability } from './providers/models.js'
export { GetTransactionParams, getTransaction } from './transactions/get-transaction.js'
export { ListTransactionsParams, listTransactions } from './transactions/list-transactions.js'
export { Transaction } from './transactions/models.js'
export { CreateUserParams, createUser } from './users/create-user.js'
export { DeleteUserParams, deleteUser } from './users/delete-user.js'
export { GetUserParams, getUser } from './users/get-user.js'
export { listUsers } from './users/list-users.js'
export { AuthorizationToken, User } from './users/models.js'
